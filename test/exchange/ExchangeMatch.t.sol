// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

import {ExchangeFixture} from "./ExchangeFixture.sol";
import {MockNegRiskSplitter} from "./MockNegRiskSplitter.sol";
import {ERC1271Wallet} from "./ERC1271Wallet.sol";
import {IExchangeRegistry} from "../../contracts/interfaces/exchange/IExchangeRegistry.sol";
import {IExchangeRoles} from "../../contracts/interfaces/exchange/IExchangeRoles.sol";
import {IMatching} from "../../contracts/interfaces/exchange/IMatching.sol";
import {IOrderValidation} from "../../contracts/interfaces/exchange/IOrderValidation.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {Order, SignatureType} from "../../contracts/libraries/OrderStructs.sol";

/// @notice matchOrders: COMPLEMENTARY, MINT, MERGE, mixed, fees, adapter path and every revert.
contract ExchangeMatchTest is ExchangeFixture {
    struct Balances {
        uint256 usd;
        uint256 yes;
        uint256 no;
    }

    function _balances(address who) internal view returns (Balances memory b) {
        b = Balances(usd.balanceOf(who), ctf.balanceOf(who, yes), ctf.balanceOf(who, no));
    }

    // ------------------------------------------------------------------ COMPLEMENTARY

    function test_matchOrders_complementary_takerBuyGetsPriceImprovement() public {
        // Taker buys 100 YES at up to 0.60; maker sells 100 YES at 0.50: the taker pays 50.
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        uint256 ctfUsd = usd.balanceOf(address(ctf));

        vm.expectEmit(address(exchange));
        emit IMatching.OrderFilled(exchange.hashOrder(maker), bob, alice, yes, 0, 100 * USDC, 50 * USDC, 0);
        vm.expectEmit(address(exchange));
        emit IMatching.OrderFilled(
            exchange.hashOrder(taker),
            alice,
            address(exchange),
            0,
            yes,
            50 * USDC,
            100 * USDC,
            0
        );
        _match(taker, maker, 60 * USDC, 100 * USDC);

        assertEq(a0.usd - usd.balanceOf(alice), 50 * USDC, "taker paid the maker's price");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 100 * USDC, "taker got the tokens");
        assertEq(usd.balanceOf(bob) - b0.usd, 50 * USDC, "maker got its price");
        assertEq(b0.yes - ctf.balanceOf(bob, yes), 100 * USDC, "maker gave the tokens");
        assertEq(usd.balanceOf(address(ctf)), ctfUsd, "no split or merge");
        (bool done, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(taker));
        assertTrue(done, "taker order consumed by its fill amount");
        assertEq(remaining, 0, "remaining");
        _assertExchangeEmpty();
    }

    function test_matchOrders_complementary_takerSell() public {
        // Taker sells 50 NO at 0.30 or better; maker buys 50 NO at 0.35.
        Order memory taker = _signed(alice, no, SELL, 50 * USDC, 15 * USDC);
        Order memory maker = _signed(bob, no, BUY, 17_500_000, 50 * USDC);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        _match(taker, maker, 50 * USDC, 17_500_000);
        assertEq(usd.balanceOf(alice) - a0.usd, 17_500_000, "taker sold at the maker's better price");
        assertEq(a0.no - ctf.balanceOf(alice, no), 50 * USDC, "taker gave NO");
        assertEq(ctf.balanceOf(bob, no) - b0.no, 50 * USDC, "maker got NO");
        _assertExchangeEmpty();
    }

    function test_matchOrders_complementary_partialTakerFill() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 40 * USDC, 20 * USDC);
        _match(taker, maker, 24 * USDC, 40 * USDC);
        (bool done, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(taker));
        assertFalse(done, "taker order still open");
        assertEq(remaining, 36 * USDC, "taker consumed its fill amount");
    }

    // ------------------------------------------------------------------ MINT

    function test_matchOrders_mint_splitsOneFullSet() public {
        // Taker buys 100 YES at 0.60; makers buy 40 and 60 NO at 0.40: one split of 100 sets.
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory m1 = _signed(bob, no, BUY, 16 * USDC, 40 * USDC);
        Order memory m2 = _signed(carol, no, BUY, 24 * USDC, 60 * USDC);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        Balances memory c0 = _balances(carol);
        uint256 ctfUsd = usd.balanceOf(address(ctf));

        vm.recordLogs();
        vm.prank(operator);
        exchange.matchOrders(taker, _two(m1, m2), 60 * USDC, _two(16 * USDC, 24 * USDC));
        uint256 splits;
        bytes32 splitTopic = IConditionalTokens.PositionSplit.selector;
        RecordedLog[] memory logs = _logs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(ctf) && logs[i].topics[0] == splitTopic) splits += 1;
        }
        assertEq(splits, 1, "one split for the whole match");
        assertEq(usd.balanceOf(address(ctf)) - ctfUsd, 100 * USDC, "100 sets minted");
        assertEq(a0.usd - usd.balanceOf(alice), 60 * USDC, "taker paid 0.60 x 100");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 100 * USDC, "taker got 100 YES");
        assertEq(ctf.balanceOf(bob, no) - b0.no, 40 * USDC, "maker 1 got 40 NO");
        assertEq(b0.usd - usd.balanceOf(bob), 16 * USDC, "maker 1 paid 16");
        assertEq(ctf.balanceOf(carol, no) - c0.no, 60 * USDC, "maker 2 got 60 NO");
        _assertExchangeEmpty();
    }

    function test_matchOrders_mint_takerKeepsPriceImprovement() public {
        // Taker bids 0.70 for YES, maker bids 0.40 for NO: the taker pays 0.60.
        Order memory taker = _signed(alice, yes, BUY, 70 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, no, BUY, 40 * USDC, 100 * USDC);
        uint256 aliceUsd = usd.balanceOf(alice);
        _match(taker, maker, 70 * USDC, 40 * USDC);
        assertEq(aliceUsd - usd.balanceOf(alice), 60 * USDC, "taker paid 1 - 0.40 per YES");
        _assertExchangeEmpty();
    }

    // ------------------------------------------------------------------ MERGE

    function test_matchOrders_merge_mergesOneFullSet() public {
        // Taker sells 100 YES at 0.55+, maker sells 100 NO at 0.40: merge 100 sets.
        Order memory taker = _signed(alice, yes, SELL, 100 * USDC, 55 * USDC);
        Order memory maker = _signed(bob, no, SELL, 100 * USDC, 40 * USDC);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        uint256 ctfUsd = usd.balanceOf(address(ctf));
        _match(taker, maker, 100 * USDC, 100 * USDC);
        assertEq(ctfUsd - usd.balanceOf(address(ctf)), 100 * USDC, "100 sets merged");
        assertEq(usd.balanceOf(alice) - a0.usd, 60 * USDC, "taker got 1 - 0.40 per YES");
        assertEq(a0.yes - ctf.balanceOf(alice, yes), 100 * USDC, "taker gave YES");
        assertEq(usd.balanceOf(bob) - b0.usd, 40 * USDC, "maker got its price");
        assertEq(b0.no - ctf.balanceOf(bob, no), 100 * USDC, "maker gave NO");
        _assertExchangeEmpty();
    }

    // ------------------------------------------------------------------ mixed and fees

    function test_matchOrders_mixedComplementaryAndMint() public {
        // Taker buys 100 YES at 0.60: 50 from a YES seller at 0.55, 50 minted against a NO bid at 0.45.
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory seller = _signed(bob, yes, SELL, 50 * USDC, 27_500_000);
        Order memory bidder = _signed(carol, no, BUY, 22_500_000, 50 * USDC);
        Balances memory a0 = _balances(alice);
        vm.prank(operator);
        exchange.matchOrders(taker, _two(seller, bidder), 55 * USDC, _two(50 * USDC, 22_500_000));
        assertEq(a0.usd - usd.balanceOf(alice), 55 * USDC, "27.5 to the seller + 27.5 into the split");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 100 * USDC, "100 YES");
        _assertExchangeEmpty();
    }

    function test_matchOrders_mixedComplementaryAndMerge() public {
        Order memory taker = _signed(alice, yes, SELL, 100 * USDC, 50 * USDC);
        Order memory buyer = _signed(bob, yes, BUY, 30 * USDC, 50 * USDC);
        Order memory noSeller = _signed(carol, no, SELL, 50 * USDC, 20 * USDC);
        Balances memory a0 = _balances(alice);
        vm.prank(operator);
        exchange.matchOrders(taker, _two(buyer, noSeller), 100 * USDC, _two(30 * USDC, 50 * USDC));
        assertEq(usd.balanceOf(alice) - a0.usd, 60 * USDC, "30 from the buyer + 30 from the merge");
        assertEq(a0.yes - ctf.balanceOf(alice, yes), 100 * USDC, "100 YES sold");
        _assertExchangeEmpty();
    }

    function _withFee(Order memory order, uint256 feeRateBps, uint256 key) internal view returns (Order memory) {
        order.feeRateBps = feeRateBps;
        return _sign(order, key);
    }

    function test_matchOrders_complementaryFees() public {
        // Taker BUY 100 YES at 0.50 (100 bps): fee 1% * 0.5 * 100 / 0.5 = 1 YES.
        // Maker SELL 100 YES at 0.50 (200 bps): fee 2% * 0.5 * 100 = 1 USD.
        Order memory taker = _withFee(_order(alice, yes, BUY, 50 * USDC, 100 * USDC), 100, aliceKey);
        Order memory maker = _withFee(_order(bob, yes, SELL, 100 * USDC, 50 * USDC), 200, bobKey);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        Balances memory f0 = _balances(feeRecipient);
        _match(taker, maker, 50 * USDC, 100 * USDC);
        assertEq(ctf.balanceOf(feeRecipient, yes) - f0.yes, 1 * USDC, "taker fee in YES");
        assertEq(usd.balanceOf(feeRecipient) - f0.usd, 1 * USDC, "maker fee in collateral");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 99 * USDC, "taker net tokens");
        assertEq(a0.usd - usd.balanceOf(alice), 50 * USDC, "taker paid 50 (49 to maker, 1 fee)");
        assertEq(usd.balanceOf(bob) - b0.usd, 49 * USDC, "maker net collateral");
        _assertExchangeEmpty();
    }

    function test_matchOrders_mintFees() public {
        // Taker BUY 100 YES at 0.60 (100 bps): fee 1% * 0.4 * 100 / 0.6 = 0.666667 YES (rounded up).
        // Maker BUY 100 NO at 0.40 (100 bps): fee 1% * 0.4 * 100 / 0.4 = 1 NO.
        Order memory taker = _withFee(_order(alice, yes, BUY, 60 * USDC, 100 * USDC), 100, aliceKey);
        Order memory maker = _withFee(_order(bob, no, BUY, 40 * USDC, 100 * USDC), 100, bobKey);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        _match(taker, maker, 60 * USDC, 40 * USDC);
        assertEq(ctf.balanceOf(feeRecipient, yes), 666_667, "taker fee rounded up");
        assertEq(ctf.balanceOf(feeRecipient, no), 1 * USDC, "maker fee");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 100 * USDC - 666_667, "taker net YES");
        assertEq(ctf.balanceOf(bob, no) - b0.no, 99 * USDC, "maker net NO");
        _assertExchangeEmpty();
    }

    function test_matchOrders_mergeFees() public {
        // Taker SELL 100 YES at 0.60 (100 bps): fee 1% * 0.4 * 100 = 0.4 USD.
        // Maker SELL 100 NO at 0.40 (100 bps): fee 1% * 0.4 * 100 = 0.4 USD.
        Order memory taker = _withFee(_order(alice, yes, SELL, 100 * USDC, 60 * USDC), 100, aliceKey);
        Order memory maker = _withFee(_order(bob, no, SELL, 100 * USDC, 40 * USDC), 100, bobKey);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        _match(taker, maker, 100 * USDC, 100 * USDC);
        assertEq(usd.balanceOf(feeRecipient), 800_000, "both fees in collateral");
        assertEq(usd.balanceOf(alice) - a0.usd, 60 * USDC - 400_000, "taker net");
        assertEq(usd.balanceOf(bob) - b0.usd, 40 * USDC - 400_000, "maker net");
        _assertExchangeEmpty();
    }

    function test_matchOrders_complementaryTakerSellFees() public {
        // Taker SELL 100 NO at 0.40 (100 bps): fee 1% * 0.4 * 100 = 0.4 collateral, from its proceeds.
        // Maker BUY 100 NO at 0.40 (250 bps): fee 2.5% * 0.4 * 100 / 0.4 = 2.5 NO, paid by the taker.
        Order memory taker = _withFee(_order(alice, no, SELL, 100 * USDC, 40 * USDC), 100, aliceKey);
        Order memory maker = _withFee(_order(bob, no, BUY, 40 * USDC, 100 * USDC), 250, bobKey);
        Balances memory a0 = _balances(alice);
        Balances memory b0 = _balances(bob);
        _match(taker, maker, 100 * USDC, 40 * USDC);
        assertEq(usd.balanceOf(feeRecipient), 400_000, "taker fee in collateral");
        assertEq(ctf.balanceOf(feeRecipient, no), 2_500_000, "maker fee in NO");
        assertEq(usd.balanceOf(alice) - a0.usd, 40 * USDC - 400_000, "taker net collateral");
        assertEq(a0.no - ctf.balanceOf(alice, no), 100 * USDC, "taker gave 100 NO (97.5 + 2.5 fee)");
        assertEq(ctf.balanceOf(bob, no) - b0.no, 97_500_000, "maker net NO");
        _assertExchangeEmpty();
    }

    function test_matchOrders_takerFeeBeyondMintedProceedsIsPaidByTaker() public {
        // Taker BUY 100 YES at 0.50 (1000 bps) = 10 YES fee: 99 YES come directly from a seller,
        // only 1 YES is minted, so 1 YES of the fee comes from the exchange and 9 from the taker.
        Order memory taker = _withFee(_order(alice, yes, BUY, 50 * USDC, 100 * USDC), 1_000, aliceKey);
        Order memory seller = _signed(bob, yes, SELL, 99 * USDC, 49_500_000);
        Order memory bidder = _signed(carol, no, BUY, 500_000, 1 * USDC);
        Balances memory a0 = _balances(alice);
        vm.prank(operator);
        exchange.matchOrders(taker, _two(seller, bidder), 50 * USDC, _two(99 * USDC, 500_000));
        assertEq(ctf.balanceOf(feeRecipient, yes), 10 * USDC, "fee 10% * 0.5 * 100 / 0.5");
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 90 * USDC, "taker net YES");
        assertEq(a0.usd - usd.balanceOf(alice), 50 * USDC, "taker paid 49.5 + 0.5");
        _assertExchangeEmpty();
    }

    function test_matchOrders_eip1271WalletMaker() public {
        ERC1271Wallet wallet = new ERC1271Wallet(carol);
        vm.prank(carol);
        ctf.safeTransferFrom(carol, address(wallet), yes, 100 * USDC, "");
        vm.prank(carol);
        wallet.execute(address(ctf), abi.encodeCall(IERC1155.setApprovalForAll, (address(exchange), true)));
        Order memory maker = _order(address(wallet), yes, SELL, 100 * USDC, 50 * USDC);
        maker.signatureType = uint8(SignatureType.POLY_1271);
        maker = _sign(maker, carolKey);
        Order memory taker = _signed(alice, yes, BUY, 50 * USDC, 100 * USDC);
        _match(taker, maker, 50 * USDC, 100 * USDC);
        assertEq(usd.balanceOf(address(wallet)), 50 * USDC, "wallet paid");
        assertEq(ctf.balanceOf(address(wallet), yes), 0, "wallet sold");
    }

    function test_RevertWhen_orderFieldHasDirtyHighBits() public {
        // The order is hashed from its raw calldata words, so a narrow field with dirty high bits
        // must be rejected rather than hashed differently.
        Order memory order = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        bytes memory data = abi.encodeCall(exchange.fillOrder, (order, 100 * USDC));
        // Layout: selector, offset, fillAmount, then the order head; side is the 11th head word.
        uint256 sideWord = 4 + 32 * 3 + 32 * 10;
        data[sideWord + 30] = 0x01; // side = 0x0101 instead of 0x01
        vm.prank(operator);
        (bool ok, ) = address(exchange).call(data);
        assertFalse(ok, "dirty side rejected");
        (bool done, ) = exchange.getOrderStatus(exchange.hashOrder(order));
        assertFalse(done, "untouched");
    }

    // ------------------------------------------------------------------ mistaken deposits

    function test_matchOrders_neverPaysOutMistakenDeposits() public {
        vm.startPrank(carol);
        usd.transfer(address(exchange), 5 * USDC);
        ctf.safeTransferFrom(carol, address(exchange), yes, 7 * USDC, "");
        ctf.safeTransferFrom(carol, address(exchange), no, 9 * USDC, "");
        vm.stopPrank();

        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, no, BUY, 40 * USDC, 100 * USDC);
        Balances memory a0 = _balances(alice);
        _match(taker, maker, 60 * USDC, 40 * USDC);
        assertEq(ctf.balanceOf(alice, yes) - a0.yes, 100 * USDC, "taker got exactly its fill");
        assertEq(usd.balanceOf(address(exchange)), 5 * USDC, "collateral deposit untouched");
        assertEq(ctf.balanceOf(address(exchange), yes), 7 * USDC, "YES deposit untouched");
        assertEq(ctf.balanceOf(address(exchange), no), 9 * USDC, "NO deposit untouched");
    }

    // ------------------------------------------------------------------ adapter path

    function test_matchOrders_mintAndMergeThroughNegRiskAdapter() public {
        (MockNegRiskSplitter adapter, , uint256 a, uint256 b) = _registerNegRiskPair();

        Order memory taker = _signed(alice, a, BUY, 70 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, b, BUY, 30 * USDC, 100 * USDC);
        _match(taker, maker, 70 * USDC, 30 * USDC);
        assertEq(ctf.balanceOf(alice, a), 100 * USDC, "taker got adapter YES");
        assertEq(ctf.balanceOf(bob, b), 100 * USDC, "maker got adapter NO");
        assertEq(usd.balanceOf(address(adapter)), 100 * USDC, "adapter holds the collateral");

        uint256 aliceUsd = usd.balanceOf(alice);
        Order memory sellA = _signed(alice, a, SELL, 100 * USDC, 60 * USDC);
        Order memory sellB = _signed(bob, b, SELL, 100 * USDC, 40 * USDC);
        _match(sellA, sellB, 100 * USDC, 100 * USDC);
        assertEq(usd.balanceOf(alice) - aliceUsd, 60 * USDC, "taker merged out");
        assertEq(usd.balanceOf(address(adapter)), 0, "adapter paid back");
        assertEq(ctf.balanceOf(address(exchange), a) + ctf.balanceOf(address(exchange), b), 0, "exchange empty");
        _assertExchangeEmpty();
    }

    // ------------------------------------------------------------------ reverts

    function test_RevertWhen_matchByNonOperator() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotOperator.selector, bob));
        exchange.matchOrders(taker, _one(maker), 50 * USDC, _one(100 * USDC));
    }

    function test_RevertWhen_matchHasNoMakersOrLengthsDiffer() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IMatching.LengthMismatch.selector, 0, 0));
        exchange.matchOrders(taker, new Order[](0), 50 * USDC, new uint256[](0));
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IMatching.LengthMismatch.selector, 1, 2));
        exchange.matchOrders(taker, _one(maker), 50 * USDC, _two(1, 2));
    }

    function test_RevertWhen_complementaryMakerTradesAnotherToken() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, no, SELL, 100 * USDC, 50 * USDC);
        _expectMatchReverts(
            abi.encodeWithSelector(IMatching.MismatchedTokenIds.selector, yes, no, yes),
            taker,
            maker,
            50 * USDC,
            100 * USDC
        );
    }

    function test_RevertWhen_mintMakerBuysTheSameToken() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, BUY, 40 * USDC, 100 * USDC);
        _expectMatchReverts(
            abi.encodeWithSelector(IMatching.MismatchedTokenIds.selector, yes, yes, no),
            taker,
            maker,
            60 * USDC,
            40 * USDC
        );
    }

    function test_RevertWhen_takerTokenNotRegistered() public {
        Order memory taker = _signed(alice, 31337, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, 31337, SELL, 100 * USDC, 50 * USDC);
        _expectMatchReverts(
            abi.encodeWithSelector(IExchangeRegistry.TokenNotRegistered.selector, 31337),
            taker,
            maker,
            50 * USDC,
            100 * USDC
        );
    }

    function test_RevertWhen_pricesDoNotCross() public {
        // Taker bids 0.40, maker asks 0.50: paying 50 for 100 exceeds a fill amount of 40.
        Order memory taker = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        _expectMatchReverts(
            abi.encodeWithSelector(IMatching.TakerOverspent.selector, 50 * USDC, 40 * USDC),
            taker,
            maker,
            40 * USDC,
            100 * USDC
        );
        // ...and a larger fill amount than the taker signed is refused.
        bytes32 takerHash = exchange.hashOrder(taker);
        _expectMatchReverts(
            abi.encodeWithSelector(IOrderValidation.FillExceedsRemaining.selector, takerHash, 50 * USDC, 40 * USDC),
            taker,
            maker,
            50 * USDC,
            100 * USDC
        );
    }

    function test_RevertWhen_takerReceivesLessThanItsPrice() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 50 * USDC, 30 * USDC);
        // Taker consumes 60 but only 50 tokens arrive (needs 100).
        _expectMatchReverts(
            abi.encodeWithSelector(IMatching.TakerUnderpaid.selector, 50 * USDC, 60 * USDC),
            taker,
            maker,
            60 * USDC,
            50 * USDC
        );
    }

    function test_RevertWhen_mintPricesSumBelowOne() public {
        // YES bid 0.50 + NO bid 0.40 < 1: the taker would have to pay 60 for 100 YES.
        Order memory taker = _signed(alice, yes, BUY, 50 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, no, BUY, 40 * USDC, 100 * USDC);
        _expectMatchReverts(
            abi.encodeWithSelector(IMatching.TakerOverspent.selector, 60 * USDC, 50 * USDC),
            taker,
            maker,
            50 * USDC,
            40 * USDC
        );
    }

    function test_RevertWhen_privateMakerOrderMatchedWithAnotherTaker() public {
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _order(bob, yes, SELL, 100 * USDC, 50 * USDC);
        maker.taker = carol;
        maker = _sign(maker, bobKey);
        bytes32 makerHash = exchange.hashOrder(maker);
        _expectMatchReverts(
            abi.encodeWithSelector(IOrderValidation.NotOrderTaker.selector, makerHash, carol, alice),
            taker,
            maker,
            60 * USDC,
            100 * USDC
        );
    }

    function test_RevertWhen_makerOrderAlreadyFilled() public {
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        _match(_signed(alice, yes, BUY, 50 * USDC, 100 * USDC), maker, 50 * USDC, 100 * USDC);
        Order memory taker = _signed(carol, yes, BUY, 50 * USDC, 100 * USDC);
        bytes32 makerHash = exchange.hashOrder(maker);
        _expectMatchReverts(
            abi.encodeWithSelector(IOrderValidation.OrderNotFillable.selector, makerHash),
            taker,
            maker,
            50 * USDC,
            100 * USDC
        );
    }

    // ------------------------------------------------------------------ log helper

    struct RecordedLog {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function _logs() internal returns (RecordedLog[] memory out) {
        bytes memory raw = abi.encode(vm.getRecordedLogs());
        out = abi.decode(raw, (RecordedLog[]));
    }
}

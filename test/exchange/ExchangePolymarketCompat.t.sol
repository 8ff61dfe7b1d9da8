// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExchangeFixture} from "./ExchangeFixture.sol";
import {Vm} from "../lib/Vm.sol";
import {IMatching} from "../../contracts/interfaces/exchange/IMatching.sol";
import {Order} from "../../contracts/libraries/OrderStructs.sol";

/// @notice What Polymarket's CTF Exchange tooling reads, on an exchange deployed with
/// `polymarketEvents`: `OrdersMatched` once per match, one `FeeCharged` per fee transfer (asset
/// 0 = collateral), and the read functions `isValidNonce`, `getCollateral`, `getCtf`,
/// `getMaxFeeRate` and `paused`.
contract ExchangePolymarketCompatTest is ExchangeFixture {
    function _polymarketEvents() internal pure override returns (bool) {
        return true;
    }

    struct FeeLog {
        address receiver;
        uint256 tokenId;
        uint256 amount;
    }

    function _withFee(Order memory order, uint256 feeRateBps) internal view returns (Order memory) {
        order.feeRateBps = feeRateBps;
        return _sign(order, _keyOf(order.maker));
    }

    /// @dev Every FeeCharged the exchange logged since `vm.recordLogs()`, in order.
    function _feeLogs() internal returns (FeeLog[] memory fees) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 count;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(exchange) && logs[i].topics[0] == IMatching.FeeCharged.selector) ++count;
        }
        fees = new FeeLog[](count);
        uint256 j;
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(exchange) || log.topics[0] != IMatching.FeeCharged.selector) continue;
            (uint256 tokenId, uint256 amount) = abi.decode(log.data, (uint256, uint256));
            fees[j++] = FeeLog(address(uint160(uint256(log.topics[1]))), tokenId, amount);
        }
    }

    /// @dev Matches one maker as the operator and returns the FeeCharged logs of that match.
    function _matchFees(
        Order memory taker,
        Order memory maker,
        uint256 takerFill,
        uint256 makerFill
    ) internal returns (FeeLog[] memory) {
        vm.recordLogs();
        _match(taker, maker, takerFill, makerFill);
        return _feeLogs();
    }

    function _countLogs(Vm.Log[] memory logs, bytes32 topic) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(exchange) && logs[i].topics[0] == topic) ++count;
        }
    }

    function _assertFee(FeeLog memory fee, uint256 tokenId, uint256 amount, string memory what) internal view {
        assertEq(fee.receiver, feeRecipient, string.concat(what, ": paid to the fee recipient"));
        assertEq(fee.tokenId, tokenId, string.concat(what, ": asset"));
        assertEq(fee.amount, amount, string.concat(what, ": amount"));
    }

    // ------------------------------------------------------------------ OrdersMatched

    function test_matchOrders_complementary_emitsOrdersMatchedAfterTakerFill() public {
        // Taker buys 100 YES at up to 0.60 from a seller at 0.50: gives 50, gets 100.
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        bytes32 takerHash = exchange.hashOrder(taker);
        vm.expectEmit(address(exchange));
        emit IMatching.OrderFilled(takerHash, alice, address(exchange), 0, yes, 50 * USDC, 100 * USDC, 0);
        vm.expectEmit(address(exchange));
        emit IMatching.OrdersMatched(takerHash, alice, 0, yes, 50 * USDC, 100 * USDC);
        _match(taker, maker, 60 * USDC, 100 * USDC);
    }

    function test_matchOrders_mint_emitsOrdersMatchedWithTakerAssets() public {
        // Taker BUY 100 YES at 0.60 against a BUY of 100 NO at 0.40: one full set of 100 minted.
        Order memory taker = _signed(alice, yes, BUY, 60 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, no, BUY, 40 * USDC, 100 * USDC);
        vm.expectEmit(address(exchange));
        emit IMatching.OrdersMatched(exchange.hashOrder(taker), alice, 0, yes, 60 * USDC, 100 * USDC);
        _match(taker, maker, 60 * USDC, 40 * USDC);
    }

    function test_matchOrders_merge_emitsOrdersMatchedWithTokenAsMakerAsset() public {
        // Taker SELL 100 YES at 0.60 against a SELL of 100 NO at 0.40: 100 full sets merged.
        Order memory taker = _signed(alice, yes, SELL, 100 * USDC, 60 * USDC);
        Order memory maker = _signed(bob, no, SELL, 100 * USDC, 40 * USDC);
        vm.expectEmit(address(exchange));
        emit IMatching.OrdersMatched(exchange.hashOrder(taker), alice, yes, 0, 100 * USDC, 60 * USDC);
        _match(taker, maker, 100 * USDC, 100 * USDC);
    }

    function test_matchOrders_severalMakers_emitsOneOrdersMatched() public {
        Order memory taker = _signed(alice, yes, BUY, 50 * USDC, 100 * USDC);
        Order[] memory makers = _two(
            _signed(bob, yes, SELL, 50 * USDC, 25 * USDC),
            _signed(carol, yes, SELL, 50 * USDC, 25 * USDC)
        );
        uint256[] memory fills = _two(50 * USDC, 50 * USDC);
        vm.recordLogs();
        vm.prank(operator);
        exchange.matchOrders(taker, makers, 50 * USDC, fills);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(_countLogs(logs, IMatching.OrdersMatched.selector), 1, "one OrdersMatched per match");
        assertEq(_countLogs(logs, IMatching.OrderFilled.selector), 3, "one OrderFilled per order");
    }

    function test_fillOrder_emitsNoOrdersMatched() public {
        Order memory order = _signed(alice, yes, SELL, 10 * USDC, 5 * USDC);
        vm.recordLogs();
        vm.prank(operator);
        exchange.fillOrder(order, 10 * USDC);
        assertEq(_countLogs(vm.getRecordedLogs(), IMatching.OrdersMatched.selector), 0, "only matches log it");
    }

    // ------------------------------------------------------------------ FeeCharged

    function test_matchOrders_withoutFees_emitsNoFeeCharged() public {
        Order memory taker = _signed(alice, yes, BUY, 50 * USDC, 100 * USDC);
        Order memory maker = _signed(bob, yes, SELL, 100 * USDC, 50 * USDC);
        assertEq(_matchFees(taker, maker, 50 * USDC, 100 * USDC).length, 0, "no fee, no FeeCharged");
    }

    function test_matchOrders_complementaryFees_emitsFeeChargedPerAsset() public {
        // Maker SELL at 200 bps pays 1 USD (collateral, from the taker's payment); taker BUY at
        // 100 bps pays 1 YES (from what it receives): two transfers, two events.
        Order memory taker = _withFee(_order(alice, yes, BUY, 50 * USDC, 100 * USDC), 100);
        Order memory maker = _withFee(_order(bob, yes, SELL, 100 * USDC, 50 * USDC), 200);
        FeeLog[] memory fees = _matchFees(taker, maker, 50 * USDC, 100 * USDC);
        assertEq(fees.length, 2, "maker fee and taker fee");
        _assertFee(fees[0], 0, 1 * USDC, "maker fee");
        _assertFee(fees[1], yes, 1 * USDC, "taker fee");
    }

    function test_matchOrders_complementaryTakerSellFees_emitsFeeChargedPerAsset() public {
        Order memory taker = _withFee(_order(alice, no, SELL, 100 * USDC, 40 * USDC), 100);
        Order memory maker = _withFee(_order(bob, no, BUY, 40 * USDC, 100 * USDC), 250);
        FeeLog[] memory fees = _matchFees(taker, maker, 100 * USDC, 40 * USDC);
        assertEq(fees.length, 2, "maker fee and taker fee");
        _assertFee(fees[0], no, 2_500_000, "maker fee in NO");
        _assertFee(fees[1], 0, 400_000, "taker fee in collateral");
    }

    function test_matchOrders_mintFees_emitsFeeChargedForEachMintedToken() public {
        Order memory taker = _withFee(_order(alice, yes, BUY, 60 * USDC, 100 * USDC), 100);
        Order memory maker = _withFee(_order(bob, no, BUY, 40 * USDC, 100 * USDC), 100);
        FeeLog[] memory fees = _matchFees(taker, maker, 60 * USDC, 40 * USDC);
        assertEq(fees.length, 2, "maker fee in NO, taker fee in YES");
        _assertFee(fees[0], no, 1 * USDC, "maker fee");
        _assertFee(fees[1], yes, 666_667, "taker fee");
    }

    function test_matchOrders_mergeFees_emitsOneFeeChargedInCollateral() public {
        Order memory taker = _withFee(_order(alice, yes, SELL, 100 * USDC, 60 * USDC), 100);
        Order memory maker = _withFee(_order(bob, no, SELL, 100 * USDC, 40 * USDC), 100);
        FeeLog[] memory fees = _matchFees(taker, maker, 100 * USDC, 100 * USDC);
        assertEq(fees.length, 1, "both collateral fees leave the exchange in one transfer");
        _assertFee(fees[0], 0, 800_000, "maker + taker fee");
    }

    function test_matchOrders_takerFeeSplitBetweenExchangeAndTaker_emitsBothParts() public {
        // 10 YES taker fee: 1 YES from the minted proceeds the exchange holds, 9 from the taker.
        Order memory taker = _withFee(_order(alice, yes, BUY, 50 * USDC, 100 * USDC), 1_000);
        Order[] memory makers = _two(
            _signed(bob, yes, SELL, 99 * USDC, 49_500_000),
            _signed(carol, no, BUY, 500_000, 1 * USDC)
        );
        uint256[] memory fills = _two(99 * USDC, 500_000);
        vm.recordLogs();
        vm.prank(operator);
        exchange.matchOrders(taker, makers, 50 * USDC, fills);
        FeeLog[] memory fees = _feeLogs();
        assertEq(fees.length, 2, "two transfers of the taker fee");
        _assertFee(fees[0], yes, 1 * USDC, "part held by the exchange");
        _assertFee(fees[1], yes, 9 * USDC, "part paid by the taker");
    }

    function test_fillOrder_buyWithFee_emitsFeeChargedInTokens() public {
        // BUY 100 YES at 0.50, 200 bps: fee 2% * 0.5 * 100 / 0.5 = 2 YES, paid by the operator.
        Order memory order = _withFee(_order(alice, yes, BUY, 50 * USDC, 100 * USDC), 200);
        vm.expectEmit(address(exchange));
        emit IMatching.FeeCharged(feeRecipient, yes, 2 * USDC);
        vm.prank(operator);
        exchange.fillOrder(order, 50 * USDC);
    }

    function test_fillOrder_sellWithFee_emitsFeeChargedInCollateral() public {
        // SELL 100 YES at 0.50, 200 bps: fee 2% * 0.5 * 100 = 1 USD.
        Order memory order = _withFee(_order(alice, yes, SELL, 100 * USDC, 50 * USDC), 200);
        vm.expectEmit(address(exchange));
        emit IMatching.FeeCharged(feeRecipient, 0, 1 * USDC);
        vm.prank(operator);
        exchange.fillOrder(order, 100 * USDC);
    }

    // ------------------------------------------------------------------ read functions

    function test_isValidNonce_followsIncrementNonce() public {
        assertTrue(exchange.isValidNonce(alice, 0), "nonce 0 is current at first");
        assertFalse(exchange.isValidNonce(alice, 1), "a future nonce is not valid");
        vm.prank(alice);
        exchange.incrementNonce();
        assertFalse(exchange.isValidNonce(alice, 0), "the old nonce is void");
        assertTrue(exchange.isValidNonce(alice, 1), "the new nonce is current");
        assertTrue(exchange.isValidNonce(bob, 0), "other makers are unaffected");
    }

    function test_getCollateralAndGetCtf_areTheDeployedAssets() public view {
        assertEq(exchange.getCollateral(), address(usd), "getCollateral");
        assertEq(exchange.getCtf(), address(ctf), "getCtf");
        assertEq(exchange.getCollateral(), exchange.collateral(), "same as collateral()");
        assertEq(exchange.getCtf(), exchange.ctf(), "same as ctf()");
    }

    function test_getMaxFeeRate_isTheSignedFeeCap() public view {
        assertEq(exchange.getMaxFeeRate(), 1_000, "10% in basis points");
        assertEq(exchange.getMaxFeeRate(), exchange.MAX_FEE_RATE_BPS(), "same as MAX_FEE_RATE_BPS");
    }

    function test_paused_followsPauseAndUnpause() public {
        address pauser = makeAddr("pauser");
        vm.prank(admin);
        exchange.addPauser(pauser);
        assertFalse(exchange.paused(), "live after deployment");
        vm.prank(pauser);
        exchange.pauseTrading();
        assertTrue(exchange.paused(), "paused");
        assertTrue(exchange.tradingPaused(), "same as tradingPaused()");
        vm.prank(pauser);
        exchange.unpauseTrading();
        assertFalse(exchange.paused(), "live again");
    }
}

/// @notice A default deployment leaves Polymarket's two extra events out: every fill and fee is
/// already in `OrderFilled`, and the extra logs would cost over 1% of a match.
contract ExchangeDefaultEventsTest is ExchangeFixture {
    function _count(Vm.Log[] memory logs, bytes32 topic) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(exchange) && logs[i].topics[0] == topic) ++count;
        }
    }

    function test_polymarketEvents_isOffByDefault() public view {
        assertFalse(exchange.polymarketEvents(), "off unless asked for at deployment");
    }

    function test_matchOrders_withFees_logsOrderFilledOnlyByDefault() public {
        Order memory taker = _order(alice, yes, BUY, 50 * USDC, 100 * USDC);
        taker.feeRateBps = 100;
        taker = _sign(taker, aliceKey);
        Order memory maker = _order(bob, yes, SELL, 100 * USDC, 50 * USDC);
        maker.feeRateBps = 200;
        maker = _sign(maker, bobKey);
        vm.recordLogs();
        _match(taker, maker, 50 * USDC, 100 * USDC);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(_count(logs, IMatching.OrderFilled.selector), 2, "one OrderFilled per order");
        assertEq(_count(logs, IMatching.OrdersMatched.selector), 0, "no OrdersMatched");
        assertEq(_count(logs, IMatching.FeeCharged.selector), 0, "no FeeCharged");
        assertEq(usd.balanceOf(feeRecipient), 1 * USDC, "the maker fee is still paid");
        assertEq(ctf.balanceOf(feeRecipient, yes), 1 * USDC, "the taker fee is still paid");
    }

    function test_fillOrder_withFee_logsNoFeeChargedByDefault() public {
        Order memory order = _order(alice, yes, SELL, 100 * USDC, 50 * USDC);
        order.feeRateBps = 200;
        order = _sign(order, aliceKey);
        vm.recordLogs();
        vm.prank(operator);
        exchange.fillOrder(order, 100 * USDC);
        assertEq(_count(vm.getRecordedLogs(), IMatching.FeeCharged.selector), 0, "no FeeCharged");
        assertEq(usd.balanceOf(feeRecipient), 1 * USDC, "the fee is still paid");
    }
}

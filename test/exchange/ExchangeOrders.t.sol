// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

import {ExchangeFixture} from "./ExchangeFixture.sol";
import {ERC1271Wallet} from "./ERC1271Wallet.sol";
import {IExchangeRegistry} from "../../contracts/interfaces/exchange/IExchangeRegistry.sol";
import {IExchangeRoles} from "../../contracts/interfaces/exchange/IExchangeRoles.sol";
import {IMatching} from "../../contracts/interfaces/exchange/IMatching.sol";
import {IOrderValidation} from "../../contracts/interfaces/exchange/IOrderValidation.sol";
import {Order, SignatureType} from "../../contracts/libraries/OrderStructs.sol";

/// @notice Order validation, fillOrder(s), cancellation, nonces and EIP-1271 makers.
contract ExchangeOrdersTest is ExchangeFixture {
    // ------------------------------------------------------------------ helpers

    function _fill(Order memory order, uint256 amount) internal {
        vm.prank(operator);
        exchange.fillOrder(order, amount);
    }

    function _expectFillRevert(Order memory order, uint256 amount, bytes memory err) internal {
        vm.prank(operator);
        vm.expectRevert(err);
        exchange.fillOrder(order, amount);
    }

    // ------------------------------------------------------------------ fillOrder: happy paths

    function test_fillOrder_buyPaysCollateralForAtLeastSignedTokens() public {
        Order memory order = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        uint256 aliceUsd = usd.balanceOf(alice);
        uint256 aliceYes = ctf.balanceOf(alice, yes);
        uint256 operatorUsd = usd.balanceOf(operator);
        bytes32 orderHash = exchange.hashOrder(order);

        vm.expectEmit(address(exchange));
        emit IMatching.OrderFilled(orderHash, alice, operator, 0, yes, 10 * USDC, 25 * USDC, 0);
        _fill(order, 10 * USDC);

        assertEq(aliceUsd - usd.balanceOf(alice), 10 * USDC, "maker gave collateral");
        assertEq(ctf.balanceOf(alice, yes) - aliceYes, 25 * USDC, "maker got tokens at 0.40");
        assertEq(usd.balanceOf(operator) - operatorUsd, 10 * USDC, "operator got collateral");
        (bool done, uint256 remaining) = exchange.getOrderStatus(orderHash);
        assertFalse(done, "partially filled");
        assertEq(remaining, 30 * USDC, "remaining");
        _assertExchangeEmpty();
    }

    function test_fillOrder_sellGivesTokensForAtLeastSignedCollateral() public {
        Order memory order = _signed(bob, no, SELL, 100 * USDC, 65 * USDC);
        uint256 bobUsd = usd.balanceOf(bob);
        uint256 bobNo = ctf.balanceOf(bob, no);
        _fill(order, 100 * USDC);
        assertEq(usd.balanceOf(bob) - bobUsd, 65 * USDC, "maker got collateral");
        assertEq(bobNo - ctf.balanceOf(bob, no), 100 * USDC, "maker gave tokens");
        (bool done, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(order));
        assertTrue(done, "fully filled");
        assertEq(remaining, 0, "nothing left");
    }

    function test_fillOrder_roundsMakerProceedsUp() public {
        // 3 tokens at 1/3: one base unit of tokens is worth 0.33.. units, paid as 1.
        Order memory order = _signed(bob, yes, SELL, 3, 1);
        uint256 bobUsd = usd.balanceOf(bob);
        _fill(order, 1);
        assertEq(usd.balanceOf(bob) - bobUsd, 1, "ceil(1 * 1 / 3) = 1");
    }

    function test_fillOrder_partialFillsThenFull() public {
        Order memory order = _signed(alice, yes, BUY, 50 * USDC, 100 * USDC);
        _fill(order, 20 * USDC);
        _fill(order, 30 * USDC);
        bytes32 orderHash = exchange.hashOrder(order);
        (bool done, ) = exchange.getOrderStatus(orderHash);
        assertTrue(done, "filled after two fills");
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.OrderNotFillable.selector, orderHash));
    }

    function test_fillOrder_paysFeeToRecipient() public {
        // SELL 100 YES at 0.30 with 100 bps: fee = 1% * min(0.3, 0.7) * 100 = 0.30 collateral.
        Order memory order = _order(bob, yes, SELL, 100 * USDC, 30 * USDC);
        order.feeRateBps = 100;
        order = _sign(order, bobKey);
        uint256 bobUsd = usd.balanceOf(bob);
        uint256 feeUsd = usd.balanceOf(feeRecipient);
        _fill(order, 100 * USDC);
        assertEq(usd.balanceOf(feeRecipient) - feeUsd, 300_000, "fee 0.30");
        assertEq(usd.balanceOf(bob) - bobUsd, 30 * USDC - 300_000, "maker proceeds net of fee");
    }

    function test_fillOrder_buyFeeIsChargedInTokens() public {
        // BUY YES at 0.80 for 40 collateral (50 tokens), 200 bps:
        // fee = 2% * min(0.8, 0.2) * 50 / 0.8 = 0.25 tokens.
        Order memory order = _order(alice, yes, BUY, 40 * USDC, 50 * USDC);
        order.feeRateBps = 200;
        order = _sign(order, aliceKey);
        uint256 aliceYes = ctf.balanceOf(alice, yes);
        _fill(order, 40 * USDC);
        assertEq(ctf.balanceOf(feeRecipient, yes), 250_000, "fee in tokens");
        assertEq(ctf.balanceOf(alice, yes) - aliceYes, 50 * USDC - 250_000, "tokens net of fee");
    }

    function test_fillOrders_fillsEach() public {
        Order[] memory orders = _two(
            _signed(alice, yes, BUY, 40 * USDC, 100 * USDC),
            _signed(bob, no, SELL, 10 * USDC, 6 * USDC)
        );
        uint256[] memory amounts = _two(40 * USDC, 5 * USDC);
        vm.prank(operator);
        exchange.fillOrders(orders, amounts);
        (bool done0, ) = exchange.getOrderStatus(exchange.hashOrder(orders[0]));
        (, uint256 remaining1) = exchange.getOrderStatus(exchange.hashOrder(orders[1]));
        assertTrue(done0, "first filled");
        assertEq(remaining1, 5 * USDC, "second half filled");
    }

    function test_RevertWhen_fillOrdersLengthsDiffer() public {
        Order memory order = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IMatching.LengthMismatch.selector, 1, 0));
        exchange.fillOrders(_one(order), new uint256[](0));
    }

    function test_RevertWhen_fillOrderByNonOperator() public {
        Order memory order = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotOperator.selector, bob));
        exchange.fillOrder(order, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotOperator.selector, bob));
        exchange.fillOrders(_one(order), _one(1));
    }

    // ------------------------------------------------------------------ order checks

    function test_RevertWhen_makerAmountIsZero() public {
        Order memory order = _signed(alice, yes, BUY, 0, 100);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.ZeroOrderAmount.selector, 0, 100));
    }

    function test_RevertWhen_takerAmountIsZero() public {
        Order memory order = _signed(alice, yes, SELL, 100, 0);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.ZeroOrderAmount.selector, 100, 0));
    }

    function test_RevertWhen_buyPriceAboveOne() public {
        Order memory order = _signed(alice, yes, BUY, 101, 100);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.PriceAboveOne.selector, BUY, 101, 100));
    }

    function test_RevertWhen_sellPriceAboveOne() public {
        Order memory order = _signed(bob, yes, SELL, 100, 101);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.PriceAboveOne.selector, SELL, 100, 101));
    }

    function test_fillOrder_priceOfExactlyOneIsAccepted() public {
        Order memory order = _signed(alice, yes, BUY, 100, 100);
        _fill(order, 100);
        (bool done, ) = exchange.getOrderStatus(exchange.hashOrder(order));
        assertTrue(done, "price 1 fills");
    }

    function test_RevertWhen_orderAmountAbove128Bits() public {
        uint256 huge = uint256(1) << 128;
        Order memory order = _signed(bob, yes, SELL, huge, 1);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.OrderAmountTooLarge.selector, huge, 1));
    }

    function test_RevertWhen_sideIsInvalid() public {
        Order memory order = _signed(alice, yes, 2, 40, 100);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.InvalidSide.selector, 2));
    }

    function test_RevertWhen_feeRateAboveMax() public {
        Order memory order = _order(alice, yes, BUY, 40, 100);
        order.feeRateBps = 1_001;
        order = _sign(order, aliceKey);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.FeeRateTooHigh.selector, 1_001, 1_000));
    }

    function test_RevertWhen_orderExpired() public {
        vm.warp(1_000);
        Order memory order = _order(alice, yes, BUY, 40, 100);
        order.expiration = 999;
        order = _sign(order, aliceKey);
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(IOrderValidation.OrderExpired.selector, exchange.hashOrder(order), 999, 1_000)
        );
        order.expiration = 1_000;
        order = _sign(order, aliceKey);
        _fill(order, 1); // valid through its expiration second
    }

    function test_RevertWhen_nonceIsNotCurrent() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        vm.prank(alice);
        vm.expectEmit(address(exchange));
        emit IOrderValidation.NonceIncremented(alice, 1);
        exchange.incrementNonce();
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.InvalidNonce.selector, alice, 0, 1));
    }

    function test_RevertWhen_signatureTypeIsProxyOrSafe() public {
        for (uint8 sigType = 1; sigType <= 4; sigType += 1) {
            if (sigType == uint8(SignatureType.POLY_1271)) continue;
            Order memory order = _order(alice, yes, BUY, 40, 100);
            order.signatureType = sigType;
            order = _sign(order, aliceKey);
            _expectFillRevert(
                order,
                1,
                abi.encodeWithSelector(IOrderValidation.UnsupportedSignatureType.selector, sigType)
            );
        }
    }

    function test_RevertWhen_signerIsNotMaker() public {
        Order memory order = _order(alice, yes, BUY, 40, 100);
        order.signer = bob;
        order = _sign(order, bobKey);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.SignerNotMaker.selector, bob, alice));
    }

    function test_RevertWhen_signedByAnotherKey() public {
        Order memory order = _sign(_order(alice, yes, BUY, 40, 100), bobKey);
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, exchange.hashOrder(order), alice)
        );
    }

    function test_RevertWhen_orderTamperedAfterSigning() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        order.takerAmount = 1_000;
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, exchange.hashOrder(order), alice)
        );
    }

    function test_RevertWhen_signatureHasWrongLength() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        order.signature = bytes.concat(order.signature, bytes1(0));
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, exchange.hashOrder(order), alice)
        );
    }

    function test_RevertWhen_signatureIsMalleableHighS() public {
        Order memory order = _order(alice, yes, BUY, 40, 100);
        bytes32 digest = exchange.hashOrder(order);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        order.signature = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, digest, alice));
    }

    function test_RevertWhen_privateOrderFilledByAnotherOperator() public {
        address otherOperator = makeAddr("otherOperator");
        vm.prank(admin);
        exchange.addOperator(otherOperator);
        Order memory order = _order(alice, yes, BUY, 40, 100);
        order.taker = operator;
        order = _sign(order, aliceKey);
        bytes32 orderHash = exchange.hashOrder(order);
        vm.prank(otherOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IOrderValidation.NotOrderTaker.selector, orderHash, operator, otherOperator)
        );
        exchange.fillOrder(order, 1);
        _fill(order, 40); // the named taker may
    }

    function test_RevertWhen_fillAmountIsZero() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        _expectFillRevert(
            order,
            0,
            abi.encodeWithSelector(IOrderValidation.ZeroFillAmount.selector, exchange.hashOrder(order))
        );
    }

    function test_RevertWhen_fillExceedsRemaining() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        _fill(order, 30);
        _expectFillRevert(
            order,
            11,
            abi.encodeWithSelector(IOrderValidation.FillExceedsRemaining.selector, exchange.hashOrder(order), 11, 10)
        );
    }

    function test_RevertWhen_tokenNotRegistered() public {
        Order memory order = _signed(alice, 424242, BUY, 40, 100);
        _expectFillRevert(order, 1, abi.encodeWithSelector(IExchangeRegistry.TokenNotRegistered.selector, 424242));
    }

    // ------------------------------------------------------------------ validateOrder

    function test_validateOrder_passesForFillableOrder() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        exchange.validateOrder(order);
    }

    function test_validateOrder_revertsWithTheReason() public {
        Order memory order = _signed(alice, 424242, BUY, 40, 100);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRegistry.TokenNotRegistered.selector, 424242));
        exchange.validateOrder(order);

        Order memory cancelled = _signed(alice, yes, BUY, 40, 100);
        vm.prank(alice);
        exchange.cancelOrder(cancelled);
        vm.expectRevert(
            abi.encodeWithSelector(IOrderValidation.OrderNotFillable.selector, exchange.hashOrder(cancelled))
        );
        exchange.validateOrder(cancelled);

        Order memory unsigned = _order(alice, yes, BUY, 40, 100);
        unsigned.signature = new bytes(65);
        vm.expectRevert(
            abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, exchange.hashOrder(unsigned), alice)
        );
        exchange.validateOrder(unsigned);
    }

    // ------------------------------------------------------------------ cancel and nonce

    function test_cancelOrder_marksOrderDone() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        bytes32 orderHash = exchange.hashOrder(order);
        vm.prank(alice);
        vm.expectEmit(address(exchange));
        emit IOrderValidation.OrderCancelled(orderHash, alice);
        exchange.cancelOrder(order);
        (bool done, ) = exchange.getOrderStatus(orderHash);
        assertTrue(done, "cancelled");
        _expectFillRevert(order, 1, abi.encodeWithSelector(IOrderValidation.OrderNotFillable.selector, orderHash));
    }

    function test_cancelOrder_keepsRemainingOfPartialFill() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        _fill(order, 15);
        vm.prank(alice);
        exchange.cancelOrder(order);
        (bool done, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(order));
        assertTrue(done, "cancelled");
        assertEq(remaining, 25, "remaining kept for the record");
    }

    function test_RevertWhen_cancelOrderTwice() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        vm.startPrank(alice);
        exchange.cancelOrder(order);
        vm.expectRevert(abi.encodeWithSelector(IOrderValidation.OrderNotFillable.selector, exchange.hashOrder(order)));
        exchange.cancelOrder(order);
        vm.stopPrank();
    }

    function test_RevertWhen_cancelOrderByNonMaker() public {
        Order memory order = _signed(alice, yes, BUY, 40, 100);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IOrderValidation.NotOrderMaker.selector, bob, alice));
        exchange.cancelOrder(order);
    }

    function test_cancelOrders_cancelsEachAndSkipsFilled() public {
        Order[] memory orders = new Order[](3);
        orders[0] = _signed(alice, yes, BUY, 40, 100);
        orders[1] = _signed(alice, no, SELL, 100, 40);
        orders[2] = _signed(alice, yes, BUY, 10, 100);
        _fill(orders[2], 10);
        vm.prank(alice);
        exchange.cancelOrders(orders);
        for (uint256 i; i < 3; ++i) {
            (bool done, ) = exchange.getOrderStatus(exchange.hashOrder(orders[i]));
            assertTrue(done, "done");
        }
        (, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(orders[1]));
        assertEq(remaining, 0, "untouched order cancelled");
    }

    function test_RevertWhen_cancelOrdersContainsAnotherMakersOrder() public {
        Order[] memory orders = _two(_signed(alice, yes, BUY, 40, 100), _signed(bob, yes, BUY, 40, 100));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrderValidation.NotOrderMaker.selector, alice, bob));
        exchange.cancelOrders(orders);
    }

    function test_incrementNonce_voidsEveryOlderOrder() public {
        Order memory first = _signed(alice, yes, BUY, 40, 100);
        Order memory second = _signed(alice, no, BUY, 40, 100);
        vm.prank(alice);
        exchange.incrementNonce();
        assertEq(exchange.nonces(alice), 1, "nonce 1");
        _expectFillRevert(first, 1, abi.encodeWithSelector(IOrderValidation.InvalidNonce.selector, alice, 0, 1));
        _expectFillRevert(second, 1, abi.encodeWithSelector(IOrderValidation.InvalidNonce.selector, alice, 0, 1));
        Order memory fresh = _order(alice, yes, BUY, 40, 100);
        fresh.nonce = 1;
        _fill(_sign(fresh, aliceKey), 40);
    }

    // ------------------------------------------------------------------ EIP-1271 makers

    function _wallet() internal returns (ERC1271Wallet wallet) {
        wallet = new ERC1271Wallet(carol);
        usd.mint(address(wallet), STAKE);
        vm.startPrank(carol);
        wallet.execute(address(usd), abi.encodeCall(IERC20.approve, (address(exchange), type(uint256).max)));
        wallet.execute(address(ctf), abi.encodeCall(IERC1155.setApprovalForAll, (address(exchange), true)));
        vm.stopPrank();
    }

    function _walletOrder(
        ERC1271Wallet wallet,
        uint8 side,
        uint256 makerAmount,
        uint256 takerAmount
    ) internal returns (Order memory order) {
        order = _order(address(wallet), yes, side, makerAmount, takerAmount);
        order.signatureType = uint8(SignatureType.POLY_1271);
        order = _sign(order, carolKey);
    }

    function test_fillOrder_eip1271WalletMaker() public {
        ERC1271Wallet wallet = _wallet();
        Order memory order = _walletOrder(wallet, BUY, 30 * USDC, 100 * USDC);
        _fill(order, 30 * USDC);
        assertEq(ctf.balanceOf(address(wallet), yes), 100 * USDC, "wallet received tokens");
        assertEq(usd.balanceOf(address(wallet)), STAKE - 30 * USDC, "wallet paid");
    }

    function test_RevertWhen_eip1271WalletRejectsSignature() public {
        ERC1271Wallet wallet = _wallet();
        Order memory order = _order(address(wallet), yes, BUY, 30, 100);
        order.signatureType = uint8(SignatureType.POLY_1271);
        order = _sign(order, aliceKey); // not the wallet's owner
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(
                IOrderValidation.InvalidSignature.selector,
                exchange.hashOrder(order),
                address(wallet)
            )
        );
    }

    function test_RevertWhen_eip1271TypeUsedByEoa() public {
        Order memory order = _order(alice, yes, BUY, 30, 100);
        order.signatureType = uint8(SignatureType.POLY_1271);
        order = _sign(order, aliceKey);
        _expectFillRevert(
            order,
            1,
            abi.encodeWithSelector(IOrderValidation.InvalidSignature.selector, exchange.hashOrder(order), alice)
        );
    }
}

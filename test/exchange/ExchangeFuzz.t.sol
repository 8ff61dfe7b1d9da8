// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExchangeFixture} from "./ExchangeFixture.sol";
import {IMatching} from "../../contracts/interfaces/exchange/IMatching.sol";
import {Order} from "../../contracts/libraries/OrderStructs.sol";

/// @notice Fuzzed fills and matches: every order gets at least its signed price, pays at most its
/// signed fee, and the exchange ends every call empty. Each fuzz test has a fixed-input twin.
contract ExchangeFuzzTest is ExchangeFixture {
    uint256 private constant MAX_SHARES = 100_000 * USDC;
    uint256 private constant BPS = 10_000;

    struct Snapshot {
        uint256 usd;
        uint256 yes;
        uint256 no;
    }

    function _snap(address who) internal view returns (Snapshot memory) {
        return Snapshot(usd.balanceOf(who), ctf.balanceOf(who, yes), ctf.balanceOf(who, no));
    }

    /// @dev The signed fee of a fill, computed from the formula (collateral value
    /// rate * min(p, 1 - p) * shares, divided by p on a BUY), rounded up.
    function _signedFee(Order memory o, uint256 shares) internal pure returns (uint256) {
        bool isBuy = o.side == BUY;
        uint256 c = isBuy ? o.makerAmount : o.takerAmount;
        uint256 s = isBuy ? o.takerAmount : o.makerAmount;
        uint256 minLeg = c < s - c ? c : s - c;
        uint256 num = o.feeRateBps * minLeg * shares;
        uint256 den = o.makerAmount * BPS;
        return (num + den - 1) / den;
    }

    /// @dev Net received + signed fee must be at least the signed price of what was given.
    function _assertSignedPrice(Order memory o, uint256 given, uint256 netReceived, uint256 shares) internal pure {
        uint256 gross = netReceived + _signedFee(o, shares);
        assertGe(gross * o.makerAmount, given * o.takerAmount, "order got at least its signed price");
    }

    // ------------------------------------------------------------------ fillOrder

    function testFuzz_fillOrder_makerGetsSignedPrice(
        uint256 makerAmount,
        uint256 priceBps,
        uint256 fill,
        bool isBuy,
        uint256 feeRateBps
    ) public {
        _fillAndCheck(makerAmount, priceBps, fill, isBuy, feeRateBps);
    }

    function test_fillOrder_makerGetsSignedPrice_fixed() public {
        _fillAndCheck(3, 3_333, 1, false, 1_000);
        _fillAndCheck(100 * USDC, 4_000, 37 * USDC, true, 100);
    }

    function _fillAndCheck(
        uint256 makerAmount,
        uint256 priceBps,
        uint256 fill,
        bool isBuy,
        uint256 feeRateBps
    ) internal {
        priceBps = bound(priceBps, 1, BPS);
        // A BUY receives at most MAX_SHARES tokens (the operator's inventory is finite).
        uint256 maxMaker = isBuy ? (MAX_SHARES * priceBps) / BPS : MAX_SHARES;
        makerAmount = bound(makerAmount, 1, maxMaker == 0 ? 1 : maxMaker);
        feeRateBps = bound(feeRateBps, 0, 1_000);
        // BUY: collateral = tokens * p, so tokens = collateral / p; SELL: collateral = tokens * p.
        uint256 takerAmount = isBuy ? (makerAmount * BPS) / priceBps : (makerAmount * priceBps) / BPS;
        if (takerAmount == 0) takerAmount = 1;
        if (!isBuy && takerAmount > makerAmount) takerAmount = makerAmount;
        fill = bound(fill, 1, makerAmount);
        Order memory order = _order(alice, yes, isBuy ? BUY : SELL, makerAmount, takerAmount);
        order.feeRateBps = feeRateBps;
        order = _sign(order, aliceKey);

        Snapshot memory before = _snap(alice);
        vm.prank(operator);
        exchange.fillOrder(order, fill);
        Snapshot memory afterFill = _snap(alice);
        if (isBuy) {
            assertEq(before.usd - afterFill.usd, fill, "gave exactly the fill");
            uint256 received = afterFill.yes - before.yes;
            uint256 fee = ctf.balanceOf(feeRecipient, yes);
            assertLe(fee, _signedFee(order, received + fee), "fee at most signed");
            _assertSignedPrice(order, fill, received, received + fee);
        } else {
            assertEq(before.yes - afterFill.yes, fill, "gave exactly the fill");
            uint256 received = afterFill.usd - before.usd;
            assertLe(usd.balanceOf(feeRecipient), _signedFee(order, fill), "fee at most signed");
            _assertSignedPrice(order, fill, received, fill);
        }
        _assertExchangeEmpty();
    }

    // ------------------------------------------------------------------ matches

    struct MatchCase {
        uint8 kind; // 0 complementary, 1 mint, 2 merge
        uint256 shares;
        uint256 makerPriceBps;
        uint256 takerPriceBps;
        uint256 makerFeeBps;
        uint256 takerFeeBps;
    }

    function testFuzz_matchOrders_everyOrderGetsSignedPrice(
        uint8 kind,
        uint256 shares,
        uint256 makerPriceBps,
        uint256 spreadBps,
        uint256 makerFeeBps,
        uint256 takerFeeBps
    ) public {
        kind = uint8(bound(kind, 0, 2));
        shares = bound(shares, 1, MAX_SHARES);
        makerPriceBps = bound(makerPriceBps, 1, BPS - 1);
        // Crossing: complementary taker bids at least the ask; mint/merge prices sum to at least/most one.
        uint256 crossing = kind == 0 ? makerPriceBps : BPS - makerPriceBps;
        uint256 takerPriceBps = kind == 2 ? bound(spreadBps, 1, crossing) : bound(spreadBps, crossing, BPS);
        _matchAndCheck(
            MatchCase(
                kind,
                shares,
                makerPriceBps,
                takerPriceBps,
                bound(makerFeeBps, 0, 1_000),
                bound(takerFeeBps, 0, 1_000)
            )
        );
    }

    function test_matchOrders_everyOrderGetsSignedPrice_fixed() public {
        _matchAndCheck(MatchCase(0, 100 * USDC, 5_000, 6_000, 0, 0));
        _matchAndCheck(MatchCase(1, 7, 3_333, 6_667, 1_000, 1_000));
        _matchAndCheck(MatchCase(2, 12_345, 4_000, 5_500, 250, 1));
    }

    function _matchAndCheck(MatchCase memory c) internal {
        // Maker: complementary SELL YES; mint BUY NO; merge SELL NO. Shares are whole-order token amounts.
        uint256 makerCollateral = (c.shares * c.makerPriceBps) / BPS;
        vm.assume(makerCollateral > 0);
        Order memory maker =
            c.kind == 1
                ? _order(bob, no, BUY, makerCollateral, c.shares)
                : _order(bob, c.kind == 0 ? yes : no, SELL, c.shares, makerCollateral);
        maker.feeRateBps = c.makerFeeBps;
        maker = _sign(maker, bobKey);
        uint256 makerFill = maker.makerAmount;
        uint256 makerTaking = _ceilMulDiv(makerFill, maker.takerAmount, maker.makerAmount);

        // Taker order sized so its whole fill is what this match needs (operator's choice).
        bool takerBuys = c.kind != 2;
        uint256 takerGives =
            c.kind == 0
                ? makerTaking
                : c.kind == 1
                    ? makerTaking - makerFill
                    : makerFill;
        uint256 takerGets =
            c.kind == 0
                ? makerFill
                : c.kind == 1
                    ? makerTaking
                    : makerFill - makerTaking;
        vm.assume(takerGives > 0);
        Order memory taker =
            takerBuys
                ? _order(alice, yes, BUY, takerGives, (takerGives * BPS) / c.takerPriceBps)
                : _order(alice, yes, SELL, takerGives, (takerGives * c.takerPriceBps) / BPS);
        vm.assume(taker.takerAmount > 0 && taker.takerAmount >= (takerBuys ? taker.makerAmount : 0));
        vm.assume(takerBuys || taker.takerAmount <= taker.makerAmount);
        taker.feeRateBps = c.takerFeeBps;
        taker = _sign(taker, aliceKey);

        Snapshot memory a0 = _snap(alice);
        Snapshot memory b0 = _snap(bob);
        bool takerPriceMet = takerGets * taker.makerAmount >= takerGives * taker.takerAmount;
        if (!takerPriceMet) {
            vm.prank(operator);
            vm.expectRevert(abi.encodeWithSelector(IMatching.TakerUnderpaid.selector, takerGets, takerGives));
            exchange.matchOrders(taker, _one(maker), takerGives, _one(makerFill));
            return;
        }
        _match(taker, maker, takerGives, makerFill);
        Snapshot memory a1 = _snap(alice);
        Snapshot memory b1 = _snap(bob);

        if (c.kind == 0) {
            assertEq(b0.yes - b1.yes, makerFill, "maker gave its fill");
            _assertSignedPrice(maker, makerFill, b1.usd - b0.usd, makerFill);
            assertEq(a0.usd - a1.usd, takerGives, "taker gave");
            _assertSignedPrice(taker, takerGives, a1.yes - a0.yes, takerGets);
        } else if (c.kind == 1) {
            assertEq(b0.usd - b1.usd, makerFill, "maker gave its fill");
            _assertSignedPrice(maker, makerFill, b1.no - b0.no, makerTaking);
            assertEq(a0.usd - a1.usd, takerGives, "taker gave");
            _assertSignedPrice(taker, takerGives, a1.yes - a0.yes, takerGets);
        } else {
            assertEq(b0.no - b1.no, makerFill, "maker gave its fill");
            _assertSignedPrice(maker, makerFill, b1.usd - b0.usd, makerFill);
            assertEq(a0.yes - a1.yes, takerGives, "taker gave");
            _assertSignedPrice(taker, takerGives, a1.usd - a0.usd, takerGives);
        }
        _assertExchangeEmpty();
    }
}

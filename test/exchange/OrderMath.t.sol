// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {OrderMath} from "../../contracts/libraries/OrderMath.sol";

/// @notice OrderMath: rounding of what an order receives and of its fee.
contract OrderMathTest is Test {
    uint256 private constant MAX_AMOUNT = type(uint128).max;

    function test_takingAmountRoundedUp_exactDivision() public pure {
        assertEq(OrderMath.takingAmountRoundedUp(40, 40, 100), 100, "whole order");
        assertEq(OrderMath.takingAmountRoundedUp(10, 40, 100), 25, "quarter");
    }

    function test_takingAmountRoundedUp_roundsInMakersFavour() public pure {
        assertEq(OrderMath.takingAmountRoundedUp(1, 3, 1), 1, "1/3 rounds up to 1");
        assertEq(OrderMath.takingAmountRoundedUp(2, 3, 2), 2, "4/3 rounds up to 2");
    }

    function testFuzz_takingAmountRoundedUp_neverBelowSignedPrice(
        uint256 making,
        uint256 makerAmount,
        uint256 takerAmount
    ) public pure {
        _checkTaking(making, makerAmount, takerAmount);
    }

    function test_takingAmountRoundedUp_neverBelowSignedPrice_fixed() public pure {
        _checkTaking(7, 13, 11);
        _checkTaking(MAX_AMOUNT, MAX_AMOUNT, MAX_AMOUNT - 1);
    }

    function _checkTaking(uint256 making, uint256 makerAmount, uint256 takerAmount) internal pure {
        makerAmount = bound(makerAmount, 1, MAX_AMOUNT);
        takerAmount = bound(takerAmount, 1, MAX_AMOUNT);
        making = bound(making, 0, makerAmount);
        uint256 taking = OrderMath.takingAmountRoundedUp(making, makerAmount, takerAmount);
        assertGe(taking * makerAmount, making * takerAmount, "receives at least the signed price");
        if (taking > 0) assertLt((taking - 1) * makerAmount, making * takerAmount, "by less than one unit");
    }

    function test_feeRoundedUp_sellChargesCollateral() public pure {
        // SELL 100 tokens at 0.30, 100 bps: 1% * 0.30 * 100 = 0.30.
        assertEq(OrderMath.feeRoundedUp(100, false, 100e6, 30e6, 100e6), 300_000, "sell fee");
        // At 0.70 the fee uses 1 - p = 0.30 as well (symmetric).
        assertEq(OrderMath.feeRoundedUp(100, false, 100e6, 70e6, 100e6), 300_000, "symmetric sell fee");
    }

    function test_feeRoundedUp_buyChargesTokens() public pure {
        // BUY at 0.80 receiving 50 tokens, 200 bps: 2% * 0.2 * 50 / 0.8 = 0.25 tokens.
        assertEq(OrderMath.feeRoundedUp(200, true, 40e6, 50e6, 50e6), 250_000, "buy fee");
    }

    function test_feeRoundedUp_zeroRateOrZeroShares() public pure {
        assertEq(OrderMath.feeRoundedUp(0, true, 40, 100, 100), 0, "no rate");
        assertEq(OrderMath.feeRoundedUp(100, true, 40, 100, 0), 0, "no shares");
        assertEq(OrderMath.feeRoundedUp(1_000, true, 100, 100, 100), 0, "price one has no fee");
    }

    function test_feeRoundedUp_roundsUp() public pure {
        // 1% * min(0.6, 0.4) * 100 / 0.6 = 0.6666..
        assertEq(OrderMath.feeRoundedUp(100, true, 60e6, 100e6, 100e6), 666_667, "rounded up");
    }

    function testFuzz_feeRoundedUp_neverExceedsTenPercentOfShares(
        uint256 feeRateBps,
        bool isBuy,
        uint256 makerAmount,
        uint256 takerAmount,
        uint256 shares
    ) public pure {
        _checkFeeBound(feeRateBps, isBuy, makerAmount, takerAmount, shares);
    }

    function test_feeRoundedUp_neverExceedsTenPercentOfShares_fixed() public pure {
        _checkFeeBound(1_000, true, 1, 2, 1);
        _checkFeeBound(1_000, false, MAX_AMOUNT, 1, MAX_AMOUNT);
    }

    function _checkFeeBound(
        uint256 feeRateBps,
        bool isBuy,
        uint256 makerAmount,
        uint256 takerAmount,
        uint256 shares
    ) internal pure {
        feeRateBps = bound(feeRateBps, 0, 1_000);
        makerAmount = bound(makerAmount, 1, MAX_AMOUNT);
        takerAmount = bound(takerAmount, 1, MAX_AMOUNT);
        // Price at most one.
        if (isBuy && takerAmount < makerAmount) (makerAmount, takerAmount) = (takerAmount, makerAmount);
        if (!isBuy && makerAmount < takerAmount) (makerAmount, takerAmount) = (takerAmount, makerAmount);
        shares = bound(shares, 0, MAX_AMOUNT);
        uint256 fee = OrderMath.feeRoundedUp(feeRateBps, isBuy, makerAmount, takerAmount, shares);
        // BUY: fee (tokens) <= 10% * shares * min(p, 1-p) / p <= 10% of shares; SELL: <= 10% * p * shares.
        uint256 tenPercentUp = (shares + 9) / 10;
        assertLe(fee, tenPercentUp, "fee at most 10% of the traded shares, rounded up");
    }
}

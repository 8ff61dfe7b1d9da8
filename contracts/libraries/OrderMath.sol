// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OrderMath
/// @notice Amount and fee arithmetic of signed limit orders, exact and cross-multiplied.
/// @dev Callers guarantee `makerAmount` and `takerAmount` are non-zero and below 2^128 and that
/// `making <= makerAmount`, so every product below fits in 256 bits.
library OrderMath {
    /// @notice Basis points in one whole (100%).
    uint256 internal constant BPS_DENOMINATOR = 10_000;

    /// @notice What an order receives for giving `making`, rounded UP so that the maker never
    /// receives less than its signed price implies: `taking * makerAmount >= making * takerAmount`.
    function takingAmountRoundedUp(
        uint256 making,
        uint256 makerAmount,
        uint256 takerAmount
    ) internal pure returns (uint256) {
        // Cannot overflow: making <= makerAmount < 2^128 and takerAmount < 2^128 (callers' guarantee).
        unchecked {
            return Math.ceilDiv(making * takerAmount, makerAmount);
        }
    }

    /// @notice The fee an order pays on a fill, in the asset it receives, rounded UP (the fee
    /// recipient's favour; the rounding is at most one base unit).
    /// @dev Value of the fee in collateral: `feeRateBps * min(p, 1 - p) * shares / 10_000`, with `p`
    /// the order's signed price (collateral per token) and `shares` the tokens traded (received on
    /// a BUY, given on a SELL). On a SELL it is charged in collateral as is; on a BUY it is charged
    /// in tokens at the order's price, i.e. divided by `p`. Both reduce to
    /// `feeRateBps * min(C, S - C) * shares / (makerAmount * 10_000)` with C the collateral leg and
    /// S the token leg of the order (Polymarket's formula, computed without a 1e18 price).
    /// @param feeRateBps The signed fee rate.
    /// @param isBuy Whether the order is a BUY.
    /// @param makerAmount The order's makerAmount.
    /// @param takerAmount The order's takerAmount.
    /// @param shares Tokens traded by this fill: received (BUY) or given (SELL).
    function feeRoundedUp(
        uint256 feeRateBps,
        bool isBuy,
        uint256 makerAmount,
        uint256 takerAmount,
        uint256 shares
    ) internal pure returns (uint256) {
        if (feeRateBps == 0 || shares == 0) return 0;
        (uint256 collateralLeg, uint256 tokenLeg) = isBuy ? (makerAmount, takerAmount) : (takerAmount, makerAmount);
        // tokenLeg >= collateralLeg because every accepted price is at most one.
        uint256 complementLeg = tokenLeg - collateralLeg;
        uint256 minLeg = collateralLeg < complementLeg ? collateralLeg : complementLeg;
        return Math.mulDiv(feeRateBps * minLeg, shares, makerAmount * BPS_DENOMINATOR, Math.Rounding.Ceil);
    }
}

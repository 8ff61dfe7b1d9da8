// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title INegRiskSplitter
/// @notice The minimal surface the exchange needs from a multi-outcome ("negative risk") adapter
/// to mint and merge the two positions of one of its binary conditions.
interface INegRiskSplitter {
    /// @notice Pulls `amount` collateral from the caller and sends the caller `amount` of both
    /// positions of `conditionId`.
    /// @param conditionId The adapter's binary condition.
    /// @param amount Collateral in, and each position out.
    function splitPosition(bytes32 conditionId, uint256 amount) external;

    /// @notice Pulls `amount` of both positions of `conditionId` from the caller and pays it
    /// `amount` collateral.
    /// @param conditionId The adapter's binary condition.
    /// @param amount Each position in, and collateral out.
    function mergePositions(bytes32 conditionId, uint256 amount) external;
}

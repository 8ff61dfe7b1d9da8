// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITokenRegistry
/// @notice The part of the exchange the market factory uses: registering a tradable token pair.
/// @dev The exchange (contracts/exchange, IExchange) implements this; the factory must have been made
/// a registrar by the exchange admin. `negRiskAdapter` is zero for binary markets (the exchange
/// splits and merges through the conditional tokens) and the NegRiskAdapter for multi-outcome
/// markets (the exchange splits and merges through its `splitPosition` / `mergePositions`).
interface ITokenRegistry {
    /// @notice Registers `token` and its `complement` (the other outcome of `conditionId`) for trading.
    function registerToken(uint256 token, uint256 complement, bytes32 conditionId, address negRiskAdapter) external;
}

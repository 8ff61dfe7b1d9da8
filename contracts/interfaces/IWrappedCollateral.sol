// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IWrappedCollateral
/// @notice The collateral of multi-outcome conditions: an ERC-20 that only the NegRiskAdapter mints
/// and burns. Every unit outside the conditional tokens is redeemable 1:1 for real collateral
/// through the adapter's `unwrap`.
interface IWrappedCollateral is IERC20 {
    /// @notice Only the adapter may mint and burn.
    error NotAdapter(address caller);

    /// @notice Mints `amount` to `to` (adapter only).
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from `from` (adapter only).
    function burn(address from, uint256 amount) external;

    /// @notice The adapter that mints and burns.
    function adapter() external view returns (address);
}

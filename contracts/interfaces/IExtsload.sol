// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IExtsload
/// @notice Raw reads of a contract's storage, so that read-only views can live in a separate lens
/// contract that knows the storage layout (the pattern of Uniswap v4's Extsload and StateLibrary).
interface IExtsload {
    /// @notice The word stored at `slot`.
    function extsload(bytes32 slot) external view returns (bytes32 value);

    /// @notice The `nSlots` words stored from `startSlot` on, in order.
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values);
}

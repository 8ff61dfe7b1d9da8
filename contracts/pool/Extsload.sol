// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IExtsload} from "../interfaces/IExtsload.sol";

/// @title Extsload
/// @notice Exposes the contract's storage word by word (see IExtsload). Nothing is hidden by it:
/// every storage word of a contract is public on chain anyway; this only makes it callable.
abstract contract Extsload is IExtsload {
    /// @inheritdoc IExtsload
    function extsload(bytes32 slot) external view returns (bytes32 value) {
        assembly ("memory-safe") {
            value := sload(slot)
        }
    }

    /// @inheritdoc IExtsload
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values) {
        values = new bytes32[](nSlots);
        for (uint256 i; i < nSlots; ++i) {
            bytes32 word;
            assembly ("memory-safe") {
                word := sload(add(startSlot, i))
            }
            values[i] = word;
        }
    }
}

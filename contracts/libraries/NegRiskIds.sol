// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionIds} from "./PositionIds.sol";

/// @title NegRiskIds
/// @notice The identifiers of a multi-outcome market's linked binary questions, shared by the
/// neg-risk adapter that prepares them and the market factory that announces them.
/// @dev Question k of market `marketId` is the binary condition "does outcome k win?", prepared by
/// the adapter (its oracle) with two outcome slots.
library NegRiskIds {
    /// @notice The conditional-tokens question id of question `index`: keccak256(abi.encode(marketId, index)).
    function questionId(bytes32 marketId, uint256 index) internal pure returns (bytes32 id) {
        assembly ("memory-safe") {
            mstore(0x00, marketId)
            mstore(0x20, index)
            id := keccak256(0x00, 0x40)
        }
    }

    /// @notice The condition id of question `index` of `marketId` prepared by `adapter`.
    function conditionId(address adapter, bytes32 marketId, uint256 index) internal pure returns (bytes32) {
        return PositionIds.conditionId(adapter, questionId(marketId, index), PositionIds.BINARY_OUTCOME_SLOTS);
    }
}

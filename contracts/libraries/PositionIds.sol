// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PositionIds
/// @notice The identifier formulas of conditional tokens, shared by every contract that needs a
/// position's ERC-1155 id without calling the token contract.
/// @dev Root collections only; see IConditionalTokens for why.
library PositionIds {
    /// @notice keccak256(abi.encodePacked(oracle, questionId, outcomeSlotCount)).
    function conditionId(
        address oracle,
        bytes32 questionId,
        uint256 outcomeSlotCount
    ) internal pure returns (bytes32 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, shl(96, oracle))
            mstore(add(ptr, 0x14), questionId)
            mstore(add(ptr, 0x34), outcomeSlotCount)
            id := keccak256(ptr, 0x54)
        }
    }

    /// @notice keccak256(abi.encodePacked(conditionId, indexSet)).
    function collectionId(bytes32 conditionId_, uint256 indexSet) internal pure returns (bytes32 id) {
        assembly ("memory-safe") {
            mstore(0x00, conditionId_)
            mstore(0x20, indexSet)
            id := keccak256(0x00, 0x40)
        }
    }

    /// @notice uint256(keccak256(abi.encodePacked(collateralToken, collectionId))).
    function positionId(address collateralToken, bytes32 collectionId_) internal pure returns (uint256 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, shl(96, collateralToken))
            mstore(add(ptr, 0x14), collectionId_)
            id := keccak256(ptr, 0x34)
        }
    }
}

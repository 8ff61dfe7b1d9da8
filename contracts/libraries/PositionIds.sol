// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PositionIds
/// @notice The identifier formulas and index-set conventions of conditional tokens, shared by every
/// contract that needs a position's ERC-1155 id without calling the token contract.
/// @dev Root collections only; see IConditionalTokens for why.
library PositionIds {
    /// @notice Outcome slot bounds of a condition: an index set is a uint256 bit mask.
    uint256 internal constant MIN_OUTCOME_SLOTS = 2;
    uint256 internal constant MAX_OUTCOME_SLOTS = 256;
    /// @notice A binary condition has two outcome slots: YES is slot 0 (index set 1), NO slot 1 (index set 2).
    uint256 internal constant BINARY_OUTCOME_SLOTS = 2;
    uint256 internal constant YES_INDEX_SET = 1;
    uint256 internal constant NO_INDEX_SET = 2;

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

    /// @notice The ERC-1155 id of the position of `indexSet` of `conditionId_` over `collateralToken`.
    function positionIdOf(
        address collateralToken,
        bytes32 conditionId_,
        uint256 indexSet
    ) internal pure returns (uint256) {
        return positionId(collateralToken, collectionId(conditionId_, indexSet));
    }

    /// @notice The YES and NO position ids of a binary condition over `collateralToken`.
    function binaryPositionIds(
        address collateralToken,
        bytes32 conditionId_
    ) internal pure returns (uint256 yesId, uint256 noId) {
        yesId = positionIdOf(collateralToken, conditionId_, YES_INDEX_SET);
        noId = positionIdOf(collateralToken, conditionId_, NO_INDEX_SET);
    }

    /// @notice The partition [YES, NO] that splits collateral into a binary condition's full set.
    function binaryPartition() internal pure returns (uint256[] memory partition) {
        partition = new uint256[](BINARY_OUTCOME_SLOTS);
        partition[0] = YES_INDEX_SET;
        partition[1] = NO_INDEX_SET;
    }
}

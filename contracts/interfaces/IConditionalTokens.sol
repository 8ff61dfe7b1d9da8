// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title IConditionalTokens
/// @notice ERC-1155 outcome positions with Gnosis Conditional Tokens semantics, root collections only.
/// @dev A condition is a question with `outcomeSlotCount` outcomes, answered by one oracle.
/// Collateral is split into positions over a partition of the outcome slots (each part an
/// "index set", a bit mask of outcome slots), merged back, and redeemed once the oracle has
/// reported payout numerators.
///
/// Identifiers:
/// - `conditionId = keccak256(abi.encodePacked(oracle, questionId, outcomeSlotCount))`
/// - `collectionId = keccak256(abi.encodePacked(conditionId, indexSet))`
/// - `positionId = uint256(keccak256(abi.encodePacked(collateralToken, collectionId)))`
///
/// Only root collections (parent collection id zero) exist here. Gnosis combines nested
/// collections with elliptic-curve point addition so that deep positions are order
/// independent; prediction markets in this project never nest conditions, so that machinery
/// (and its gas) is dropped and a non-zero parent collection reverts with
/// `NonRootCollection`. Collateral must be a plain ERC-20 (no fee on transfer, no rebasing).
interface IConditionalTokens is IERC1155 {
    // ------------------------------------------------------------------ errors

    /// @notice The outcome slot count is outside 2..256.
    error InvalidOutcomeSlotCount(uint256 outcomeSlotCount);
    /// @notice The condition was prepared before.
    error ConditionAlreadyPrepared(bytes32 conditionId);
    /// @notice No condition with this id has been prepared.
    error ConditionNotPrepared(bytes32 conditionId);
    /// @notice `caller` is not the oracle of a prepared condition for `questionId` with this many outcomes.
    error NotConditionOracle(address caller, bytes32 questionId, uint256 outcomeSlotCount);
    /// @notice The condition already has payouts.
    error PayoutsAlreadyReported(bytes32 conditionId);
    /// @notice Every payout numerator is zero, so no outcome could ever be redeemed.
    error AllPayoutsZero(bytes32 conditionId);
    /// @notice A payout numerator exceeds the 64-bit range that payouts are stored in.
    error PayoutNumeratorTooLarge(uint256 index, uint256 numerator);
    /// @notice The condition has no payouts yet.
    error ConditionNotResolved(bytes32 conditionId);
    /// @notice A parent collection was given; only root collections are supported.
    error NonRootCollection(bytes32 parentCollectionId);
    /// @notice The partition has fewer than two index sets.
    error TrivialPartition(uint256 length);
    /// @notice An index set is empty or names a slot beyond the condition's outcomes.
    error IndexSetOutOfRange(uint256 indexSet, uint256 fullIndexSet);
    /// @notice An index set shares outcome slots with an earlier one.
    error OverlappingIndexSets(uint256 indexSet, uint256 slotsAlreadyUsed);
    /// @notice The amount is zero.
    error ZeroAmount();

    // ------------------------------------------------------------------ events

    /// @notice A condition was prepared.
    event ConditionPrepared(
        bytes32 indexed conditionId,
        address indexed oracle,
        bytes32 indexed questionId,
        uint256 outcomeSlotCount
    );

    /// @notice The oracle reported payouts; each outcome pays `payoutNumerators[i] / sum`.
    event ConditionResolved(
        bytes32 indexed conditionId,
        address indexed oracle,
        bytes32 indexed questionId,
        uint256 outcomeSlotCount,
        uint256[] payoutNumerators
    );

    /// @notice `amount` of collateral (or of the union position) was split into one position per index set.
    event PositionSplit(
        address indexed stakeholder,
        IERC20 collateralToken,
        bytes32 indexed parentCollectionId,
        bytes32 indexed conditionId,
        uint256[] partition,
        uint256 amount
    );

    /// @notice `amount` of each position was merged back into collateral (or into the union position).
    event PositionsMerged(
        address indexed stakeholder,
        IERC20 collateralToken,
        bytes32 indexed parentCollectionId,
        bytes32 indexed conditionId,
        uint256[] partition,
        uint256 amount
    );

    /// @notice The redeemer's positions in `indexSets` were burned for `payout` collateral.
    event PayoutRedeemed(
        address indexed redeemer,
        IERC20 indexed collateralToken,
        bytes32 indexed parentCollectionId,
        bytes32 conditionId,
        uint256[] indexSets,
        uint256 payout
    );

    // ------------------------------------------------------------------ state-changing

    /// @notice Prepares a condition so that positions on it can be created.
    /// @param oracle The only account that may report the condition's payouts.
    /// @param questionId An identifier chosen by the oracle for the question.
    /// @param outcomeSlotCount The number of outcomes, 2..256.
    function prepareCondition(address oracle, bytes32 questionId, uint256 outcomeSlotCount) external;

    /// @notice Reports the payouts of the caller's condition for `questionId`. Once only.
    /// @dev The condition is found from (msg.sender, questionId, payouts.length). Numerators are
    /// stored as 64-bit values; their sum is the payout denominator.
    /// @param questionId The question the caller prepared a condition for.
    /// @param payouts One numerator per outcome slot; `[1, 1]` pays each binary outcome half.
    function reportPayouts(bytes32 questionId, uint256[] calldata payouts) external;

    /// @notice Splits collateral, or a position, into one position per index set of `partition`.
    /// @dev If the partition covers every outcome slot, `amount` collateral is pulled from the caller
    /// (approve first); otherwise `amount` of the position of the partition's union is burned.
    /// Each position in the partition is minted `amount` to the caller.
    /// @param collateralToken The ERC-20 backing the positions.
    /// @param parentCollectionId Must be zero (root collections only).
    /// @param conditionId A prepared condition.
    /// @param partition Disjoint, non-empty index sets; at least two.
    /// @param amount The amount to split.
    function splitPosition(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata partition,
        uint256 amount
    ) external;

    /// @notice Merges `amount` of each position of `partition` into collateral, or into their union position.
    /// @dev The reverse of `splitPosition` with the same arguments. Works before and after resolution.
    /// @param collateralToken The ERC-20 backing the positions.
    /// @param parentCollectionId Must be zero (root collections only).
    /// @param conditionId A prepared condition.
    /// @param partition Disjoint, non-empty index sets; at least two.
    /// @param amount The amount of each position to merge.
    function mergePositions(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata partition,
        uint256 amount
    ) external;

    /// @notice Burns the caller's whole balance of each position in `indexSets` and pays its share of collateral.
    /// @dev Payout per position is `balance * sum(numerators of its slots) / denominator`, rounded down.
    /// Index sets need not be disjoint or complete; positions with a zero balance pay nothing.
    /// @param collateralToken The ERC-20 backing the positions.
    /// @param parentCollectionId Must be zero (root collections only).
    /// @param conditionId A resolved condition.
    /// @param indexSets The positions to redeem, as index sets.
    function redeemPositions(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata indexSets
    ) external;

    // ------------------------------------------------------------------ views

    /// @notice The number of outcome slots of a condition, zero if it is not prepared.
    function getOutcomeSlotCount(bytes32 conditionId) external view returns (uint256);

    /// @notice The payout denominator (sum of numerators), zero while unresolved.
    function payoutDenominator(bytes32 conditionId) external view returns (uint256);

    /// @notice The payout numerator of one outcome slot, zero while unresolved.
    function payoutNumerators(bytes32 conditionId, uint256 index) external view returns (uint256);

    /// @notice Every payout numerator of a condition (all zero while unresolved).
    function getPayoutNumerators(bytes32 conditionId) external view returns (uint256[] memory);

    /// @notice The condition id for an oracle, question and outcome count.
    function getConditionId(
        address oracle,
        bytes32 questionId,
        uint256 outcomeSlotCount
    ) external pure returns (bytes32);

    /// @notice The collection id of an index set of a condition (root collections only).
    function getCollectionId(
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256 indexSet
    ) external pure returns (bytes32);

    /// @notice The ERC-1155 token id of a position.
    function getPositionId(IERC20 collateralToken, bytes32 collectionId) external pure returns (uint256);
}

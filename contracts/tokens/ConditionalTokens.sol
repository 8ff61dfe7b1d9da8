// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Utils} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Utils.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IConditionalTokens} from "../interfaces/IConditionalTokens.sol";
import {PositionIds} from "../libraries/PositionIds.sol";

/// @title ConditionalTokens
/// @notice Outcome positions for every market in this project: collateral splits into a full set
/// of ERC-1155 positions, merges back, and redeems by the oracle's payouts.
/// @dev Storage is laid out for the binary hot path: a condition's outcome count, payout
/// denominator and first two payout numerators share one slot, so preparing, resolving and
/// redeeming a binary condition each touch a single condition slot. Numerators of outcome
/// slots 2.. are packed four to a word. See IConditionalTokens for the identifier formulas.
contract ConditionalTokens is ERC1155, ReentrancyGuardTransient, IConditionalTokens {
    using SafeERC20 for IERC20;

    /// @dev Numerators beyond the first two are stored four to a 256-bit word.
    uint256 private constant NUMERATORS_PER_WORD = 4;
    uint256 private constant NUMERATOR_BITS = 64;
    uint256 private constant INLINE_NUMERATORS = 2;

    /// @dev One slot: 16 + 72 + 64 + 64 = 216 bits. The denominator is a sum of at most 256
    /// 64-bit numerators, so it fits in 72 bits.
    struct Condition {
        uint16 outcomeSlotCount;
        uint72 payoutDenominator;
        uint64 payoutNumerator0;
        uint64 payoutNumerator1;
    }

    mapping(bytes32 conditionId => Condition) private _conditions;
    /// @dev Numerators for outcome slots 2.., word k holding slots 2 + 4k .. 5 + 4k.
    mapping(bytes32 conditionId => mapping(uint256 word => uint256 packedNumerators)) private _extraNumerators;

    /// @param uri_ ERC-1155 metadata URI template (may be empty).
    constructor(string memory uri_) ERC1155(uri_) {}

    // ================================================================== oracle side

    /// @inheritdoc IConditionalTokens
    function prepareCondition(address oracle, bytes32 questionId, uint256 outcomeSlotCount) external {
        if (outcomeSlotCount < PositionIds.MIN_OUTCOME_SLOTS || outcomeSlotCount > PositionIds.MAX_OUTCOME_SLOTS) {
            revert InvalidOutcomeSlotCount(outcomeSlotCount);
        }
        bytes32 conditionId = PositionIds.conditionId(oracle, questionId, outcomeSlotCount);
        Condition storage condition = _conditions[conditionId];
        if (condition.outcomeSlotCount != 0) revert ConditionAlreadyPrepared(conditionId);

        // Safe cast: bounded to 256 above.
        condition.outcomeSlotCount = uint16(outcomeSlotCount);
        emit ConditionPrepared(conditionId, oracle, questionId, outcomeSlotCount);
    }

    /// @inheritdoc IConditionalTokens
    function reportPayouts(bytes32 questionId, uint256[] calldata payouts) external {
        uint256 outcomeSlotCount = payouts.length;
        bytes32 conditionId = PositionIds.conditionId(msg.sender, questionId, outcomeSlotCount);
        Condition memory condition = _conditions[conditionId];
        if (condition.outcomeSlotCount == 0) revert NotConditionOracle(msg.sender, questionId, outcomeSlotCount);
        if (condition.payoutDenominator != 0) revert PayoutsAlreadyReported(conditionId);

        uint256 denominator;
        uint256 word;
        for (uint256 i; i < outcomeSlotCount; ++i) {
            uint256 numerator = payouts[i];
            if (numerator > type(uint64).max) revert PayoutNumeratorTooLarge(i, numerator);
            // Cannot overflow: at most 256 terms below 2^64.
            unchecked {
                denominator += numerator;
            }
            if (i < INLINE_NUMERATORS) continue;
            uint256 extraIndex = i - INLINE_NUMERATORS;
            uint256 lane = extraIndex % NUMERATORS_PER_WORD;
            word |= numerator << (lane * NUMERATOR_BITS);
            if (lane == NUMERATORS_PER_WORD - 1 || i == outcomeSlotCount - 1) {
                if (word != 0) _extraNumerators[conditionId][extraIndex / NUMERATORS_PER_WORD] = word;
                word = 0;
            }
        }
        if (denominator == 0) revert AllPayoutsZero(conditionId);

        // Safe casts: each numerator was checked against uint64, the sum of 256 of them fits in 72 bits.
        _conditions[conditionId] = Condition({
            outcomeSlotCount: condition.outcomeSlotCount,
            payoutDenominator: uint72(denominator),
            payoutNumerator0: uint64(payouts[0]),
            payoutNumerator1: uint64(payouts[1])
        });
        emit ConditionResolved(conditionId, msg.sender, questionId, outcomeSlotCount, payouts);
    }

    // ================================================================== holder side

    /// @inheritdoc IConditionalTokens
    function splitPosition(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata partition,
        uint256 amount
    ) external nonReentrant {
        // Checks.
        (uint256[] memory ids, uint256[] memory amounts, bool fromCollateral, uint256 unionId) = _partitionPositions(
            collateralToken,
            parentCollectionId,
            conditionId,
            partition,
            amount
        );

        // Effects.
        if (!fromCollateral) {
            _update(msg.sender, address(0), _single(unionId), _single(amount));
        }
        _update(address(0), msg.sender, ids, amounts);
        emit PositionSplit(msg.sender, collateralToken, parentCollectionId, conditionId, partition, amount);

        // Interactions.
        if (fromCollateral) collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        ERC1155Utils.checkOnERC1155BatchReceived(msg.sender, address(0), msg.sender, ids, amounts, "");
    }

    /// @inheritdoc IConditionalTokens
    function mergePositions(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata partition,
        uint256 amount
    ) external nonReentrant {
        // Checks.
        (uint256[] memory ids, uint256[] memory amounts, bool toCollateral, uint256 unionId) = _partitionPositions(
            collateralToken,
            parentCollectionId,
            conditionId,
            partition,
            amount
        );

        // Effects.
        _update(msg.sender, address(0), ids, amounts);
        if (!toCollateral) {
            ids = _single(unionId);
            amounts = _single(amount);
            _update(address(0), msg.sender, ids, amounts);
        }
        emit PositionsMerged(msg.sender, collateralToken, parentCollectionId, conditionId, partition, amount);

        // Interactions.
        if (toCollateral) {
            collateralToken.safeTransfer(msg.sender, amount);
        } else {
            ERC1155Utils.checkOnERC1155BatchReceived(msg.sender, address(0), msg.sender, ids, amounts, "");
        }
    }

    /// @inheritdoc IConditionalTokens
    function redeemPositions(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata indexSets
    ) external nonReentrant {
        // Checks.
        if (parentCollectionId != bytes32(0)) revert NonRootCollection(parentCollectionId);
        Condition memory condition = _conditions[conditionId];
        if (condition.outcomeSlotCount == 0) revert ConditionNotPrepared(conditionId);
        if (condition.payoutDenominator == 0) revert ConditionNotResolved(conditionId);
        uint256 fullIndexSet = _fullIndexSet(condition.outcomeSlotCount);

        uint256 length = indexSets.length;
        uint256[] memory ids = new uint256[](length);
        uint256[] memory balances = new uint256[](length);
        uint256 totalPayout;
        for (uint256 i; i < length; ++i) {
            uint256 indexSet = indexSets[i];
            if (indexSet == 0 || indexSet > fullIndexSet) revert IndexSetOutOfRange(indexSet, fullIndexSet);
            uint256 id = PositionIds.positionIdOf(address(collateralToken), conditionId, indexSet);
            uint256 balance = balanceOf(msg.sender, id);
            ids[i] = id;
            balances[i] = balance;
            if (balance != 0) {
                // Rounds down: the contract keeps any dust, never pays more than it holds.
                totalPayout +=
                    (balance * _payoutNumeratorOfSet(conditionId, condition, indexSet)) / condition.payoutDenominator;
            }
        }

        // Effects.
        _update(msg.sender, address(0), ids, balances);
        emit PayoutRedeemed(msg.sender, collateralToken, parentCollectionId, conditionId, indexSets, totalPayout);

        // Interactions.
        if (totalPayout != 0) collateralToken.safeTransfer(msg.sender, totalPayout);
    }

    // ================================================================== views

    /// @inheritdoc IConditionalTokens
    function getOutcomeSlotCount(bytes32 conditionId) external view returns (uint256) {
        return _conditions[conditionId].outcomeSlotCount;
    }

    /// @inheritdoc IConditionalTokens
    function payoutDenominator(bytes32 conditionId) external view returns (uint256) {
        return _conditions[conditionId].payoutDenominator;
    }

    /// @inheritdoc IConditionalTokens
    function payoutNumerators(bytes32 conditionId, uint256 index) external view returns (uint256) {
        Condition memory condition = _conditions[conditionId];
        if (index >= condition.outcomeSlotCount) return 0;
        return _payoutNumerator(conditionId, condition, index);
    }

    /// @inheritdoc IConditionalTokens
    function getPayoutNumerators(bytes32 conditionId) external view returns (uint256[] memory numerators) {
        Condition memory condition = _conditions[conditionId];
        numerators = new uint256[](condition.outcomeSlotCount);
        for (uint256 i; i < numerators.length; ++i) {
            numerators[i] = _payoutNumerator(conditionId, condition, i);
        }
    }

    /// @inheritdoc IConditionalTokens
    function getConditionId(
        address oracle,
        bytes32 questionId,
        uint256 outcomeSlotCount
    ) external pure returns (bytes32) {
        return PositionIds.conditionId(oracle, questionId, outcomeSlotCount);
    }

    /// @inheritdoc IConditionalTokens
    function getCollectionId(
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256 indexSet
    ) external pure returns (bytes32) {
        if (parentCollectionId != bytes32(0)) revert NonRootCollection(parentCollectionId);
        return PositionIds.collectionId(conditionId, indexSet);
    }

    /// @inheritdoc IConditionalTokens
    function getPositionId(IERC20 collateralToken, bytes32 collectionId) external pure returns (uint256) {
        return PositionIds.positionId(address(collateralToken), collectionId);
    }

    // ================================================================== internals

    /// @dev The mask of all outcome slots of a prepared condition; reverts if it is not prepared.
    function _fullIndexSetOf(bytes32 conditionId) private view returns (uint256) {
        uint256 outcomeSlotCount = _conditions[conditionId].outcomeSlotCount;
        if (outcomeSlotCount == 0) revert ConditionNotPrepared(conditionId);
        return _fullIndexSet(outcomeSlotCount);
    }

    function _fullIndexSet(uint256 outcomeSlotCount) private pure returns (uint256) {
        return type(uint256).max >> (PositionIds.MAX_OUTCOME_SLOTS - outcomeSlotCount);
    }

    /// @dev Checks a split/merge request and returns the position of each index set of `partition`
    /// (each of `amount`) and the other side of the split or merge: collateral when the partition
    /// covers every outcome slot, else the position of the partition's union (`unionId`, zero when
    /// covering all).
    function _partitionPositions(
        IERC20 collateralToken,
        bytes32 parentCollectionId,
        bytes32 conditionId,
        uint256[] calldata partition,
        uint256 amount
    ) private view returns (uint256[] memory ids, uint256[] memory amounts, bool coversAllSlots, uint256 unionId) {
        uint256 fullIndexSet = _fullIndexSetOf(conditionId);
        if (parentCollectionId != bytes32(0)) revert NonRootCollection(parentCollectionId);
        if (amount == 0) revert ZeroAmount();
        if (partition.length < 2) revert TrivialPartition(partition.length);

        uint256 union;
        ids = new uint256[](partition.length);
        amounts = new uint256[](partition.length);
        for (uint256 i; i < partition.length; ++i) {
            uint256 indexSet = partition[i];
            if (indexSet == 0 || indexSet > fullIndexSet) revert IndexSetOutOfRange(indexSet, fullIndexSet);
            if (union & indexSet != 0) revert OverlappingIndexSets(indexSet, union);
            union |= indexSet;
            ids[i] = PositionIds.positionIdOf(address(collateralToken), conditionId, indexSet);
            amounts[i] = amount;
        }
        coversAllSlots = union == fullIndexSet;
        if (!coversAllSlots) unionId = PositionIds.positionIdOf(address(collateralToken), conditionId, union);
    }

    function _payoutNumerator(
        bytes32 conditionId,
        Condition memory condition,
        uint256 index
    ) private view returns (uint256) {
        if (index == 0) return condition.payoutNumerator0;
        if (index == 1) return condition.payoutNumerator1;
        uint256 extraIndex = index - INLINE_NUMERATORS;
        uint256 word = _extraNumerators[conditionId][extraIndex / NUMERATORS_PER_WORD];
        return uint64(word >> ((extraIndex % NUMERATORS_PER_WORD) * NUMERATOR_BITS));
    }

    /// @dev Sum of the numerators of the slots in `indexSet`.
    function _payoutNumeratorOfSet(
        bytes32 conditionId,
        Condition memory condition,
        uint256 indexSet
    ) private view returns (uint256 sum) {
        for (uint256 slot; indexSet != 0; ++slot) {
            if (indexSet & 1 == 1) sum += _payoutNumerator(conditionId, condition, slot);
            indexSet >>= 1;
        }
    }

    function _single(uint256 value) private pure returns (uint256[] memory array) {
        array = new uint256[](1);
        array[0] = value;
    }

    /// @dev Resolves the diamond between ERC1155 and IERC1155's ERC165.
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, IERC165) returns (bool) {
        return interfaceId == type(IConditionalTokens).interfaceId || super.supportsInterface(interfaceId);
    }
}

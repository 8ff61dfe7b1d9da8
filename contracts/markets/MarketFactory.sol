// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IConditionalTokens} from "../interfaces/IConditionalTokens.sol";
import {IMarketFactory} from "../interfaces/IMarketFactory.sol";
import {INegRiskAdapter} from "../interfaces/INegRiskAdapter.sol";
import {IOptimisticOracle} from "../interfaces/IOptimisticOracle.sol";
import {ITokenRegistry} from "../interfaces/ITokenRegistry.sol";
import {Answers} from "../libraries/Answers.sol";
import {NegRiskIds} from "../libraries/NegRiskIds.sol";
import {PositionIds} from "../libraries/PositionIds.sol";

/// @title MarketFactory
/// @notice Permissionless one-transaction market creation and pull-based resolution. See IMarketFactory.
/// @dev Metadata strings are published in `MarketCreated` and committed to on chain by the market id
/// (the oracle question id hashes the ancillary data). No admin.
contract MarketFactory is IMarketFactory {
    using SafeERC20 for IERC20;

    uint256 private constant MIN_MULTI_OUTCOMES = 2;

    /// @dev One slot.
    struct Market {
        address creator;
        uint64 endTime;
        uint16 outcomeCount;
        MarketKind kind;
        bool resolved;
    }

    IConditionalTokens private immutable _ctf;
    IERC20 private immutable _collateral;
    IOptimisticOracle private immutable _oracle;
    ITokenRegistry private immutable _exchange;
    INegRiskAdapter private immutable _adapter;
    address private immutable _wrappedCollateral;
    uint256 private immutable _maxQuestions;

    mapping(bytes32 marketId => Market) private _markets;

    /// @param ctf Conditional tokens.
    /// @param collateral_ Collateral of binary markets and of oracle rewards.
    /// @param oracle The optimistic oracle (its bond token must be `collateral_`).
    /// @param exchange The exchange; the factory must be one of its registrars.
    /// @param adapter The multi-outcome adapter over the same collateral and oracle.
    /// @param maxQuestions Upper bound on outcomes of a multi-outcome market (the adapter's MAX_QUESTIONS).
    constructor(
        IConditionalTokens ctf,
        IERC20 collateral_,
        IOptimisticOracle oracle,
        ITokenRegistry exchange,
        INegRiskAdapter adapter,
        uint256 maxQuestions
    ) {
        _ctf = ctf;
        _collateral = collateral_;
        _oracle = oracle;
        _exchange = exchange;
        _adapter = adapter;
        _wrappedCollateral = adapter.wrappedCollateral();
        _maxQuestions = maxQuestions;
        // The oracle pulls each reward from the factory right after the factory pulled it from the creator.
        collateral_.forceApprove(address(oracle), type(uint256).max);
    }

    // ================================================================== creation

    /// @inheritdoc IMarketFactory
    function createMarket(MarketParams calldata params) external returns (bytes32 marketId) {
        // Checks.
        _validate(params, PositionIds.BINARY_OUTCOME_SLOTS, PositionIds.BINARY_OUTCOME_SLOTS);
        bytes memory ancillaryData = _ancillaryData(params);
        marketId = _marketId(ancillaryData, PositionIds.BINARY_OUTCOME_SLOTS, params.endTime);
        bytes32 conditionId = PositionIds.conditionId(address(this), marketId, PositionIds.BINARY_OUTCOME_SLOTS);
        uint256 yesId = PositionIds.positionIdOf(address(_collateral), conditionId, PositionIds.YES_INDEX_SET);
        uint256 noId = PositionIds.positionIdOf(address(_collateral), conditionId, PositionIds.NO_INDEX_SET);

        // Effects.
        _store(marketId, params.endTime, PositionIds.BINARY_OUTCOME_SLOTS, MarketKind.Binary);
        emit MarketCreated(
            marketId,
            msg.sender,
            MarketKind.Binary,
            _single32(conditionId),
            _single(yesId),
            _single(noId),
            address(0),
            0,
            params
        );

        // Interactions.
        _openQuestion(ancillaryData, PositionIds.BINARY_OUTCOME_SLOTS, params);
        // Tolerate a condition someone prepared first: only this factory can ever report it.
        if (_ctf.getOutcomeSlotCount(conditionId) == 0) {
            _ctf.prepareCondition(address(this), marketId, PositionIds.BINARY_OUTCOME_SLOTS);
        }
        _exchange.registerToken(yesId, noId, conditionId, address(0));
    }

    /// @inheritdoc IMarketFactory
    function createMultiOutcomeMarket(
        MarketParams calldata params,
        uint256 convertFeeBps
    ) external returns (bytes32 marketId) {
        // Checks (the adapter checks the fee).
        uint256 count = params.outcomeNames.length;
        _validate(params, MIN_MULTI_OUTCOMES, _maxQuestions);
        bytes memory ancillaryData = _ancillaryData(params);
        marketId = _marketId(ancillaryData, count, params.endTime);
        (bytes32[] memory conditionIds, uint256[] memory yesIds, uint256[] memory noIds) = _negRiskIds(marketId, count);

        // Effects.
        _store(marketId, params.endTime, count, MarketKind.MultiOutcome);
        _emitMultiOutcomeCreated(marketId, conditionIds, yesIds, noIds, convertFeeBps, params);

        // Interactions.
        _openQuestion(ancillaryData, count, params);
        _adapter.prepareMarket(marketId, convertFeeBps, msg.sender);
        for (uint256 k; k < count; ++k) {
            _exchange.registerToken(yesIds[k], noIds[k], conditionIds[k], address(_adapter));
        }
    }

    // ================================================================== resolution

    /// @inheritdoc IMarketFactory
    function resolveMarket(bytes32 marketId) external {
        // Checks.
        Market storage market = _markets[marketId];
        if (market.creator == address(0)) revert UnknownMarket(marketId);
        if (market.resolved) revert MarketAlreadyResolved(marketId);
        MarketKind kind = market.kind;
        uint256 answer = _oracle.finalAnswer(marketId);

        // Effects.
        market.resolved = true;
        emit MarketResolved(marketId, kind, answer);

        // Interactions.
        if (kind == MarketKind.MultiOutcome) {
            // Anyone may have resolved the adapter's side directly already.
            (, , , bool adapterResolved) = _adapter.getMarket(marketId);
            if (!adapterResolved) _adapter.resolveMarket(marketId);
            return;
        }
        uint256[] memory payouts = new uint256[](PositionIds.BINARY_OUTCOME_SLOTS);
        // YES is outcome 0, NO outcome 1; invalid pays both halves.
        payouts[0] = answer == 0 || answer == Answers.INVALID ? 1 : 0;
        payouts[1] = answer == 1 || answer == Answers.INVALID ? 1 : 0;
        _ctf.reportPayouts(marketId, payouts);
    }

    // ================================================================== views

    /// @inheritdoc IMarketFactory
    function getMarket(
        bytes32 marketId
    ) external view returns (MarketKind kind, address creator, uint256 endTime, uint256 outcomeCount, bool resolved) {
        Market memory market = _markets[marketId];
        return (market.kind, market.creator, market.endTime, market.outcomeCount, market.resolved);
    }

    /// @inheritdoc IMarketFactory
    function binaryConditionId(bytes32 marketId) external view returns (bytes32) {
        return PositionIds.conditionId(address(this), marketId, PositionIds.BINARY_OUTCOME_SLOTS);
    }

    /// @inheritdoc IMarketFactory
    function marketIdFor(MarketParams calldata params) external view returns (bytes32) {
        return _marketId(_ancillaryData(params), params.outcomeNames.length, params.endTime);
    }

    // ================================================================== internals

    function _validate(MarketParams calldata params, uint256 minOutcomes, uint256 maxOutcomes) private view {
        if (bytes(params.question).length == 0) revert EmptyQuestion();
        if (params.endTime <= block.timestamp) revert EndTimeNotInFuture(params.endTime, block.timestamp);
        uint256 count = params.outcomeNames.length;
        if (count < minOutcomes || count > maxOutcomes) revert InvalidOutcomeNames(count, minOutcomes, maxOutcomes);
        for (uint256 i; i < count; ++i) {
            if (bytes(params.outcomeNames[i]).length == 0) revert EmptyOutcomeName(i);
        }
    }

    function _store(bytes32 marketId, uint256 endTime, uint256 outcomeCount, MarketKind kind) private {
        Market storage market = _markets[marketId];
        if (market.creator != address(0)) revert MarketExists(marketId);
        // Safe casts: the oracle rejects end times beyond 64 bits (the whole call reverts) and the
        // outcome count was bounded by _validate.
        market.creator = msg.sender;
        market.endTime = uint64(endTime);
        market.outcomeCount = uint16(outcomeCount);
        market.kind = kind;
    }

    /// @dev Pulls the reward from the creator; the oracle then pulls it from the factory.
    function _openQuestion(bytes memory ancillaryData, uint256 outcomeCount, MarketParams calldata params) private {
        if (params.reward != 0) _collateral.safeTransferFrom(msg.sender, address(this), params.reward);
        _oracle.openQuestion(ancillaryData, outcomeCount, params.endTime, params.reward, params.bond, params.liveness);
    }

    function _emitMultiOutcomeCreated(
        bytes32 marketId,
        bytes32[] memory conditionIds,
        uint256[] memory yesIds,
        uint256[] memory noIds,
        uint256 convertFeeBps,
        MarketParams calldata params
    ) private {
        emit MarketCreated(
            marketId,
            msg.sender,
            MarketKind.MultiOutcome,
            conditionIds,
            yesIds,
            noIds,
            address(_adapter),
            convertFeeBps,
            params
        );
    }

    function _negRiskIds(
        bytes32 marketId,
        uint256 count
    ) private view returns (bytes32[] memory conditionIds, uint256[] memory yesIds, uint256[] memory noIds) {
        conditionIds = new bytes32[](count);
        yesIds = new uint256[](count);
        noIds = new uint256[](count);
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = NegRiskIds.conditionId(address(_adapter), marketId, k);
            conditionIds[k] = conditionId;
            (yesIds[k], noIds[k]) = PositionIds.binaryPositionIds(_wrappedCollateral, conditionId);
        }
    }

    function _ancillaryData(MarketParams calldata params) private pure returns (bytes memory) {
        return abi.encode(params.question, params.outcomeNames, params.rules, params.endTime);
    }

    /// @dev Equals the oracle's question id for a question this factory opens.
    function _marketId(
        bytes memory ancillaryData,
        uint256 outcomeCount,
        uint256 endTime
    ) private view returns (bytes32) {
        return keccak256(abi.encode(address(this), keccak256(ancillaryData), outcomeCount, endTime));
    }

    function _single(uint256 value) private pure returns (uint256[] memory array) {
        array = new uint256[](1);
        array[0] = value;
    }

    function _single32(bytes32 value) private pure returns (bytes32[] memory array) {
        array = new bytes32[](1);
        array[0] = value;
    }
}

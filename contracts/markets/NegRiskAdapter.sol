// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IConditionalTokens} from "../interfaces/IConditionalTokens.sol";
import {INegRiskAdapter} from "../interfaces/INegRiskAdapter.sol";
import {INegRiskSplitter} from "../interfaces/INegRiskSplitter.sol";
import {IOptimisticOracle} from "../interfaces/IOptimisticOracle.sol";
import {IWrappedCollateral} from "../interfaces/IWrappedCollateral.sol";
import {Answers} from "../libraries/Answers.sol";
import {NegRiskIds} from "../libraries/NegRiskIds.sol";
import {PositionIds} from "../libraries/PositionIds.sol";
import {WrappedCollateral} from "./WrappedCollateral.sol";

/// @title NegRiskAdapter
/// @notice Linked binary questions for multi-outcome markets. See INegRiskAdapter and docs/markets.md.
/// @dev The adapter is the oracle of every condition it prepares and holds no loose wrapped
/// collateral between transactions: whatever it mints in a call is locked in the conditional tokens
/// in that same call, and whatever it receives from them is burned. Its only lasting balances are
/// the NO positions taken in by conversions (the "inventory"), which the accounting relies on:
/// real collateral held == wrapped collateral outside the adapter's claims. No admin.
contract NegRiskAdapter is ReentrancyGuardTransient, IERC1155Receiver, INegRiskAdapter {
    using SafeERC20 for IERC20;

    /// @notice A market has at most this many questions (bounded resolution loop, 256-bit index sets).
    uint256 public constant MAX_QUESTIONS = 32;
    /// @notice Convert fee cap: 5% of the collateral paid out.
    uint256 public constant MAX_CONVERT_FEE_BPS = 500;
    uint256 private constant BPS = 10_000;

    /// @dev The positions one conversion moves.
    struct ConvertPlan {
        uint256[] noIds;
        uint256[] noAmounts;
        bytes32[] otherConditions;
        uint256[] yesIds;
        uint256[] yesAmounts;
    }

    /// @dev One slot.
    struct Market {
        uint8 questionCount;
        uint16 feeBps;
        address feeRecipient;
        bool resolved;
    }

    IConditionalTokens private immutable _ctf;
    IERC20 private immutable _collateral;
    IOptimisticOracle private immutable _oracle;
    IWrappedCollateral private immutable _wcol;

    mapping(bytes32 marketId => Market) private _markets;
    mapping(bytes32 conditionId => bytes32 marketId) private _marketOfCondition;

    /// @param ctf Conditional tokens.
    /// @param collateral_ Real collateral (plain ERC-20 with `decimals`).
    /// @param oracle The oracle whose questions the markets resolve from.
    constructor(IConditionalTokens ctf, IERC20Metadata collateral_, IOptimisticOracle oracle) {
        _ctf = ctf;
        _collateral = collateral_;
        _oracle = oracle;
        WrappedCollateral wcol = new WrappedCollateral("Forkcast wrapped collateral", "wCOL", collateral_.decimals());
        _wcol = wcol;
        // Max allowance is never decreased by OpenZeppelin ERC-20, so splits do not write it.
        wcol.approve(address(ctf), type(uint256).max);
    }

    // ================================================================== market set-up

    /// @inheritdoc INegRiskAdapter
    function prepareMarket(
        bytes32 marketId,
        uint256 feeBps,
        address feeRecipient
    ) external returns (bytes32[] memory conditionIds) {
        // Checks.
        IOptimisticOracle.QuestionView memory question = _oracle.getQuestion(marketId);
        if (question.state == IOptimisticOracle.State.None) revert UnknownMarket(marketId);
        if (question.requester != msg.sender) revert NotQuestionRequester(msg.sender, question.requester);
        uint256 count = question.outcomeCount;
        if (count > MAX_QUESTIONS) revert InvalidQuestionCount(count);
        if (feeBps > MAX_CONVERT_FEE_BPS) revert ConvertFeeTooHigh(feeBps);
        Market storage market = _markets[marketId];
        if (market.questionCount != 0) revert MarketExists(marketId);

        // Effects. Safe casts: count <= 32, feeBps <= 500.
        market.questionCount = uint8(count);
        market.feeBps = uint16(feeBps);
        market.feeRecipient = feeRecipient;
        conditionIds = new bytes32[](count);
        uint256[] memory yesIds = new uint256[](count);
        uint256[] memory noIds = new uint256[](count);
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = NegRiskIds.conditionId(address(this), marketId, k);
            conditionIds[k] = conditionId;
            (yesIds[k], noIds[k]) = PositionIds.binaryPositionIds(address(_wcol), conditionId);
            _marketOfCondition[conditionId] = marketId;
        }
        emit MarketPrepared(marketId, msg.sender, count, feeBps, feeRecipient, conditionIds, yesIds, noIds);

        // Interactions: tolerate conditions that someone prepared first (front-running cannot block).
        for (uint256 k; k < count; ++k) {
            if (_ctf.getOutcomeSlotCount(conditionIds[k]) == 0) {
                _ctf.prepareCondition(
                    address(this),
                    NegRiskIds.questionId(marketId, k),
                    PositionIds.BINARY_OUTCOME_SLOTS
                );
            }
        }
    }

    // ================================================================== splitter

    /// @inheritdoc INegRiskSplitter
    function splitPosition(bytes32 conditionId, uint256 amount) external nonReentrant {
        // Checks.
        if (_marketOfCondition[conditionId] == bytes32(0)) revert UnknownCondition(conditionId);
        if (amount == 0) revert ZeroAmount();
        (uint256 yesId, uint256 noId) = PositionIds.binaryPositionIds(address(_wcol), conditionId);

        // Effects: none in storage.
        emit PositionSplit(msg.sender, conditionId, amount);

        // Interactions: wrap, split, hand over the full set.
        _collateral.safeTransferFrom(msg.sender, address(this), amount);
        _wcol.mint(address(this), amount);
        _ctf.splitPosition(_wcol, bytes32(0), conditionId, PositionIds.binaryPartition(), amount);
        _ctf.safeBatchTransferFrom(address(this), msg.sender, _pair(yesId, noId), _pair(amount, amount), "");
    }

    /// @inheritdoc INegRiskSplitter
    function mergePositions(bytes32 conditionId, uint256 amount) external nonReentrant {
        // Checks.
        if (_marketOfCondition[conditionId] == bytes32(0)) revert UnknownCondition(conditionId);
        if (amount == 0) revert ZeroAmount();
        (uint256 yesId, uint256 noId) = PositionIds.binaryPositionIds(address(_wcol), conditionId);

        // Effects: none in storage.
        emit PositionsMerged(msg.sender, conditionId, amount);

        // Interactions: take the full set, merge, unwrap, pay.
        _ctf.safeBatchTransferFrom(msg.sender, address(this), _pair(yesId, noId), _pair(amount, amount), "");
        _ctf.mergePositions(_wcol, bytes32(0), conditionId, PositionIds.binaryPartition(), amount);
        _wcol.burn(address(this), amount);
        _collateral.safeTransfer(msg.sender, amount);
    }

    // ================================================================== conversion

    /// @inheritdoc INegRiskAdapter
    function convertPositions(bytes32 marketId, uint256 indexSet, uint256 amount) external nonReentrant {
        // Checks.
        Market memory market = _markets[marketId];
        uint256 count = market.questionCount;
        if (count == 0) revert UnknownMarket(marketId);
        if (market.resolved) revert MarketResolved(marketId);
        if (indexSet == 0 || indexSet >> count != 0) revert InvalidIndexSet(indexSet, count);
        if (amount == 0) revert ZeroAmount();

        uint256 converted = _popCount(indexSet);
        ConvertPlan memory plan = _planConversion(marketId, count, indexSet, converted, amount);
        // (m - 1) * amount; the fee is rounded up, in the protocol's favour.
        uint256 collateralOut = (converted - 1) * amount;
        uint256 fee = Math.mulDiv(collateralOut, market.feeBps, BPS, Math.Rounding.Ceil);

        // Effects: none in storage (the adapter's inventory is its ERC-1155 balance).
        emit PositionsConverted(msg.sender, marketId, indexSet, amount, collateralOut - fee, fee);

        // Interactions.
        // 1. Take the NO positions in; they stay with the adapter for good.
        _ctf.safeBatchTransferFrom(msg.sender, address(this), plan.noIds, plan.noAmounts, "");
        // 2. Mint wrapped collateral and split it on every other question; the adapter keeps the NO
        //    halves (completing its NO inventory across all N questions) and hands out the YES halves.
        uint256 others = count - converted;
        if (others != 0) {
            _wcol.mint(address(this), others * amount);
            uint256[] memory partition = PositionIds.binaryPartition();
            for (uint256 o; o < others; ++o) {
                _ctf.splitPosition(_wcol, bytes32(0), plan.otherConditions[o], partition, amount);
            }
            _ctf.safeBatchTransferFrom(address(this), msg.sender, plan.yesIds, plan.yesAmounts, "");
        }
        // 3. Pay the collateral.
        if (fee != 0) _collateral.safeTransfer(market.feeRecipient, fee);
        if (collateralOut != fee) _collateral.safeTransfer(msg.sender, collateralOut - fee);
    }

    // ================================================================== resolution

    /// @inheritdoc INegRiskAdapter
    function resolveMarket(bytes32 marketId) external {
        // Checks.
        Market storage market = _markets[marketId];
        uint256 count = market.questionCount;
        if (count == 0) revert UnknownMarket(marketId);
        if (market.resolved) revert MarketResolved(marketId);
        uint256 answer = _oracle.finalAnswer(marketId);

        // Effects.
        market.resolved = true;
        emit MarketResolvedFromOracle(marketId, answer);

        // Interactions: exactly one YES, or 1/N per YES when invalid.
        uint256[] memory payouts = new uint256[](PositionIds.BINARY_OUTCOME_SLOTS);
        for (uint256 k; k < count; ++k) {
            if (answer == Answers.INVALID) {
                payouts[0] = 1;
                payouts[1] = count - 1;
            } else {
                bool wins = answer == k;
                payouts[0] = wins ? 1 : 0;
                payouts[1] = wins ? 0 : 1;
            }
            _ctf.reportPayouts(NegRiskIds.questionId(marketId, k), payouts);
        }
    }

    /// @inheritdoc INegRiskAdapter
    function redeemPositions(bytes32 conditionId) external nonReentrant returns (uint256 payout) {
        // Checks.
        if (_marketOfCondition[conditionId] == bytes32(0)) revert UnknownCondition(conditionId);
        uint256 denominator = _ctf.payoutDenominator(conditionId);
        if (denominator == 0) revert ConditionNotResolved(conditionId);
        uint256 yesNumerator = _ctf.payoutNumerators(conditionId, 0);
        (uint256 yesId, uint256 noId) = PositionIds.binaryPositionIds(address(_wcol), conditionId);
        uint256 yesAmount = _ctf.balanceOf(msg.sender, yesId);
        uint256 noAmount = _ctf.balanceOf(msg.sender, noId);
        // Each side rounded down, in the protocol's favour.
        payout = (yesAmount * yesNumerator) / denominator + (noAmount * (denominator - yesNumerator)) / denominator;

        // Effects: none in storage.
        emit PositionsRedeemed(msg.sender, conditionId, yesAmount, noAmount, payout);

        // Interactions: take the positions, redeem everything the adapter holds on this condition
        // (the caller's positions and the conversion inventory), burn all wrapped collateral
        // received, pay the caller only its own share.
        _ctf.safeBatchTransferFrom(msg.sender, address(this), _pair(yesId, noId), _pair(yesAmount, noAmount), "");
        _ctf.redeemPositions(_wcol, bytes32(0), conditionId, PositionIds.binaryPartition());
        uint256 received = _wcol.balanceOf(address(this));
        if (received != 0) _wcol.burn(address(this), received);
        if (payout != 0) _collateral.safeTransfer(msg.sender, payout);
    }

    /// @inheritdoc INegRiskAdapter
    function unwrap(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        emit Unwrapped(msg.sender, amount);
        _wcol.burn(msg.sender, amount);
        _collateral.safeTransfer(msg.sender, amount);
    }

    // ================================================================== ERC-1155 receiver

    /// @notice Accepts conditional tokens only when the adapter itself moves them (its own splits and
    /// pulls); anything else is rejected so that nothing can be left here for a later caller.
    function onERC1155Received(
        address operator,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external view returns (bytes4) {
        if (operator != address(this) || msg.sender != address(_ctf)) revert UnexpectedTokenTransfer(operator);
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice See `onERC1155Received`.
    function onERC1155BatchReceived(
        address operator,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external view returns (bytes4) {
        if (operator != address(this) || msg.sender != address(_ctf)) revert UnexpectedTokenTransfer(operator);
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return
            interfaceId == type(IERC1155Receiver).interfaceId ||
            interfaceId == type(IERC165).interfaceId ||
            interfaceId == type(INegRiskAdapter).interfaceId ||
            interfaceId == type(INegRiskSplitter).interfaceId;
    }

    // ================================================================== views

    /// @inheritdoc INegRiskAdapter
    function getMarket(
        bytes32 marketId
    ) external view returns (uint256 questionCount, uint256 feeBps, address feeRecipient, bool resolved) {
        Market memory market = _markets[marketId];
        return (market.questionCount, market.feeBps, market.feeRecipient, market.resolved);
    }

    /// @inheritdoc INegRiskAdapter
    function marketOf(bytes32 conditionId) external view returns (bytes32) {
        return _marketOfCondition[conditionId];
    }

    /// @inheritdoc INegRiskAdapter
    function conditionIdOf(bytes32 marketId, uint256 index) external view returns (bytes32) {
        return NegRiskIds.conditionId(address(this), marketId, index);
    }

    /// @inheritdoc INegRiskAdapter
    function positionIdsOf(bytes32 conditionId) external view returns (uint256 yesPositionId, uint256 noPositionId) {
        return PositionIds.binaryPositionIds(address(_wcol), conditionId);
    }

    /// @inheritdoc INegRiskAdapter
    function wrappedCollateral() external view returns (address) {
        return address(_wcol);
    }

    /// @inheritdoc INegRiskAdapter
    function collateral() external view returns (address) {
        return address(_collateral);
    }

    // ================================================================== internals

    /// @dev NO ids of the questions in `indexSet`; conditions and YES ids of the others.
    function _planConversion(
        bytes32 marketId,
        uint256 count,
        uint256 indexSet,
        uint256 converted,
        uint256 amount
    ) private view returns (ConvertPlan memory plan) {
        uint256 others = count - converted;
        plan.noIds = new uint256[](converted);
        plan.noAmounts = new uint256[](converted);
        plan.otherConditions = new bytes32[](others);
        plan.yesIds = new uint256[](others);
        plan.yesAmounts = new uint256[](others);
        uint256 n;
        uint256 o;
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = NegRiskIds.conditionId(address(this), marketId, k);
            if ((indexSet >> k) & 1 == 1) {
                plan.noIds[n] = PositionIds.positionIdOf(address(_wcol), conditionId, PositionIds.NO_INDEX_SET);
                plan.noAmounts[n] = amount;
                ++n;
            } else {
                plan.otherConditions[o] = conditionId;
                plan.yesIds[o] = PositionIds.positionIdOf(address(_wcol), conditionId, PositionIds.YES_INDEX_SET);
                plan.yesAmounts[o] = amount;
                ++o;
            }
        }
    }

    function _pair(uint256 a, uint256 b) private pure returns (uint256[] memory array) {
        array = new uint256[](2);
        array[0] = a;
        array[1] = b;
    }

    /// @dev Number of set bits (at most 32 questions are ever looked at).
    function _popCount(uint256 x) private pure returns (uint256 count) {
        while (x != 0) {
            x &= x - 1;
            ++count;
        }
    }
}

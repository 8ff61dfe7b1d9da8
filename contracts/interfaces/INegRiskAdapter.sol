// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INegRiskSplitter} from "./INegRiskSplitter.sol";

/// @title INegRiskAdapter
/// @notice Multi-outcome ("negative risk") markets as N linked binary conditions: question k asks
/// "does outcome k win?". All N conditions resolve from ONE oracle question with N outcomes, so
/// exactly one question resolves YES (or, for an invalid answer, every YES pays 1/N and every NO
/// (N-1)/N). The conditions' collateral is WrappedCollateral, which the adapter mints and burns;
/// that lets `convertPositions` turn NO positions into collateral plus YES positions.
/// See docs/markets.md for the design and the solvency argument.
/// @dev Position ids are ordinary conditional-token positions over the wrapped collateral, so the
/// exchange trades them like binary ones; it mints and merges full sets through `splitPosition` /
/// `mergePositions` here (the INegRiskSplitter functions).
interface INegRiskAdapter is INegRiskSplitter {
    // ------------------------------------------------------------------ errors

    /// @notice The market exists already.
    error MarketExists(bytes32 marketId);
    /// @notice No market with this id.
    error UnknownMarket(bytes32 marketId);
    /// @notice The condition is not one of this adapter's questions.
    error UnknownCondition(bytes32 conditionId);
    /// @notice Only the oracle question's requester may create the market for it.
    error NotQuestionRequester(address caller, address requester);
    /// @notice The oracle question has an outcome count outside 2..MAX_QUESTIONS.
    error InvalidQuestionCount(uint256 outcomeCount);
    /// @notice The convert fee exceeds MAX_CONVERT_FEE_BPS.
    error ConvertFeeTooHigh(uint256 feeBps);
    /// @notice The market is resolved: no more conversions.
    error MarketResolved(bytes32 marketId);
    /// @notice The index set is empty or names questions beyond the market's count.
    error InvalidIndexSet(uint256 indexSet, uint256 questionCount);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The condition has no payouts yet.
    error ConditionNotResolved(bytes32 conditionId);
    /// @notice Conditional tokens were sent to the adapter by someone other than the adapter itself.
    error UnexpectedTokenTransfer(address operator);

    // ------------------------------------------------------------------ events

    /// @notice A multi-outcome market was prepared: condition k is "outcome k wins?".
    event MarketPrepared(
        bytes32 indexed marketId,
        address indexed creator,
        uint256 questionCount,
        uint256 feeBps,
        address feeRecipient,
        bytes32[] conditionIds,
        uint256[] yesPositionIds,
        uint256[] noPositionIds
    );

    /// @notice `amount` collateral was split into `amount` YES and NO of one question.
    event PositionSplit(address indexed stakeholder, bytes32 indexed conditionId, uint256 amount);

    /// @notice `amount` YES and NO of one question were merged into `amount` collateral.
    event PositionsMerged(address indexed stakeholder, bytes32 indexed conditionId, uint256 amount);

    /// @notice NO positions on the questions in `indexSet` were converted.
    /// @param collateralOut Collateral paid to the stakeholder, after the fee.
    /// @param fee Collateral paid to the market's fee recipient.
    event PositionsConverted(
        address indexed stakeholder,
        bytes32 indexed marketId,
        uint256 indexSet,
        uint256 amount,
        uint256 collateralOut,
        uint256 fee
    );

    /// @notice Every question of the market was resolved from the oracle's answer.
    event MarketResolvedFromOracle(bytes32 indexed marketId, uint256 answer);

    /// @notice The redeemer's YES and NO of one question were burned for `payout` collateral.
    event PositionsRedeemed(
        address indexed redeemer,
        bytes32 indexed conditionId,
        uint256 yesAmount,
        uint256 noAmount,
        uint256 payout
    );

    /// @notice Wrapped collateral was exchanged 1:1 for collateral.
    event Unwrapped(address indexed holder, uint256 amount);

    // ------------------------------------------------------------------ market set-up

    /// @notice Prepares the N conditions of the oracle question `marketId` (its requester only).
    /// Conditions prepared earlier by anyone are tolerated.
    /// @param marketId An open oracle question with N = 2..MAX_QUESTIONS outcomes.
    /// @param feeBps Fee on the collateral `convertPositions` pays out, at most MAX_CONVERT_FEE_BPS.
    /// @param feeRecipient Receives that fee.
    /// @return conditionIds One condition per outcome; index set 1 = YES, 2 = NO.
    function prepareMarket(
        bytes32 marketId,
        uint256 feeBps,
        address feeRecipient
    ) external returns (bytes32[] memory conditionIds);

    // ------------------------------------------------------------------ INegRiskSplitter
    // splitPosition(conditionId, amount): pulls `amount` collateral, gives `amount` YES and NO.
    // mergePositions(conditionId, amount): pulls `amount` YES and NO (ERC-1155 approval), pays `amount` collateral.
    // Both revert with UnknownCondition for conditions of no adapter market and ZeroAmount for 0.

    // ------------------------------------------------------------------ conversion and resolution

    /// @notice Converts `amount` NO on each of the m questions in `indexSet` into (m - 1) * amount
    /// collateral (minus the market's fee, rounded up) plus `amount` YES on every other question.
    /// The NO positions taken in stay with the adapter and are only ever redeemed into wrapped
    /// collateral that is burned: they never back a payout to anyone.
    function convertPositions(bytes32 marketId, uint256 indexSet, uint256 amount) external;

    /// @notice Reports every question's payouts from the oracle's final answer (permissionless).
    /// Winner k: question k pays YES [1, 0], the others NO [0, 1]. Invalid: each question [1, N - 1].
    function resolveMarket(bytes32 marketId) external;

    /// @notice Redeems the caller's whole YES and NO balance of a resolved question for collateral
    /// (rounded down). Pulls the positions (ERC-1155 approval).
    function redeemPositions(bytes32 conditionId) external returns (uint256 payout);

    /// @notice Burns `amount` wrapped collateral of the caller and pays `amount` collateral.
    function unwrap(uint256 amount) external;

    // ------------------------------------------------------------------ views

    /// @notice Market settings: question count, convert fee, fee recipient, whether resolved.
    function getMarket(
        bytes32 marketId
    ) external view returns (uint256 questionCount, uint256 feeBps, address feeRecipient, bool resolved);

    /// @notice The market a condition belongs to (zero if none).
    function marketOf(bytes32 conditionId) external view returns (bytes32);

    /// @notice The condition of question `index` of a market (whether or not the market exists).
    function conditionIdOf(bytes32 marketId, uint256 index) external view returns (bytes32);

    /// @notice The YES (index set 1) and NO (index set 2) position ids of a condition.
    function positionIdsOf(bytes32 conditionId) external view returns (uint256 yesPositionId, uint256 noPositionId);

    /// @notice The wrapped collateral token.
    function wrappedCollateral() external view returns (address);

    /// @notice The real collateral token.
    function collateral() external view returns (address);
}

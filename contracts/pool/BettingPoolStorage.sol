// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAnswerSource} from "../interfaces/IAnswerSource.sol";
import {IBettingPoolBase} from "../interfaces/IBettingPool.sol";
import {LiquidityTree} from "../libraries/LiquidityTree.sol";
import {PoolOdds} from "../libraries/PoolOdds.sol";
import {PrefixSet} from "../libraries/PrefixSet.sol";
import {BetToken} from "./BetToken.sol";

/// @title BettingPoolStorage
/// @notice The state of a betting pool and the helpers both of its halves use: BettingPool (hot
/// paths) and BettingPoolExtension (management, parlays, views; run by delegatecall on this same
/// storage). Both inherit this contract first, so their storage layouts agree slot for slot.
/// @dev Money rule kept by every function: collateral held >= LP tree value + stakes of open
/// conditions and parlays + payouts owed + fees owed (the difference is rounding dust, never
/// negative). The reserve locked for open conditions and parlays is always covered by the
/// deposits in the smallest open prefix, so every loss can be charged to the LPs it belongs to.
abstract contract BettingPoolStorage is IBettingPoolBase, BetToken, ReentrancyGuardTransient {
    using LiquidityTree for LiquidityTree.Tree;
    using PrefixSet for PrefixSet.Set;

    // ------------------------------------------------------------------ constants

    /// @notice May create conditions (within its reinforcement cap).
    bytes32 public constant MARKET_CREATOR_ROLE = keccak256("MARKET_CREATOR_ROLE");
    /// @notice May pause and resume conditions.
    bytes32 public constant MAINTAINER_ROLE = keccak256("MAINTAINER_ROLE");

    uint256 public constant MIN_OUTCOMES = 2;
    uint256 public constant MAX_OUTCOMES = 20;
    uint256 public constant MIN_PARLAY_LEGS = 2;
    uint256 public constant MAX_PARLAY_LEGS = 8;
    /// @notice Odds cap of a single bet or parlay leg: 100.0x.
    uint256 public constant MAX_ODDS = 100 * PoolOdds.ODDS_ONE;
    /// @notice Odds cap of a parlay: 1000.0x.
    uint256 public constant MAX_PARLAY_ODDS = 1000 * PoolOdds.ODDS_ONE;
    uint256 public constant MAX_MARGIN_BPS = 2_000;
    uint256 public constant MAX_TREASURY_FEE_BPS = 2_000;
    uint256 public constant MAX_CREATOR_FEE_BPS = 1_000;
    uint256 public constant MAX_WITHDRAW_TIMEOUT_SECONDS = 30 days;
    /// @notice Largest stake or deposit (fits the packed bet slot; payouts at MAX_ODDS fit 96 bits).
    uint256 public constant MAX_AMOUNT = type(uint88).max;
    /// @notice Largest reinforcement of one condition.
    uint256 public constant MAX_REINFORCEMENT = type(uint96).max;

    uint256 internal constant BPS = PoolOdds.BPS;
    uint256 internal constant ODDS_ONE = PoolOdds.ODDS_ONE;

    // ------------------------------------------------------------------ storage types

    struct Condition {
        // slot 0: written by every bet
        uint128 totalFund;
        uint128 maxPayout; // largest total payout owed over outcomes
        // slot 1: written by every bet
        int128 netStakes; // stakes received minus cash-outs paid
        uint128 openStakes; // stakes of live single bets (the refund total if cancelled)
        // slot 2: read by every bet, reserve written
        uint120 reserve; // locked worst-case loss of the singles book
        uint32 prefix; // number of deposits when created: they alone carry this condition's P&L
        uint40 startsAt;
        uint16 marginBps;
        uint8 outcomeCount;
        ConditionState state;
        uint8 winningOutcome;
        // slot 3
        address creator;
        uint96 reinforcement;
        // slot 4
        uint128 parlayExposure; // liability of open parlays with a leg on this condition
        // slot 5
        bytes32 questionId;
    }

    struct Bet {
        uint64 conditionId;
        uint8 outcome;
        uint88 stake;
        uint96 payout;
    }

    struct Parlay {
        uint96 stake;
        uint128 payout;
        uint8 legCount;
        uint24 prefix; // smallest prefix among the legs' conditions
        uint256[3] legs; // ParlayLegs: three packed legs per word
    }

    struct Totals {
        uint112 lockedReserve;
        uint112 claimable; // payouts and refunds owed to bet holders
        uint32 minOpenPrefix;
    }

    struct Counters {
        uint64 lastBetId;
        uint64 lastConditionId;
        uint128 feesOwed;
    }

    struct Config {
        address treasury;
        uint16 treasuryFeeBps;
        uint16 creatorFeeBps;
        uint32 withdrawTimeout;
    }

    struct CreatorLimit {
        uint128 cap;
        uint128 used;
    }

    // ------------------------------------------------------------------ state

    IERC20 internal immutable _collateral;
    IAnswerSource internal immutable _answers;

    Totals internal _totals;
    Counters internal _counters;
    Config internal _config;
    LiquidityTree.Tree internal _tree;
    PrefixSet.Set internal _openPrefixes;
    mapping(uint256 conditionId => Condition) internal _conditions;
    mapping(uint256 outcomeKey => uint256 fundAndOwed) internal _outcomes; // OutcomeSlot key and word
    mapping(uint256 betId => Bet) internal _bets;
    mapping(uint256 betId => Parlay) internal _parlays;
    mapping(address account => uint256 amount) internal _fees;
    mapping(address creator => CreatorLimit) internal _creators;

    constructor(IERC20 collateral_, IAnswerSource answers_) {
        if (address(collateral_) == address(0) || address(answers_) == address(0)) revert ZeroAddress();
        _collateral = collateral_;
        _answers = answers_;
    }

    // ------------------------------------------------------------------ shared helpers

    /// @dev Replaces `previous` by `next` in the locked total; a growing total must stay covered by
    /// the value of the smallest open prefix of deposits.
    function _lockReserve(uint256 previous, uint256 next) internal returns (uint256 locked) {
        Totals memory t = _totals;
        locked = uint256(t.lockedReserve) + next - previous;
        if (next > previous) {
            uint256 covered = _tree.prefixSum(t.minOpenPrefix);
            if (locked > covered) {
                uint256 free = covered > t.lockedReserve ? covered - t.lockedReserve : 0;
                revert InsufficientFreeLiquidity(next - previous, free);
            }
        }
        // locked <= covered when it grows, and covered is a tree value, far below 2^112.
        _totals.lockedReserve = uint112(locked);
    }

    /// @dev Credits `delta` (negative: a loss) to the first `prefix` deposits. The part of a profit
    /// the tree cannot attribute (an empty prefix, the per-update cap, rounding) accrues to the
    /// treasury, so every unit stays accounted for; a loss is charged at least in full.
    function _creditLiquidity(uint256 prefix, int256 delta) internal returns (int256 applied) {
        applied = _tree.addToPrefix(prefix, delta);
        if (delta > applied && delta > 0)
            _accrueFee(_config.treasury, uint256(delta - (applied > 0 ? applied : int256(0))));
    }

    function _accrueFee(address account, uint256 amount) internal {
        if (amount == 0) return;
        _fees[account] += amount;
        _counters.feesOwed += uint128(amount);
    }

    function _requireBettable(Condition storage c, uint256 conditionId) internal view {
        ConditionState state = c.state;
        if (state != ConditionState.Active) {
            if (state == ConditionState.None) revert ConditionNotFound(conditionId);
            revert ConditionNotActive(conditionId, state);
        }
        if (block.timestamp >= c.startsAt) revert BettingClosed(conditionId, c.startsAt);
    }
}

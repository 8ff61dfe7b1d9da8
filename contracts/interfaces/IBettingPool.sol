// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IExtsload} from "./IExtsload.sol";

/// @title IBettingPoolBase
/// @notice Types, errors and events of the betting pool (see IBettingPool).
/// @dev Amounts are collateral base units. Odds use 1e12 = 1.0x; probabilities use 1e12 = 100%.
/// Outcomes are numbered from 0, as the oracle answers them.
interface IBettingPoolBase {
    // ------------------------------------------------------------------ types

    enum ConditionState {
        None,
        Active,
        Paused,
        Resolved,
        Cancelled
    }

    enum ParlayStatus {
        Pending,
        Lost,
        Won,
        Void
    }

    /// @notice One parlay leg: an outcome of a condition.
    struct Leg {
        uint256 conditionId;
        uint256 outcome;
    }

    /// @notice A condition as the UI and indexer read it.
    struct ConditionView {
        bytes32 questionId;
        address creator;
        ConditionState state;
        uint256 outcomeCount;
        uint256 winningOutcome;
        uint256 startsAt;
        uint256 marginBps;
        uint256 reinforcement;
        uint256 prefixDeposits;
        uint256 totalFund;
        uint256 reserve;
        int256 netStakes;
        uint256 openStakes;
        uint256 maxPayout;
        uint256 parlayExposure;
    }

    /// @notice A single bet as stored.
    struct BetView {
        uint256 conditionId;
        uint256 outcome;
        uint256 stake;
        uint256 payout;
    }

    /// @notice A parlay as stored.
    struct ParlayView {
        uint256 stake;
        uint256 payout;
        uint256 prefixDeposits;
        Leg[] legs;
    }

    // ------------------------------------------------------------------ errors

    /// @notice An address argument is zero.
    error ZeroAddress();
    /// @notice The extension's state-changing functions only run inside the pool (delegatecall).
    error NotDelegateCall();
    /// @notice The pool's storage was initialized already.
    error AlreadyInitialized();
    /// @notice The extension was built for another collateral or oracle.
    error ExtensionMismatch(address extension);
    /// @notice An amount argument is zero.
    error ZeroAmount();
    /// @notice An amount does not fit the pool's packed storage.
    error AmountTooLarge(uint256 amount, uint256 max);
    /// @notice A fee rate exceeds its cap.
    error FeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    /// @notice The caller does not hold the NFT.
    error NotTokenHolder(uint256 tokenId, address caller);
    /// @notice The transaction's deadline has passed.
    error DeadlineExpired(uint256 deadline, uint256 timestamp);

    /// @notice The condition does not exist.
    error ConditionNotFound(uint256 conditionId);
    /// @notice The condition is not in the state the call needs.
    error ConditionNotActive(uint256 conditionId, ConditionState state);
    /// @notice The condition is resolved or cancelled already.
    error ConditionClosed(uint256 conditionId, ConditionState state);
    /// @notice The condition's start time has passed: no more bets or cash-outs.
    error BettingClosed(uint256 conditionId, uint256 startsAt);
    /// @notice The outcome index is not below the condition's outcome count.
    error InvalidOutcome(uint256 outcome, uint256 outcomeCount);
    /// @notice A condition needs MIN_OUTCOMES..MAX_OUTCOMES outcomes.
    error InvalidOutcomeCount(uint256 outcomeCount);
    /// @notice The oracle question was asked with another number of outcomes.
    error OutcomeCountMismatch(bytes32 questionId, uint256 expected, uint256 actual);
    /// @notice Initial probabilities must each be positive and sum to PROBABILITY_ONE.
    error InvalidProbabilities(uint256 sum);
    /// @notice An outcome's initial virtual fund rounds to zero (reinforcement too small).
    error ZeroFund(uint256 outcome);
    /// @notice The margin exceeds MAX_MARGIN_BPS.
    error MarginTooHigh(uint256 marginBps, uint256 maxMarginBps);
    /// @notice The start time is not in the future.
    error StartTimeInPast(uint256 startsAt, uint256 timestamp);
    /// @notice The pool holds no liquidity yet: a condition would have no LPs to carry it.
    error NoLiquidity();
    /// @notice The creator's outstanding reinforcement would exceed the owner's cap.
    error ReinforcementCapExceeded(address creator, uint256 requested, uint256 available);

    /// @notice The odds fell below the bettor's minimum.
    error OddsBelowMinimum(uint256 odds, uint256 minOdds);
    /// @notice The odds are not above 1.0x (the stake is too large for the condition).
    error OddsTooLow(uint256 odds);
    /// @notice Locking the extra reserve would exceed the liquidity that is free.
    error InsufficientFreeLiquidity(uint256 requested, uint256 free);
    /// @notice The bet NFT does not exist (never minted, claimed, cashed out or settled).
    error BetNotFound(uint256 betId);
    /// @notice The bet's condition is not resolved or cancelled yet.
    error ConditionNotSettled(uint256 conditionId, ConditionState state);
    /// @notice The bet lost: nothing to claim.
    error BetLost(uint256 betId);
    /// @notice The cash-out value is below the holder's minimum.
    error CashOutBelowMinimum(uint256 amount, uint256 minAmount);

    /// @notice A parlay needs MIN_PARLAY_LEGS..MAX_PARLAY_LEGS legs.
    error InvalidLegCount(uint256 legCount);
    /// @notice Two legs of a parlay are on the same condition.
    error DuplicateLeg(uint256 conditionId);
    /// @notice The parlay liability of a condition would exceed its cap (its reinforcement).
    error ParlayExposureExceeded(uint256 conditionId, uint256 exposure, uint256 cap);
    /// @notice No leg has lost yet and some are still open.
    error ParlayPending(uint256 betId);

    /// @notice The LP NFT's withdrawal timeout has not passed.
    error WithdrawLocked(uint256 lpId, uint256 unlocksAt);
    /// @notice The withdrawal fraction must be in 1..BPS.
    error InvalidFraction(uint256 fractionBps);
    /// @notice The pool has reached the maximum number of deposits.
    error TooManyDeposits(uint256 maxDeposits);
    /// @notice The account has no fees to claim.
    error NoFees(address account);

    // ------------------------------------------------------------------ events

    /// @notice A condition was created; its outcome i starts with probability `probabilities[i]`.
    event ConditionCreated(
        uint256 indexed conditionId,
        bytes32 indexed questionId,
        address indexed creator,
        uint256[] probabilities,
        uint256 reinforcement,
        uint256 marginBps,
        uint256 startsAt,
        uint256 prefixDeposits
    );
    /// @notice The virtual funds of a condition moved: outcome `outcome` now has `outcomeFund` of
    /// `totalFund` (marginal odds of any outcome j follow as totalFund / fund_j, then margin).
    event OddsChanged(uint256 indexed conditionId, uint256 outcome, uint256 outcomeFund, uint256 totalFund);
    /// @notice A single bet was placed.
    event BetPlaced(
        uint256 indexed betId,
        uint256 indexed conditionId,
        address indexed bettor,
        uint256 outcome,
        uint256 amount,
        uint256 odds,
        uint256 payout
    );
    /// @notice A parlay was placed; `legOdds[i]` are the odds taken on `legs[i]`.
    event ParlayPlaced(
        uint256 indexed betId,
        address indexed bettor,
        Leg[] legs,
        uint256[] legOdds,
        uint256 amount,
        uint256 odds,
        uint256 payout
    );
    /// @notice A condition's reserve changed; `lockedReserve` is the pool's new total.
    event ReserveChanged(uint256 indexed conditionId, uint256 reserve, uint256 lockedReserve);
    /// @notice Liquidity was deposited as LP NFT `lpId`.
    event LiquidityDeposited(uint256 indexed lpId, address indexed provider, uint256 amount);
    /// @notice `fractionBps` of LP NFT `lpId` was withdrawn as `amount`.
    event LiquidityWithdrawn(uint256 indexed lpId, address indexed provider, uint256 fractionBps, uint256 amount);
    /// @notice A condition resolved to `winningOutcome`; LPs of the first `prefixDeposits` deposits
    /// received `lpResult` (negative: a loss) after fees.
    event ConditionResolved(
        uint256 indexed conditionId,
        uint256 winningOutcome,
        uint256 payoutTotal,
        int256 lpResult,
        uint256 treasuryFee,
        uint256 creatorFee
    );
    /// @notice A condition was cancelled (invalid answer): stakes are refundable.
    event ConditionCancelled(uint256 indexed conditionId, uint256 refundTotal, int256 lpResult);
    /// @notice A maintainer paused a condition (no bets, parlays or cash-outs).
    event ConditionPaused(uint256 indexed conditionId);
    /// @notice A maintainer resumed a condition.
    event ConditionResumed(uint256 indexed conditionId);
    /// @notice A single bet's payout or refund was paid to its holder.
    event PayoutClaimed(uint256 indexed betId, address indexed holder, uint256 amount);
    /// @notice A parlay was settled; `amount` went to its holder (0 when lost).
    event ParlaySettled(
        uint256 indexed betId,
        address indexed holder,
        ParlayStatus status,
        uint256 amount,
        int256 lpResult
    );
    /// @notice A single bet was sold back to the pool.
    event BetCashedOut(uint256 indexed betId, address indexed holder, uint256 amount);
    /// @notice Accrued fees were paid out.
    event FeesClaimed(address indexed account, uint256 amount);
    /// @notice Fee rates changed.
    event FeesSet(uint256 treasuryFeeBps, uint256 creatorFeeBps);
    /// @notice The treasury changed.
    event TreasurySet(address indexed treasury);
    /// @notice The LP withdrawal timeout changed.
    event WithdrawTimeoutSet(uint256 timeoutSeconds);
    /// @notice The owner set a creator's reinforcement cap.
    event ReinforcementCapSet(address indexed creator, uint256 cap);
}

/// @title IBettingPoolActions
/// @notice The pool's hot paths, served by the BettingPool contract itself: liquidity, single bets,
/// claims, cash-outs, resolution and fee claims.
interface IBettingPoolActions is IBettingPoolBase {
    /// @notice Resolves a condition from its question's final answer (anyone may call). An
    /// `Answers.INVALID` (or out-of-range) answer cancels it and makes stakes refundable.
    /// Constant cost: independent of the number of bets and parlays.
    function resolveCondition(uint256 conditionId) external;

    // ------------------------------------------------------------------ liquidity

    /// @notice Deposits `amount` and mints an LP NFT to the caller.
    /// @return lpId The deposit's LP NFT id (its position in the deposit order).
    function deposit(uint256 amount) external returns (uint256 lpId);

    /// @notice Withdraws `fractionBps` of an LP NFT's current value to its holder (burns the NFT at
    /// 100%). Reverts while the timeout runs or if it would take locked reserve.
    /// @return amount Collateral paid out.
    function withdraw(uint256 lpId, uint256 fractionBps) external returns (uint256 amount);

    // ------------------------------------------------------------------ betting

    /// @notice Bets `amount` on `outcome`, paid by and minted to the caller.
    /// @param minOdds Reverts if the odds (1e12 = 1.0x) come out lower.
    /// @param deadline Reverts after this timestamp.
    /// @return betId The bet NFT id.
    function bet(
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external returns (uint256 betId);

    /// @notice As `bet`, paid by the caller, with the bet NFT minted to `account`.
    function betFor(
        address account,
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external returns (uint256 betId);

    /// @notice Pays a single bet's payout (resolved, winning outcome) or stake (cancelled) to the
    /// holder and deletes the bet's record (the NFT stays as a receipt). Holder only.
    /// @return amount Collateral paid.
    function claim(uint256 betId) external returns (uint256 amount);

    /// @notice Sells a single bet back to the pool before its condition starts. Holder only.
    /// @param minAmount Reverts if the cash-out value is lower.
    /// @return amount Collateral paid.
    function cashOut(uint256 betId, uint256 minAmount) external returns (uint256 amount);

    /// @notice Pays the caller's accrued fees.
    function claimFees() external returns (uint256 amount);

    /// @notice How much liquidity is free: the smallest open prefix's value minus locked reserve.
    function freeLiquidity() external view returns (uint256);

    /// @notice All LP value, locked or free.
    function totalLiquidity() external view returns (uint256);

    /// @notice The pool's accounting totals: locked reserve, payouts owed to bet holders, fees owed.
    function totals() external view returns (uint256 lockedReserve, uint256 claimable, uint256 feesOwed);

    /// @notice Number of deposits ever made (the next LP NFT id).
    function depositCount() external view returns (uint256);

    /// @notice Odds and payout for `amount` on `outcome` now (reverts like `bet` would on state).
    function quote(
        uint256 conditionId,
        uint256 outcome,
        uint256 amount
    ) external view returns (uint256 odds, uint256 payout);

    /// @notice What `cashOut` would pay for a single bet now.
    function quoteCashOut(uint256 betId) external view returns (uint256 amount);

    /// @notice The collateral token.
    function collateral() external view returns (address);

    /// @notice The oracle conditions resolve from.
    function answerSource() external view returns (address);

    /// @notice The LP NFT contract.
    function lpToken() external view returns (address);

    /// @notice The contract the pool delegates management, parlays and views to.
    function extension() external view returns (address);
}

/// @title IBettingPoolManagement
/// @notice Functions the pool serves through its extension (same storage, reached by delegatecall
/// from the pool's fallback): administration, condition creation, parlays and views.
interface IBettingPoolManagement is IBettingPoolBase {
    /// @notice Grants the admin role and sets the treasury; run once, by the pool's constructor.
    function initialize(address admin, address treasury) external;

    // ------------------------------------------------------------------ admin

    /// @notice Sets the shares of each condition's net profit paid to the treasury and to the
    /// condition's creator (parlay profit pays the treasury share only). Admin only.
    function setFees(uint256 treasuryFeeBps, uint256 creatorFeeBps) external;

    /// @notice Sets the account that accrues the treasury's fees. Admin only.
    function setTreasury(address treasury) external;

    /// @notice Sets how long after a deposit its LP NFT may first withdraw. Admin only.
    function setWithdrawTimeout(uint256 timeoutSeconds) external;

    /// @notice Caps the total reinforcement of `creator`'s open conditions. Admin only.
    function setReinforcementCap(address creator, uint256 cap) external;

    // ------------------------------------------------------------------ conditions

    /// @notice Creates a condition on oracle question `questionId`. Market-creator role only.
    /// @param probabilities Initial probability per outcome (PROBABILITY_ONE = 100%), summing to 100%.
    /// @param reinforcement Virtual liquidity: how much stake moves the odds (counts against the cap).
    /// @param marginBps The bookmaker margin (see docs/pool.md), at most MAX_MARGIN_BPS.
    /// @param startsAt No bets, parlays or cash-outs from this time on.
    /// @return conditionId Sequential id, starting at 1.
    function createCondition(
        bytes32 questionId,
        uint256[] calldata probabilities,
        uint256 reinforcement,
        uint256 marginBps,
        uint256 startsAt
    ) external returns (uint256 conditionId);

    /// @notice Stops bets, parlays and cash-outs on a condition. Maintainer role only.
    function pauseCondition(uint256 conditionId) external;

    /// @notice Lets a paused condition take bets again. Maintainer role only.
    function resumeCondition(uint256 conditionId) external;

    // ------------------------------------------------------------------ parlays

    /// @notice Places a parlay (2..8 legs on different conditions), paid by and minted to the caller.
    function betParlay(
        Leg[] calldata legs,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external returns (uint256 betId);

    /// @notice As `betParlay`, with the bet NFT minted to `account`.
    function betParlayFor(
        address account,
        Leg[] calldata legs,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external returns (uint256 betId);

    /// @notice Settles a parlay as soon as one leg lost (anyone may call), or once every leg won or
    /// some leg was cancelled (paying the holder). Frees its reserve. Reverts while pending.
    function settleParlay(uint256 betId) external returns (ParlayStatus status, uint256 amount);

    /// @notice Settles every parlay of `betIds` that can be settled and skips pending ones.
    /// @return settled How many were settled.
    function settleParlays(uint256[] calldata betIds) external returns (uint256 settled);

    // ------------------------------------------------------------------ views

    /// @notice Combined odds and payout for a parlay of `amount` now.
    function quoteParlay(Leg[] calldata legs, uint256 amount) external view returns (uint256 odds, uint256 payout);

    /// @notice An LP NFT's current value and deposit time.
    function lpPosition(uint256 lpId) external view returns (uint256 value, uint256 depositedAt);

    /// @notice A parlay's status now.
    function parlayStatus(uint256 betId) external view returns (ParlayStatus);
}

/// @title IBettingPool
/// @notice A pooled-liquidity bookmaker: one pool per collateral backs many conditions (markets).
/// Liquidity providers deposit collateral and receive an LP NFT per deposit; bettors take fixed
/// odds from the pool and receive a bet NFT (the pool is the bet ERC-721). Conditions resolve by
/// pulling a final answer from an IAnswerSource. The odds rule, reserve accounting and LP fairness
/// rules are documented in docs/pool.md. This is the full surface at the pool's address.
interface IBettingPool is IBettingPoolActions, IBettingPoolManagement, IExtsload, IERC721, IAccessControl {}

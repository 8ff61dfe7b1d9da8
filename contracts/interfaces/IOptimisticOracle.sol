// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAnswerSource} from "./IAnswerSource.sol";

/// @title IOptimisticOracle
/// @notice Optimistic answers to questions with a fixed number of outcomes: after the question's end
/// time anyone proposes an answer with a bond; if nobody disputes it within the liveness window it
/// becomes final. The first dispute resets the question (a fresh proposal round); a dispute in the
/// second round escalates to the arbitrator, whose ruling is final. An admin may flag a question
/// (pausing it) and resolve it by hand only after a safety period. See docs/oracle.md.
/// @dev Answers follow `Answers`: an outcome index below `outcomeCount`, or `Answers.INVALID`.
/// Bonds and rewards are paid in one ERC-20 (`bondToken`).
interface IOptimisticOracle is IAnswerSource {
    /// @notice Where a question is in its life cycle.
    enum State {
        None,
        Open,
        Proposed,
        Escalated,
        Settled
    }

    /// @notice How a question got its final answer.
    enum Resolution {
        Undisputed,
        Arbitrated,
        Emergency
    }

    /// @notice A question's full state, as returned by `getQuestion`.
    struct QuestionView {
        State state;
        bool reset;
        address requester;
        uint256 outcomeCount;
        uint256 endTime;
        uint256 liveness;
        uint256 bond;
        uint256 reward;
        address proposer;
        uint256 proposedAnswer;
        uint256 expiresAt;
        address disputer;
        address firstProposer;
        uint256 firstAnswer;
        address firstDisputer;
        uint256 emergencyResolvableAt;
        uint256 finalAnswer;
    }

    // ------------------------------------------------------------------ errors

    /// @notice A question with this id exists already (same requester, ancillary data, outcomes and end time).
    error QuestionExists(bytes32 questionId);
    /// @notice No question with this id was opened.
    error QuestionNotFound(bytes32 questionId);
    /// @notice The outcome count is outside 2..MAX_OUTCOMES.
    error InvalidOutcomeCount(uint256 outcomeCount);
    /// @notice The ancillary data is empty.
    error EmptyAncillaryData();
    /// @notice The liveness is outside MIN_LIVENESS_SECONDS..MAX_LIVENESS_SECONDS (0 selects the default).
    error InvalidLiveness(uint256 liveness);
    /// @notice The bond is zero or does not fit 96 bits.
    error InvalidBond(uint256 bond);
    /// @notice The reward does not fit 96 bits.
    error InvalidReward(uint256 reward);
    /// @notice The end time is zero or does not fit 40 bits (year 36812).
    error InvalidEndTime(uint256 endTime);
    /// @notice The question is not in the state this call needs.
    error WrongState(bytes32 questionId, State state);
    /// @notice Proposals open at the question's end time.
    error QuestionNotEnded(bytes32 questionId, uint256 endTime);
    /// @notice The answer is neither an outcome index below `outcomeCount` nor `Answers.INVALID`.
    error InvalidAnswer(bytes32 questionId, uint256 answer, uint256 outcomeCount);
    /// @notice The liveness window of the proposal is over: it can no longer be disputed.
    error LivenessOver(bytes32 questionId, uint256 expiresAt);
    /// @notice The liveness window of the proposal is still running.
    error LivenessRunning(bytes32 questionId, uint256 expiresAt);
    /// @notice The question is flagged (paused) for emergency resolution.
    error QuestionFlagged(bytes32 questionId);
    /// @notice The question is not flagged.
    error QuestionNotFlagged(bytes32 questionId);
    /// @notice The safety period after flagging is not over yet.
    error SafetyPeriodRunning(bytes32 questionId, uint256 resolvableAt);
    /// @notice Only the arbitrator may rule.
    error NotArbitrator(address caller);
    /// @notice The safety period is below MIN_SAFETY_PERIOD_SECONDS or above MAX_SAFETY_PERIOD_SECONDS.
    error InvalidSafetyPeriod(uint256 seconds_);
    /// @notice The dispute fee exceeds MAX_DISPUTE_FEE_BPS.
    error DisputeFeeTooHigh(uint256 feeBps);
    /// @notice The arbitrator address is zero.
    error ZeroArbitrator();

    // ------------------------------------------------------------------ events

    /// @notice A question was opened; the requester paid `reward`. `questionId` commits to every field.
    event QuestionOpened(
        bytes32 indexed questionId,
        address indexed requester,
        uint256 outcomeCount,
        uint256 endTime,
        uint256 reward,
        uint256 bond,
        uint256 liveness,
        bytes ancillaryData
    );

    /// @notice An answer was proposed with a bond; it becomes final at `expiresAt` unless disputed.
    event AnswerProposed(bytes32 indexed questionId, address indexed proposer, uint256 answer, uint256 expiresAt);

    /// @notice The first dispute: the proposal is void and the question is open for a fresh proposal.
    /// The two bonds stay held and go to whichever side the final answer proves right.
    event QuestionReset(bytes32 indexed questionId, address indexed disputer, address indexed proposer, uint256 answer);

    /// @notice The second dispute: the question waits for the arbitrator's ruling.
    event DisputeEscalated(
        bytes32 indexed questionId,
        address indexed disputer,
        address indexed proposer,
        uint256 answer
    );

    /// @notice The arbitrator ruled `answer`.
    event DisputeRuled(bytes32 indexed questionId, address indexed arbitrator, uint256 answer);

    /// @notice The question has its final answer.
    event QuestionSettled(bytes32 indexed questionId, uint256 answer, Resolution resolution);

    /// @notice `recipient` was paid `amount` of the bond token for this question (bond refund, won bond, reward).
    event BondPaid(bytes32 indexed questionId, address indexed recipient, uint256 amount);

    /// @notice The fee share of a losing bond went to the treasury (or the burn address).
    event DisputeFeeCollected(bytes32 indexed questionId, address indexed treasury, uint256 amount);

    /// @notice The admin flagged the question: it is paused and may be resolved by hand from `resolvableAt`.
    event QuestionFlaggedForEmergency(bytes32 indexed questionId, address indexed admin, uint256 resolvableAt);

    /// @notice The admin lifted the flag; a pending proposal got a fresh liveness window ending at `expiresAt`.
    event QuestionUnflagged(bytes32 indexed questionId, address indexed admin, uint256 expiresAt);

    /// @notice The admin resolved a flagged question by hand.
    event EmergencyResolved(bytes32 indexed questionId, address indexed admin, uint256 answer);

    /// @notice The safety period for future flags changed.
    event SafetyPeriodSet(uint256 safetyPeriodSeconds);

    /// @notice The share of a losing bond that is not paid to the winner changed, or its destination.
    event DisputeFeeSet(uint256 feeBps, address indexed treasury);

    // ------------------------------------------------------------------ requester

    /// @notice Opens a question and pulls `reward` bond tokens from the caller (approve first).
    /// @param ancillaryData What is asked: question text, outcome names, rules and resolution source,
    /// end time (any encoding; the market factory uses `abi.encode`). Emitted in full, committed to
    /// by the question id.
    /// @param outcomeCount Number of outcomes, 2..MAX_OUTCOMES.
    /// @param endTime Proposals are accepted from this time on.
    /// @param reward Paid to the proposer of the final answer (or the disputer who proved a proposal wrong).
    /// @param bond Bond for each proposal and each dispute; non-zero.
    /// @param liveness Seconds a proposal can be disputed; 0 selects DEFAULT_LIVENESS_SECONDS.
    /// @return questionId keccak256(abi.encode(msg.sender, keccak256(ancillaryData), outcomeCount, endTime)).
    function openQuestion(
        bytes calldata ancillaryData,
        uint256 outcomeCount,
        uint256 endTime,
        uint256 reward,
        uint256 bond,
        uint256 liveness
    ) external returns (bytes32 questionId);

    // ------------------------------------------------------------------ anyone

    /// @notice Proposes `answer` and pulls the bond from the caller. Open questions only, from the end time on.
    function propose(bytes32 questionId, uint256 answer) external;

    /// @notice Disputes the pending proposal and pulls an equal bond from the caller, within liveness.
    /// @dev First dispute of a question: resets it to Open. Second: escalates to the arbitrator.
    function dispute(bytes32 questionId) external;

    /// @notice Makes an undisputed proposal final once its liveness is over; pays the proposer bond + reward.
    function settle(bytes32 questionId) external;

    // ------------------------------------------------------------------ arbitrator

    /// @notice The arbitrator's final answer to an escalated question. The side it rules for gets its
    /// bond back, the losing bond minus the dispute fee, and the reward.
    function rule(bytes32 questionId, uint256 answer) external;

    // ------------------------------------------------------------------ admin (emergency only)

    /// @notice Pauses a question that is not settled; it may be resolved by hand after the safety period.
    function flag(bytes32 questionId) external;

    /// @notice Lifts a flag; a pending proposal gets a fresh liveness window.
    function unflag(bytes32 questionId) external;

    /// @notice Resolves a flagged question by hand after its safety period. Every held bond is refunded
    /// to its owner and the reward to the requester: nobody wins or loses money by an emergency answer.
    function emergencyResolve(bytes32 questionId, uint256 answer) external;

    /// @notice Sets the safety period applied to questions flagged from now on (MIN..MAX).
    function setSafetyPeriod(uint256 safetyPeriodSeconds) external;

    /// @notice Sets the share of a losing bond withheld from the winner, and where it goes
    /// (`treasury == address(0)` burns it by sending it to BURN_ADDRESS).
    function setDisputeFee(uint256 feeBps, address treasury) external;

    // ------------------------------------------------------------------ views

    /// @notice The ERC-20 of bonds and rewards.
    function bondToken() external view returns (address);

    /// @notice The arbitrator contract (immutable).
    function arbitrator() external view returns (address);

    /// @notice Seconds between flagging and the earliest emergency resolution, for new flags.
    function safetyPeriod() external view returns (uint256);

    /// @notice The dispute fee share in basis points and its destination.
    function disputeFee() external view returns (uint256 feeBps, address treasury);

    /// @notice A question's state.
    function getQuestion(bytes32 questionId) external view returns (QuestionView memory);

    /// @notice The state of a question.
    function stateOf(bytes32 questionId) external view returns (State);

    /// @notice The question id `openQuestion` would assign.
    function questionIdFor(
        address requester,
        bytes calldata ancillaryData,
        uint256 outcomeCount,
        uint256 endTime
    ) external pure returns (bytes32);
}

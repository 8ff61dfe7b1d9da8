// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAnswerSource} from "../interfaces/IAnswerSource.sol";
import {IOptimisticOracle} from "../interfaces/IOptimisticOracle.sol";
import {Answers} from "../libraries/Answers.sol";

/// @title OptimisticOracle
/// @notice Bonded, disputable answers with one reset round and arbitration. See IOptimisticOracle and
/// docs/oracle.md for the state machine and who is paid what.
/// @dev The admin (two-step ownership) has exactly these powers: flag / unflag a question, resolve a
/// flagged question after its safety period, set the safety period for future flags (never below
/// one hour) and set the dispute fee share and its destination. The arbitrator is immutable.
contract OptimisticOracle is Ownable2Step, IOptimisticOracle {
    using SafeERC20 for IERC20;

    /// @notice Outcome count bounds: conditional tokens allow 2..256 outcome slots.
    uint256 public constant MIN_OUTCOMES = 2;
    uint256 public constant MAX_OUTCOMES = 256;
    /// @notice Liveness when a question asks for 0.
    uint256 public constant DEFAULT_LIVENESS_SECONDS = 2 hours;
    uint256 public constant MIN_LIVENESS_SECONDS = 5 minutes;
    uint256 public constant MAX_LIVENESS_SECONDS = 30 days;
    /// @notice Emergency safety period bounds and default.
    uint256 public constant DEFAULT_SAFETY_PERIOD_SECONDS = 24 hours;
    uint256 public constant MIN_SAFETY_PERIOD_SECONDS = 1 hours;
    uint256 public constant MAX_SAFETY_PERIOD_SECONDS = 30 days;
    /// @notice The dispute fee is at most half of the losing bond.
    uint256 public constant MAX_DISPUTE_FEE_BPS = 5_000;
    uint256 private constant BPS = 10_000;
    /// @notice Destination of burned fees when no treasury is set (bond tokens need not be burnable).
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    /// @dev Answers are stored as 16-bit codes: the outcome index (< 256), or INVALID_CODE.
    uint16 private constant INVALID_CODE = type(uint16).max;

    /// @dev Six slots. Opening writes slots 0 and 3; propose and settle read slots 0, 1 and 3;
    /// slot 2 is touched only by escalation and flagging, slots 4-5 only after a reset.
    struct Question {
        // slot 0
        address requester;
        uint40 endTime;
        uint16 outcomeCount;
        State state;
        bool reset;
        bool flagged;
        // slot 1
        address proposer;
        uint64 expiresAt;
        uint16 proposedAnswer;
        uint16 finalAnswer;
        // slot 2
        address disputer;
        uint64 emergencyResolvableAt;
        // slot 3
        uint96 bond;
        uint96 reward;
        uint32 liveness;
        // slot 4: the proposal voided by the first dispute
        address firstProposer;
        uint16 firstAnswer;
        // slot 5
        address firstDisputer;
    }

    IERC20 private immutable _bondToken;
    address private immutable _arbitrator;

    uint64 private _safetyPeriod;
    uint16 private _disputeFeeBps;
    address private _treasury;

    mapping(bytes32 questionId => Question) private _questions;

    /// @param bondToken_ ERC-20 for bonds and rewards (plain: no fee on transfer, no rebasing).
    /// @param arbitrator_ Contract whose `rule` calls are final for escalated questions.
    /// @param admin Emergency admin.
    /// @param disputeFeeBps_ Share of a losing bond withheld from the winner.
    /// @param treasury_ Receives that share; address(0) burns it.
    constructor(
        IERC20 bondToken_,
        address arbitrator_,
        address admin,
        uint256 disputeFeeBps_,
        address treasury_
    ) Ownable(admin) {
        if (arbitrator_ == address(0)) revert ZeroArbitrator();
        if (disputeFeeBps_ > MAX_DISPUTE_FEE_BPS) revert DisputeFeeTooHigh(disputeFeeBps_);
        _bondToken = bondToken_;
        _arbitrator = arbitrator_;
        _safetyPeriod = uint64(DEFAULT_SAFETY_PERIOD_SECONDS);
        // Safe cast: bounded by MAX_DISPUTE_FEE_BPS above.
        _disputeFeeBps = uint16(disputeFeeBps_);
        _treasury = treasury_;
        emit SafetyPeriodSet(DEFAULT_SAFETY_PERIOD_SECONDS);
        emit DisputeFeeSet(disputeFeeBps_, treasury_);
    }

    // ================================================================== requester

    /// @inheritdoc IOptimisticOracle
    function openQuestion(
        bytes calldata ancillaryData,
        uint256 outcomeCount_,
        uint256 endTime,
        uint256 reward,
        uint256 bond,
        uint256 liveness
    ) external returns (bytes32 questionId) {
        // Checks.
        if (ancillaryData.length == 0) revert EmptyAncillaryData();
        if (outcomeCount_ < MIN_OUTCOMES || outcomeCount_ > MAX_OUTCOMES) revert InvalidOutcomeCount(outcomeCount_);
        if (endTime == 0 || endTime > type(uint40).max) revert InvalidEndTime(endTime);
        if (reward > type(uint96).max) revert InvalidReward(reward);
        if (bond == 0 || bond > type(uint96).max) revert InvalidBond(bond);
        if (liveness == 0) liveness = DEFAULT_LIVENESS_SECONDS;
        if (liveness < MIN_LIVENESS_SECONDS || liveness > MAX_LIVENESS_SECONDS) revert InvalidLiveness(liveness);
        questionId = _questionId(msg.sender, ancillaryData, outcomeCount_, endTime);

        // Effects.
        _record(questionId, outcomeCount_, endTime, reward, bond, liveness);
        emit QuestionOpened(questionId, msg.sender, outcomeCount_, endTime, reward, bond, liveness, ancillaryData);

        // Interactions.
        if (reward != 0) _bondToken.safeTransferFrom(msg.sender, address(this), reward);
    }

    // ================================================================== anyone

    /// @inheritdoc IOptimisticOracle
    function propose(bytes32 questionId, uint256 answer) external {
        // Checks.
        Question storage q = _questions[questionId];
        _requireState(questionId, q.state, State.Open);
        if (q.flagged) revert QuestionFlagged(questionId);
        if (block.timestamp < q.endTime) revert QuestionNotEnded(questionId, q.endTime);
        uint16 code = _encode(questionId, answer, q.outcomeCount);
        uint256 expiresAt = block.timestamp + q.liveness;

        // Effects. Safe cast: a timestamp plus at most 30 days fits 64 bits.
        q.state = State.Proposed;
        q.proposer = msg.sender;
        q.expiresAt = uint64(expiresAt);
        q.proposedAnswer = code;
        emit AnswerProposed(questionId, msg.sender, answer, expiresAt);

        // Interactions.
        _bondToken.safeTransferFrom(msg.sender, address(this), q.bond);
    }

    /// @inheritdoc IOptimisticOracle
    function dispute(bytes32 questionId) external {
        // Checks.
        Question storage q = _questions[questionId];
        _requireState(questionId, q.state, State.Proposed);
        if (q.flagged) revert QuestionFlagged(questionId);
        if (block.timestamp >= q.expiresAt) revert LivenessOver(questionId, q.expiresAt);
        address proposer = q.proposer;
        uint16 code = q.proposedAnswer;

        // Effects.
        if (!q.reset) {
            q.reset = true;
            q.state = State.Open;
            q.firstProposer = proposer;
            q.firstAnswer = code;
            q.firstDisputer = msg.sender;
            q.proposer = address(0);
            q.expiresAt = 0;
            emit QuestionReset(questionId, msg.sender, proposer, _decode(code));
        } else {
            q.state = State.Escalated;
            q.disputer = msg.sender;
            emit DisputeEscalated(questionId, msg.sender, proposer, _decode(code));
        }

        // Interactions.
        _bondToken.safeTransferFrom(msg.sender, address(this), q.bond);
    }

    /// @inheritdoc IOptimisticOracle
    function settle(bytes32 questionId) external {
        // Checks.
        Question storage q = _questions[questionId];
        _requireState(questionId, q.state, State.Proposed);
        if (q.flagged) revert QuestionFlagged(questionId);
        if (block.timestamp < q.expiresAt) revert LivenessRunning(questionId, q.expiresAt);
        uint16 code = q.proposedAnswer;

        // Effects (written out rather than through `_markSettled`: the hot path saves the call).
        q.state = State.Settled;
        q.finalAnswer = code;
        emit QuestionSettled(questionId, _decode(code), Resolution.Undisputed);

        // Interactions: the proposer's bond and the reward, then the voided first round if any.
        uint256 bond = q.bond;
        _pay(questionId, q.proposer, bond + q.reward);
        if (q.reset) _settleFirstRound(questionId, q, code, bond);
    }

    // ================================================================== arbitrator

    /// @inheritdoc IOptimisticOracle
    function rule(bytes32 questionId, uint256 answer) external {
        // Checks.
        if (msg.sender != _arbitrator) revert NotArbitrator(msg.sender);
        Question storage q = _questions[questionId];
        _requireState(questionId, q.state, State.Escalated);
        if (q.flagged) revert QuestionFlagged(questionId);
        uint16 code = _encode(questionId, answer, q.outcomeCount);

        // Effects.
        emit DisputeRuled(questionId, msg.sender, answer);
        _markSettled(questionId, q, code, answer, Resolution.Arbitrated);

        // Interactions: the side ruled for takes both bonds minus the fee, plus the reward, so the
        // reward is never left behind after a second dispute.
        uint256 bond = q.bond;
        address winner = code == q.proposedAnswer ? q.proposer : q.disputer;
        uint256 fee = _feeOn(bond);
        _pay(questionId, winner, 2 * bond - fee + q.reward);
        _collectFee(questionId, fee);
        _settleFirstRound(questionId, q, code, bond);
    }

    // ================================================================== admin

    /// @inheritdoc IOptimisticOracle
    function flag(bytes32 questionId) external onlyOwner {
        // Checks.
        Question storage q = _questions[questionId];
        State state = q.state;
        _requireUnsettled(questionId, state);
        if (q.flagged) revert QuestionFlagged(questionId);
        uint256 resolvableAt = block.timestamp + _safetyPeriod;

        // Effects. Safe cast: a timestamp plus at most 30 days fits 64 bits.
        q.flagged = true;
        q.emergencyResolvableAt = uint64(resolvableAt);
        emit QuestionFlaggedForEmergency(questionId, msg.sender, resolvableAt);
    }

    /// @inheritdoc IOptimisticOracle
    function unflag(bytes32 questionId) external onlyOwner {
        // Checks.
        Question storage q = _questions[questionId];
        if (q.state == State.Settled) revert WrongState(questionId, State.Settled);
        if (!q.flagged) revert QuestionNotFlagged(questionId);

        // Effects: a pending proposal gets a full dispute window again.
        q.flagged = false;
        q.emergencyResolvableAt = 0;
        uint256 expiresAt = q.expiresAt;
        if (q.state == State.Proposed) {
            expiresAt = block.timestamp + q.liveness;
            // Safe cast: a timestamp plus at most 30 days fits 64 bits.
            q.expiresAt = uint64(expiresAt);
        }
        emit QuestionUnflagged(questionId, msg.sender, expiresAt);
    }

    /// @inheritdoc IOptimisticOracle
    function emergencyResolve(bytes32 questionId, uint256 answer) external onlyOwner {
        // Checks.
        Question storage q = _questions[questionId];
        State state = q.state;
        _requireUnsettled(questionId, state);
        if (!q.flagged) revert QuestionNotFlagged(questionId);
        uint256 resolvableAt = q.emergencyResolvableAt;
        if (block.timestamp < resolvableAt) revert SafetyPeriodRunning(questionId, resolvableAt);
        uint16 code = _encode(questionId, answer, q.outcomeCount);

        // Effects.
        emit EmergencyResolved(questionId, msg.sender, answer);
        _markSettled(questionId, q, code, answer, Resolution.Emergency);

        // Interactions: every held bond back to its owner, the reward back to the requester.
        uint256 bond = q.bond;
        if (state == State.Proposed || state == State.Escalated) _pay(questionId, q.proposer, bond);
        if (state == State.Escalated) _pay(questionId, q.disputer, bond);
        if (q.reset) {
            _pay(questionId, q.firstProposer, bond);
            _pay(questionId, q.firstDisputer, bond);
        }
        _pay(questionId, q.requester, q.reward);
    }

    /// @inheritdoc IOptimisticOracle
    function setSafetyPeriod(uint256 safetyPeriodSeconds) external onlyOwner {
        if (safetyPeriodSeconds < MIN_SAFETY_PERIOD_SECONDS || safetyPeriodSeconds > MAX_SAFETY_PERIOD_SECONDS) {
            revert InvalidSafetyPeriod(safetyPeriodSeconds);
        }
        // Safe cast: at most 30 days.
        _safetyPeriod = uint64(safetyPeriodSeconds);
        emit SafetyPeriodSet(safetyPeriodSeconds);
    }

    /// @inheritdoc IOptimisticOracle
    function setDisputeFee(uint256 feeBps, address treasury_) external onlyOwner {
        if (feeBps > MAX_DISPUTE_FEE_BPS) revert DisputeFeeTooHigh(feeBps);
        // Safe cast: at most MAX_DISPUTE_FEE_BPS.
        _disputeFeeBps = uint16(feeBps);
        _treasury = treasury_;
        emit DisputeFeeSet(feeBps, treasury_);
    }

    // ================================================================== views

    /// @inheritdoc IAnswerSource
    function finalAnswer(bytes32 questionId) external view returns (uint256) {
        Question storage q = _questions[questionId];
        if (q.state != State.Settled) revert AnswerNotFinal(questionId);
        return _decode(q.finalAnswer);
    }

    /// @inheritdoc IAnswerSource
    function isAnswerFinal(bytes32 questionId) external view returns (bool) {
        return _questions[questionId].state == State.Settled;
    }

    /// @inheritdoc IAnswerSource
    function outcomeCount(bytes32 questionId) external view returns (uint256) {
        return _questions[questionId].outcomeCount;
    }

    /// @inheritdoc IOptimisticOracle
    function bondToken() external view returns (address) {
        return address(_bondToken);
    }

    /// @inheritdoc IOptimisticOracle
    function arbitrator() external view returns (address) {
        return _arbitrator;
    }

    /// @inheritdoc IOptimisticOracle
    function safetyPeriod() external view returns (uint256) {
        return _safetyPeriod;
    }

    /// @inheritdoc IOptimisticOracle
    function disputeFee() external view returns (uint256 feeBps, address treasury) {
        return (_disputeFeeBps, _treasury);
    }

    /// @inheritdoc IOptimisticOracle
    function stateOf(bytes32 questionId) external view returns (State) {
        return _questions[questionId].state;
    }

    /// @inheritdoc IOptimisticOracle
    function getQuestion(bytes32 questionId) external view returns (QuestionView memory view_) {
        Question storage q = _questions[questionId];
        view_.state = q.state;
        view_.reset = q.reset;
        view_.requester = q.requester;
        view_.outcomeCount = q.outcomeCount;
        view_.endTime = q.endTime;
        view_.liveness = q.liveness;
        view_.bond = q.bond;
        view_.reward = q.reward;
        view_.proposer = q.proposer;
        view_.proposedAnswer = q.proposer == address(0) ? 0 : _decode(q.proposedAnswer);
        view_.expiresAt = q.expiresAt;
        view_.disputer = q.disputer;
        view_.firstProposer = q.firstProposer;
        view_.firstAnswer = q.reset ? _decode(q.firstAnswer) : 0;
        view_.firstDisputer = q.firstDisputer;
        view_.emergencyResolvableAt = q.emergencyResolvableAt;
        view_.finalAnswer = q.state == State.Settled ? _decode(q.finalAnswer) : 0;
    }

    /// @inheritdoc IOptimisticOracle
    function questionIdFor(
        address requester,
        bytes calldata ancillaryData,
        uint256 outcomeCount_,
        uint256 endTime
    ) external pure returns (bytes32) {
        return _questionId(requester, ancillaryData, outcomeCount_, endTime);
    }

    // ================================================================== internals

    /// @dev Stores a new question; reverts if the id is taken. Values were bounded by the caller.
    function _record(
        bytes32 questionId,
        uint256 outcomeCount_,
        uint256 endTime,
        uint256 reward,
        uint256 bond,
        uint256 liveness
    ) private {
        Question storage q = _questions[questionId];
        if (q.state != State.None) revert QuestionExists(questionId);
        // Safe casts: each value was bounded in openQuestion.
        q.requester = msg.sender;
        q.endTime = uint40(endTime);
        q.outcomeCount = uint16(outcomeCount_);
        q.state = State.Open;
        q.liveness = uint32(liveness);
        q.bond = uint96(bond);
        q.reward = uint96(reward);
    }

    /// @dev Makes `code` (the encoding of `answer`) the question's final answer. Callers emit the
    /// event of how it was reached (ruling, emergency) first, so `QuestionSettled` is the last word.
    function _markSettled(
        bytes32 questionId,
        Question storage q,
        uint16 code,
        uint256 answer,
        Resolution resolution
    ) private {
        q.state = State.Settled;
        q.finalAnswer = code;
        emit QuestionSettled(questionId, answer, resolution);
    }

    /// @dev The voided first proposal's two bonds go to the side the final answer proves right:
    /// the first proposer if the final answer equals the voided proposal, else the first disputer.
    function _settleFirstRound(bytes32 questionId, Question storage q, uint16 finalCode, uint256 bond) private {
        address winner = finalCode == q.firstAnswer ? q.firstProposer : q.firstDisputer;
        uint256 fee = _feeOn(bond);
        _pay(questionId, winner, 2 * bond - fee);
        _collectFee(questionId, fee);
    }

    /// @dev The fee share of a losing bond, rounded up (in the protocol's favour, never above the bond
    /// because the share is at most 50%).
    function _feeOn(uint256 losingBond) private view returns (uint256) {
        return Math.mulDiv(losingBond, _disputeFeeBps, BPS, Math.Rounding.Ceil);
    }

    function _collectFee(bytes32 questionId, uint256 fee) private {
        if (fee == 0) return;
        address treasury = _treasury;
        if (treasury == address(0)) treasury = BURN_ADDRESS;
        emit DisputeFeeCollected(questionId, treasury, fee);
        _bondToken.safeTransfer(treasury, fee);
    }

    function _pay(bytes32 questionId, address to, uint256 amount) private {
        if (amount == 0) return;
        emit BondPaid(questionId, to, amount);
        _bondToken.safeTransfer(to, amount);
    }

    function _requireState(bytes32 questionId, State actual, State expected) private pure {
        if (actual == expected) return;
        if (actual == State.None) revert QuestionNotFound(questionId);
        revert WrongState(questionId, actual);
    }

    /// @dev Reverts unless the question exists and is not settled yet.
    function _requireUnsettled(bytes32 questionId, State state) private pure {
        if (state == State.None) revert QuestionNotFound(questionId);
        if (state == State.Settled) revert WrongState(questionId, state);
    }

    function _encode(bytes32 questionId, uint256 answer, uint256 outcomeCount_) private pure returns (uint16) {
        if (answer == Answers.INVALID) return INVALID_CODE;
        if (answer >= outcomeCount_) revert InvalidAnswer(questionId, answer, outcomeCount_);
        // Safe cast: below outcomeCount, at most 256.
        return uint16(answer);
    }

    function _decode(uint16 code) private pure returns (uint256) {
        return code == INVALID_CODE ? Answers.INVALID : code;
    }

    function _questionId(
        address requester,
        bytes calldata ancillaryData,
        uint256 outcomeCount_,
        uint256 endTime
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(requester, keccak256(ancillaryData), outcomeCount_, endTime));
    }
}

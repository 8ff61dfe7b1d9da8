// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {OracleFixture} from "./OracleFixture.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

contract OptimisticOracleTest is OracleFixture {
    uint256 private constant DEFAULT_LIVENESS = 2 hours;
    address private constant BURN = 0x000000000000000000000000000000000000dEaD;

    // ================================================================== constructor

    function test_RevertWhen_constructor_zeroArbitrator() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.ZeroArbitrator.selector));
        new OptimisticOracle(IERC20(address(usd)), address(0), admin, FEE_BPS, treasury);
    }

    function test_RevertWhen_constructor_feeAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.DisputeFeeTooHigh.selector, 5_001));
        new OptimisticOracle(IERC20(address(usd)), address(arbitrator), admin, 5_001, treasury);
    }

    function test_constructor_setsDefaults() public view {
        assertEq(oracle.safetyPeriod(), 24 hours, "default safety period is 24 hours");
        (uint256 feeBps, address feeTreasury) = oracle.disputeFee();
        assertEq(feeBps, FEE_BPS, "fee bps");
        assertEq(feeTreasury, treasury, "treasury");
        assertEq(oracle.bondToken(), address(usd), "bond token");
        assertEq(oracle.arbitrator(), address(arbitrator), "arbitrator");
        assertEq(oracle.owner(), admin, "admin");
    }

    // ================================================================== openQuestion

    function test_openQuestion_storesQuestionAndPullsReward() public {
        bytes32 expectedId = oracle.questionIdFor(requester, DATA, 2, endTime);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionOpened(expectedId, requester, 2, endTime, REWARD, BOND, DEFAULT_LIVENESS, DATA);
        bytes32 id = _open();

        assertEq(id, expectedId, "id is questionIdFor");
        assertEq(id, keccak256(abi.encode(requester, keccak256(DATA), uint256(2), endTime)), "id formula");
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(id);
        assertTrue(q.state == IOptimisticOracle.State.Open, "open");
        assertEq(q.requester, requester, "requester");
        assertEq(q.outcomeCount, 2, "outcomes");
        assertEq(q.endTime, endTime, "end time");
        assertEq(q.liveness, DEFAULT_LIVENESS, "0 selects the 2-hour default");
        assertEq(q.bond, BOND, "bond");
        assertEq(q.reward, REWARD, "reward");
        assertEq(usd.balanceOf(address(oracle)), REWARD, "reward pulled");
        assertEq(oracle.outcomeCount(id), 2, "outcomeCount view");
    }

    function test_openQuestion_zeroRewardPullsNothing() public {
        vm.prank(requester);
        oracle.openQuestion(DATA, 3, endTime, 0, BOND, 1 hours);
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing pulled");
    }

    function test_RevertWhen_openQuestion_emptyAncillaryData() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.EmptyAncillaryData.selector));
        vm.prank(requester);
        oracle.openQuestion("", 2, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_outcomeCountBelowTwo() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidOutcomeCount.selector, 1));
        vm.prank(requester);
        oracle.openQuestion(DATA, 1, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_outcomeCountAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidOutcomeCount.selector, 257));
        vm.prank(requester);
        oracle.openQuestion(DATA, 257, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_endTimeZero() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidEndTime.selector, 0));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, 0, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_endTimeAbove40Bits() public {
        uint256 tooLate = uint256(type(uint40).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidEndTime.selector, tooLate));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, tooLate, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_rewardAbove96Bits() public {
        uint256 reward = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidReward.selector, reward));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, reward, BOND, 0);
    }

    function test_RevertWhen_openQuestion_bondZero() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidBond.selector, 0));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, REWARD, 0, 0);
    }

    function test_RevertWhen_openQuestion_bondAbove96Bits() public {
        uint256 bond = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidBond.selector, bond));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, REWARD, bond, 0);
    }

    function test_RevertWhen_openQuestion_livenessTooShort() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidLiveness.selector, 299));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, REWARD, BOND, 299);
    }

    function test_RevertWhen_openQuestion_livenessTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidLiveness.selector, 30 days + 1));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, REWARD, BOND, 30 days + 1);
    }

    function test_RevertWhen_openQuestion_duplicate() public {
        bytes32 id = _open();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionExists.selector, id));
        vm.prank(requester);
        oracle.openQuestion(DATA, 2, endTime, REWARD, BOND, 0);
    }

    function test_openQuestion_sameDataOtherRequesterIsDistinct() public {
        bytes32 first = _open();
        vm.prank(stranger);
        bytes32 second = oracle.openQuestion(DATA, 2, endTime, REWARD, BOND, 0);
        assertNotEq(first, second, "requester is part of the id");
    }

    function testFuzz_openQuestion_acceptsBoundedTerms(
        uint256 outcomes,
        uint256 liveness,
        uint256 bond,
        uint256 reward
    ) public {
        outcomes = bound(outcomes, 2, 256);
        liveness = bound(liveness, 5 minutes, 30 days);
        bond = bound(bond, 1, 1_000e6);
        reward = bound(reward, 0, 1_000e6);
        _checkOpen(outcomes, liveness, bond, reward);
    }

    function test_openQuestion_acceptsBoundedTerms_fixed() public {
        _checkOpen(256, 5 minutes, 1, 0);
    }

    function _checkOpen(uint256 outcomes, uint256 liveness, uint256 bond, uint256 reward) private {
        vm.prank(requester);
        bytes32 id = oracle.openQuestion(DATA, outcomes, endTime, reward, bond, liveness);
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(id);
        assertEq(q.outcomeCount, outcomes, "outcomes stored");
        assertEq(q.liveness, liveness, "liveness stored");
        assertEq(q.bond, bond, "bond stored");
        assertEq(q.reward, reward, "reward stored");
        assertEq(usd.balanceOf(address(oracle)), reward, "reward held");
    }

    // ================================================================== propose

    function test_propose_recordsProposalAndPullsBond() public {
        bytes32 id = _openEnded();
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.AnswerProposed(id, proposer, 1, block.timestamp + DEFAULT_LIVENESS);
        _propose(id, proposer, 1);
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(id);
        assertTrue(q.state == IOptimisticOracle.State.Proposed, "proposed");
        assertEq(q.proposer, proposer, "proposer");
        assertEq(q.proposedAnswer, 1, "answer");
        assertEq(q.expiresAt, block.timestamp + DEFAULT_LIVENESS, "expiry");
        assertEq(usd.balanceOf(address(oracle)), REWARD + BOND, "bond pulled");
    }

    function test_propose_acceptsInvalid() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, Answers.INVALID);
        assertEq(oracle.getQuestion(id).proposedAnswer, Answers.INVALID, "invalid proposed");
    }

    function test_RevertWhen_propose_unknownQuestion() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(uint256(7))));
        _propose(bytes32(uint256(7)), proposer, 0);
    }

    function test_RevertWhen_propose_beforeEndTime() public {
        bytes32 id = _open();
        vm.warp(endTime - 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotEnded.selector, id, endTime));
        _propose(id, proposer, 0);
    }

    function test_RevertWhen_propose_answerOutOfRange() public {
        bytes32 id = _openEnded();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidAnswer.selector, id, 2, 2));
        _propose(id, proposer, 2);
    }

    function test_RevertWhen_propose_alreadyProposed() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Proposed)
        );
        _propose(id, proposer2, 1);
    }

    function test_RevertWhen_propose_flagged() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        _propose(id, proposer, 0);
    }

    function testFuzz_propose_anyValidAnswer(uint256 outcomes, uint256 answer) public {
        outcomes = bound(outcomes, 2, 256);
        answer = bound(answer, 0, outcomes);
        if (answer == outcomes) answer = Answers.INVALID;
        _checkPropose(outcomes, answer);
    }

    function test_propose_anyValidAnswer_fixed() public {
        _checkPropose(256, 255);
    }

    function _checkPropose(uint256 outcomes, uint256 answer) private {
        vm.prank(requester);
        bytes32 id = oracle.openQuestion(DATA, outcomes, endTime, REWARD, BOND, 0);
        vm.warp(endTime);
        _propose(id, proposer, answer);
        assertEq(oracle.getQuestion(id).proposedAnswer, answer, "answer round-trips through its 16-bit code");
    }

    // ================================================================== dispute

    function test_dispute_first_resetsQuestion() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionReset(id, disputer, proposer, 0);
        _dispute(id, disputer);

        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(id);
        assertTrue(q.state == IOptimisticOracle.State.Open, "back to open");
        assertTrue(q.reset, "reset flag");
        assertEq(q.firstProposer, proposer, "first proposer kept");
        assertEq(q.firstAnswer, 0, "first answer kept");
        assertEq(q.firstDisputer, disputer, "first disputer kept");
        assertEq(q.proposer, address(0), "proposal cleared");
        assertEq(usd.balanceOf(address(oracle)), REWARD + 2 * BOND, "both bonds held");
    }

    function test_dispute_second_escalates() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 1);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.DisputeEscalated(id, disputer2, proposer2, 1);
        _dispute(id, disputer2);
        assertTrue(_state(id) == IOptimisticOracle.State.Escalated, "escalated");
        assertEq(oracle.getQuestion(id).disputer, disputer2, "disputer");
        assertEq(usd.balanceOf(address(oracle)), REWARD + 4 * BOND, "four bonds held");
    }

    function test_RevertWhen_dispute_noProposal() public {
        bytes32 id = _openEnded();
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Open)
        );
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_unknownQuestion() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(0)));
        _dispute(bytes32(0), disputer);
    }

    function test_RevertWhen_dispute_afterLiveness() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        uint256 expiresAt = block.timestamp + DEFAULT_LIVENESS;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.LivenessOver.selector, id, expiresAt));
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_flagged() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_escalated() public {
        bytes32 id = _escalated(0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Escalated)
        );
        _dispute(id, stranger);
    }

    function testFuzz_dispute_withinLiveness(uint256 delay) public {
        delay = bound(delay, 0, DEFAULT_LIVENESS - 1);
        _checkDisputeAfter(delay);
    }

    function test_dispute_withinLiveness_fixedLastSecond() public {
        _checkDisputeAfter(DEFAULT_LIVENESS - 1);
    }

    function _checkDisputeAfter(uint256 delay) private {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.warp(block.timestamp + delay);
        _dispute(id, disputer);
        assertTrue(oracle.getQuestion(id).reset, "dispute accepted within liveness");
    }

    // ================================================================== settle

    function test_settle_paysProposerBondAndReward() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 1);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        uint256 before = usd.balanceOf(proposer);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionSettled(id, 1, IOptimisticOracle.Resolution.Undisputed);
        vm.prank(stranger);
        oracle.settle(id);

        assertEq(usd.balanceOf(proposer) - before, BOND + REWARD, "bond + reward");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
        assertTrue(oracle.isAnswerFinal(id), "final");
        assertEq(oracle.finalAnswer(id), 1, "answer");
    }

    function test_settle_afterReset_firstRoundToDisputerWhenAnswerChanged() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 1);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        uint256 disputerBefore = usd.balanceOf(disputer);
        oracle.settle(id);

        uint256 fee = (BOND * FEE_BPS) / 10_000;
        assertEq(usd.balanceOf(disputer) - disputerBefore, 2 * BOND - fee, "first disputer was right");
        assertEq(usd.balanceOf(proposer), FUNDS - BOND, "first proposer lost its bond");
        assertEq(usd.balanceOf(proposer2), FUNDS + REWARD, "second proposer: bond back + reward");
        assertEq(usd.balanceOf(treasury), fee, "fee to treasury");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    function test_settle_afterReset_firstRoundToProposerWhenAnswerConfirmed() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 0);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        oracle.settle(id);
        uint256 fee = (BOND * FEE_BPS) / 10_000;
        assertEq(usd.balanceOf(proposer), FUNDS + BOND - fee, "first proposer was right");
        assertEq(usd.balanceOf(disputer), FUNDS - BOND, "first disputer lost");
    }

    function test_RevertWhen_settle_livenessRunning() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        uint256 expiresAt = block.timestamp + DEFAULT_LIVENESS;
        vm.warp(expiresAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.LivenessRunning.selector, id, expiresAt));
        oracle.settle(id);
    }

    function test_RevertWhen_settle_twice() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        oracle.settle(id);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        oracle.settle(id);
    }

    function test_RevertWhen_settle_noProposal() public {
        bytes32 id = _openEnded();
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Open)
        );
        oracle.settle(id);
    }

    function test_RevertWhen_settle_flagged() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        oracle.settle(id);
    }

    function testFuzz_settle_anyTimeAfterExpiry(uint256 delay) public {
        delay = bound(delay, 0, 365 days);
        _checkSettleAfter(delay);
    }

    function test_settle_anyTimeAfterExpiry_fixedExactExpiry() public {
        _checkSettleAfter(0);
    }

    function _checkSettleAfter(uint256 delay) private {
        bytes32 id = _openEnded();
        _propose(id, proposer, 1);
        vm.warp(block.timestamp + DEFAULT_LIVENESS + delay);
        oracle.settle(id);
        assertEq(oracle.finalAnswer(id), 1, "settled to the proposal");
    }

    // ================================================================== rule

    function test_rule_forProposer_paysBondsMinusFeeAndReward() public {
        bytes32 id = _escalated(0, 1);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.DisputeRuled(id, address(arbitrator), 1);
        _rule(id, 1);

        uint256 fee = (BOND * FEE_BPS) / 10_000;
        assertEq(
            usd.balanceOf(proposer2),
            FUNDS + BOND - fee + REWARD,
            "second proposer ruled for: bonds - fee + reward"
        );
        assertEq(usd.balanceOf(disputer2), FUNDS - BOND, "second disputer lost");
        assertEq(usd.balanceOf(disputer), FUNDS + BOND - fee, "first disputer: the first proposal was wrong");
        assertEq(usd.balanceOf(proposer), FUNDS - BOND, "first proposer lost");
        assertEq(usd.balanceOf(treasury), 2 * fee, "two fees");
        assertEq(oracle.finalAnswer(id), 1, "ruled answer is final");
    }

    function test_rule_forDisputer_paysBondsMinusFeeAndReward() public {
        bytes32 id = _escalated(0, 1);
        _rule(id, 0);
        uint256 fee = (BOND * FEE_BPS) / 10_000;
        assertEq(usd.balanceOf(disputer2), FUNDS + BOND - fee + REWARD, "second disputer ruled for");
        assertEq(usd.balanceOf(proposer2), FUNDS - BOND, "second proposer lost");
        assertEq(usd.balanceOf(proposer), FUNDS + BOND - fee, "first proposer was right after all");
    }

    /// @dev Regression: the UMA adapter left the reward stranded after a second dispute.
    function test_rule_regression_rewardNeverStuckAfterSecondDispute() public {
        bytes32 id = _escalated(0, 1);
        _rule(id, Answers.INVALID);
        assertEq(usd.balanceOf(address(oracle)), 0, "reward and every bond paid out");
        assertEq(
            usd.balanceOf(disputer2),
            FUNDS + BOND - (BOND * FEE_BPS) / 10_000 + REWARD,
            "reward to the right side"
        );
        assertEq(oracle.finalAnswer(id), Answers.INVALID, "invalid is a valid ruling");
    }

    function test_rule_burnsFeeWhenNoTreasury() public {
        vm.prank(admin);
        oracle.setDisputeFee(2_000, address(0));
        bytes32 id = _escalated(0, 1);
        _rule(id, 1);
        assertEq(usd.balanceOf(BURN), 2 * ((BOND * 2_000) / 10_000), "fees sent to the burn address");
    }

    function test_RevertWhen_rule_notArbitrator() public {
        bytes32 id = _escalated(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.NotArbitrator.selector, admin));
        vm.prank(admin);
        oracle.rule(id, 0);
    }

    function test_RevertWhen_rule_notEscalated() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Proposed)
        );
        vm.prank(address(arbitrator));
        oracle.rule(id, 0);
    }

    function test_RevertWhen_rule_invalidAnswer() public {
        bytes32 id = _escalated(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidAnswer.selector, id, 5, 2));
        vm.prank(address(arbitrator));
        oracle.rule(id, 5);
    }

    function test_RevertWhen_rule_flagged() public {
        bytes32 id = _escalated(0, 1);
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        vm.prank(address(arbitrator));
        oracle.rule(id, 0);
    }

    function testFuzz_rule_feeShareRoundsUp(uint256 feeBps, uint256 bond) public {
        feeBps = bound(feeBps, 0, 5_000);
        bond = bound(bond, 1, 1_000e6);
        _checkRuleFee(feeBps, bond);
    }

    function test_rule_feeShareRoundsUp_fixed() public {
        _checkRuleFee(3_333, 7);
    }

    function _checkRuleFee(uint256 feeBps, uint256 bond) private {
        vm.prank(admin);
        oracle.setDisputeFee(feeBps, treasury);
        vm.prank(requester);
        bytes32 id = oracle.openQuestion(DATA, 2, endTime, REWARD, bond, 0);
        vm.warp(endTime);
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 1);
        _dispute(id, disputer2);
        _rule(id, 1);
        uint256 fee = (bond * feeBps + 9_999) / 10_000;
        assertEq(usd.balanceOf(treasury), 2 * fee, "fee rounded up on each losing bond");
        assertEq(usd.balanceOf(proposer2), FUNDS + bond - fee + REWARD, "winner paid the rest");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    function testFuzz_rule_paysEachRoundToTheRightSide(uint256 first, uint256 second, uint256 ruling) public {
        first = bound(first, 0, 2);
        second = bound(second, 0, 2);
        ruling = bound(ruling, 0, 2);
        _checkRounds(
            first == 2 ? Answers.INVALID : first,
            second == 2 ? Answers.INVALID : second,
            ruling == 2 ? Answers.INVALID : ruling
        );
    }

    function test_rule_paysEachRoundToTheRightSide_fixedAllInvalid() public {
        _checkRounds(Answers.INVALID, Answers.INVALID, Answers.INVALID);
    }

    function _checkRounds(uint256 first, uint256 second, uint256 ruling) private {
        bytes32 id = _escalated(first, second);
        _rule(id, ruling);
        uint256 win = BOND - (BOND * FEE_BPS) / 10_000;
        assertEq(usd.balanceOf(proposer), first == ruling ? FUNDS + win : FUNDS - BOND, "first proposer");
        assertEq(usd.balanceOf(disputer), first == ruling ? FUNDS - BOND : FUNDS + win, "first disputer");
        assertEq(usd.balanceOf(proposer2), second == ruling ? FUNDS + win + REWARD : FUNDS - BOND, "second proposer");
        assertEq(usd.balanceOf(disputer2), second == ruling ? FUNDS - BOND : FUNDS + win + REWARD, "second disputer");
        assertEq(usd.balanceOf(treasury), 2 * ((BOND * FEE_BPS) / 10_000), "two fees");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    // ================================================================== emergency

    function test_flag_pausesAndSchedulesResolution() public {
        bytes32 id = _openEnded();
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionFlaggedForEmergency(id, admin, block.timestamp + 24 hours);
        vm.prank(admin);
        oracle.flag(id);
        assertEq(oracle.getQuestion(id).emergencyResolvableAt, block.timestamp + 24 hours, "resolvable after 24h");
    }

    function test_RevertWhen_flag_notOwner() public {
        bytes32 id = _openEnded();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.flag(id);
    }

    function test_RevertWhen_flag_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(uint256(1))));
        vm.prank(admin);
        oracle.flag(bytes32(uint256(1)));
    }

    function test_RevertWhen_flag_settled() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        oracle.settle(id);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        vm.prank(admin);
        oracle.flag(id);
    }

    function test_RevertWhen_flag_alreadyFlagged() public {
        bytes32 id = _openEnded();
        vm.startPrank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        oracle.flag(id);
        vm.stopPrank();
    }

    function test_unflag_givesPendingProposalFreshLiveness() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 5 hours);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionUnflagged(id, admin, block.timestamp + DEFAULT_LIVENESS);
        vm.prank(admin);
        oracle.unflag(id);
        assertEq(oracle.getQuestion(id).expiresAt, block.timestamp + DEFAULT_LIVENESS, "fresh window");
        _dispute(id, disputer);
        assertTrue(oracle.getQuestion(id).reset, "disputable again");
    }

    function test_RevertWhen_unflag_notFlagged() public {
        bytes32 id = _openEnded();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFlagged.selector, id));
        vm.prank(admin);
        oracle.unflag(id);
    }

    function test_RevertWhen_unflag_notOwner() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.unflag(id);
    }

    function test_RevertWhen_unflag_settled() public {
        bytes32 id = _openEnded();
        vm.startPrank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        oracle.emergencyResolve(id, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        oracle.unflag(id);
        vm.stopPrank();
    }

    function test_unflag_escalatedQuestionCanBeRuledAgain() public {
        bytes32 id = _escalated(0, 1);
        vm.startPrank(admin);
        oracle.flag(id);
        oracle.unflag(id);
        vm.stopPrank();
        _rule(id, 0);
        assertEq(oracle.finalAnswer(id), 0, "ruled after the flag was lifted");
    }

    function test_emergencyResolve_proposedQuestionRefundsProposerAndFirstRound() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 1);
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        vm.prank(admin);
        oracle.emergencyResolve(id, 1);
        assertEq(usd.balanceOf(proposer), FUNDS, "first proposer refunded");
        assertEq(usd.balanceOf(disputer), FUNDS, "first disputer refunded");
        assertEq(usd.balanceOf(proposer2), FUNDS, "pending proposer refunded");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    function test_transferOwnership_twoStep() public {
        vm.prank(admin);
        oracle.transferOwnership(stranger);
        assertEq(oracle.owner(), admin, "still the admin until accepted");
        vm.prank(stranger);
        oracle.acceptOwnership();
        assertEq(oracle.owner(), stranger, "new admin");
    }

    function test_emergencyResolve_afterSafetyPeriod_refundsEveryone() public {
        bytes32 id = _escalated(0, 1);
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.EmergencyResolved(id, admin, 0);
        vm.prank(admin);
        oracle.emergencyResolve(id, 0);

        assertEq(oracle.finalAnswer(id), 0, "manual answer final");
        assertEq(usd.balanceOf(proposer), FUNDS, "refunded");
        assertEq(usd.balanceOf(disputer), FUNDS, "refunded");
        assertEq(usd.balanceOf(proposer2), FUNDS, "refunded");
        assertEq(usd.balanceOf(disputer2), FUNDS, "refunded");
        assertEq(usd.balanceOf(requester), FUNDS, "reward back to requester");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    function test_emergencyResolve_openQuestionRefundsReward() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        vm.prank(admin);
        oracle.emergencyResolve(id, Answers.INVALID);
        assertEq(usd.balanceOf(requester), FUNDS, "reward back");
        assertEq(oracle.finalAnswer(id), Answers.INVALID, "invalid");
    }

    function test_RevertWhen_emergencyResolve_beforeSafetyPeriod() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        uint256 resolvableAt = block.timestamp + 24 hours;
        vm.warp(resolvableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.SafetyPeriodRunning.selector, id, resolvableAt));
        vm.prank(admin);
        oracle.emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_notFlagged() public {
        bytes32 id = _openEnded();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFlagged.selector, id));
        vm.prank(admin);
        oracle.emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_notOwner() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(uint256(3))));
        vm.prank(admin);
        oracle.emergencyResolve(bytes32(uint256(3)), 0);
    }

    function test_RevertWhen_emergencyResolve_invalidAnswer() public {
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 24 hours);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidAnswer.selector, id, 2, 2));
        vm.prank(admin);
        oracle.emergencyResolve(id, 2);
    }

    function test_setSafetyPeriod_appliesToNewFlags() public {
        vm.prank(admin);
        oracle.setSafetyPeriod(1 hours);
        bytes32 id = _openEnded();
        vm.prank(admin);
        oracle.flag(id);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(admin);
        oracle.emergencyResolve(id, 1);
        assertEq(oracle.finalAnswer(id), 1, "resolved after the shorter period");
    }

    function test_RevertWhen_setSafetyPeriod_belowOneHour() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidSafetyPeriod.selector, 1 hours - 1));
        vm.prank(admin);
        oracle.setSafetyPeriod(1 hours - 1);
    }

    function test_RevertWhen_setSafetyPeriod_aboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidSafetyPeriod.selector, 30 days + 1));
        vm.prank(admin);
        oracle.setSafetyPeriod(30 days + 1);
    }

    function test_RevertWhen_setSafetyPeriod_notOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.setSafetyPeriod(2 hours);
    }

    function testFuzz_setSafetyPeriod_inRange(uint256 period) public {
        period = bound(period, 1 hours, 30 days);
        _checkSafetyPeriod(period);
    }

    function test_setSafetyPeriod_inRange_fixedMinimum() public {
        _checkSafetyPeriod(1 hours);
    }

    function _checkSafetyPeriod(uint256 period) private {
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.SafetyPeriodSet(period);
        vm.prank(admin);
        oracle.setSafetyPeriod(period);
        assertEq(oracle.safetyPeriod(), period, "stored");
    }

    function test_RevertWhen_setDisputeFee_aboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.DisputeFeeTooHigh.selector, 5_001));
        vm.prank(admin);
        oracle.setDisputeFee(5_001, treasury);
    }

    function test_RevertWhen_setDisputeFee_notOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        oracle.setDisputeFee(0, treasury);
    }

    // ================================================================== answer source

    function test_finalAnswer_revertsUntilSettled() public {
        bytes32 id = _openEnded();
        assertFalse(oracle.isAnswerFinal(id), "not final while open");
        vm.expectRevert(abi.encodeWithSelector(IAnswerSource.AnswerNotFinal.selector, id));
        oracle.finalAnswer(id);
        _propose(id, proposer, 0);
        vm.expectRevert(abi.encodeWithSelector(IAnswerSource.AnswerNotFinal.selector, id));
        oracle.finalAnswer(id);
    }

    function test_outcomeCount_zeroForUnknownQuestion() public view {
        assertEq(oracle.outcomeCount(bytes32(uint256(99))), 0, "unknown question has no outcomes");
    }

    function test_settledAnswer_cannotBeChangedByAnyPath() public {
        bytes32 id = _escalated(0, 1);
        _rule(id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        vm.prank(admin);
        oracle.flag(id);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        vm.prank(admin);
        oracle.emergencyResolve(id, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, id, IOptimisticOracle.State.Settled)
        );
        _propose(id, proposer, 0);
        assertEq(oracle.finalAnswer(id), 1, "answer unchanged");
    }
}

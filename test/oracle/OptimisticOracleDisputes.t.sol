// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "./OracleFixture.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice Disputes, undisputed settlement and the arbitrator's ruling, with who gets paid what.
contract OptimisticOracleDisputesTest is OracleFixture {
    address private constant BURN = 0x000000000000000000000000000000000000dEaD;

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
        _expectWrongState(id, IOptimisticOracle.State.Open);
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_unknownQuestion() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(0)));
        _dispute(bytes32(0), disputer);
    }

    function test_RevertWhen_dispute_afterLiveness() public {
        bytes32 id = _openEnded();
        _proposeAndWait(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.LivenessOver.selector, id, block.timestamp));
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_flagged() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        _dispute(id, disputer);
    }

    function test_RevertWhen_dispute_escalated() public {
        bytes32 id = _escalated(0, 1);
        _expectWrongState(id, IOptimisticOracle.State.Escalated);
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
        _proposeAndWait(id, 1);
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
        bytes32 id = _settledAfterReset(0, 1);
        assertEq(usd.balanceOf(disputer), FUNDS + BOND - FEE, "first disputer was right");
        assertEq(usd.balanceOf(proposer), FUNDS - BOND, "first proposer lost its bond");
        assertEq(usd.balanceOf(proposer2), FUNDS + REWARD, "second proposer: bond back + reward");
        assertEq(usd.balanceOf(treasury), FEE, "fee to treasury");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
        assertEq(oracle.finalAnswer(id), 1, "second proposal is final");
    }

    function test_settle_afterReset_firstRoundToProposerWhenAnswerConfirmed() public {
        _settledAfterReset(0, 0);
        assertEq(usd.balanceOf(proposer), FUNDS + BOND - FEE, "first proposer was right");
        assertEq(usd.balanceOf(disputer), FUNDS - BOND, "first disputer lost");
    }

    /// @dev Propose `first`, dispute (reset), propose `second` undisputed, settle after liveness.
    function _settledAfterReset(uint256 first, uint256 second) private returns (bytes32 id) {
        id = _openEnded();
        _propose(id, proposer, first);
        _dispute(id, disputer);
        _propose(id, proposer2, second);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
        oracle.settle(id);
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
        _proposeAndWait(id, 0);
        oracle.settle(id);
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        oracle.settle(id);
    }

    function test_RevertWhen_settle_noProposal() public {
        bytes32 id = _openEnded();
        _expectWrongState(id, IOptimisticOracle.State.Open);
        oracle.settle(id);
    }

    function test_RevertWhen_settle_flagged() public {
        bytes32 id = _openEnded();
        _proposeAndWait(id, 0);
        _flag(id);
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
        _proposeAndWait(id, 1);
        vm.warp(block.timestamp + delay);
        oracle.settle(id);
        assertEq(oracle.finalAnswer(id), 1, "settled to the proposal");
    }

    // ================================================================== rule

    function test_rule_forProposer_paysBondsMinusFeeAndReward() public {
        bytes32 id = _escalated(0, 1);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.DisputeRuled(id, address(arbitrator), 1);
        _rule(id, 1);

        assertEq(
            usd.balanceOf(proposer2),
            FUNDS + BOND - FEE + REWARD,
            "second proposer ruled for: bonds - fee + reward"
        );
        assertEq(usd.balanceOf(disputer2), FUNDS - BOND, "second disputer lost");
        assertEq(usd.balanceOf(disputer), FUNDS + BOND - FEE, "first disputer: the first proposal was wrong");
        assertEq(usd.balanceOf(proposer), FUNDS - BOND, "first proposer lost");
        assertEq(usd.balanceOf(treasury), 2 * FEE, "two fees");
        assertEq(oracle.finalAnswer(id), 1, "ruled answer is final");
    }

    function test_rule_forDisputer_paysBondsMinusFeeAndReward() public {
        bytes32 id = _escalated(0, 1);
        _rule(id, 0);
        assertEq(usd.balanceOf(disputer2), FUNDS + BOND - FEE + REWARD, "second disputer ruled for");
        assertEq(usd.balanceOf(proposer2), FUNDS - BOND, "second proposer lost");
        assertEq(usd.balanceOf(proposer), FUNDS + BOND - FEE, "first proposer was right after all");
    }

    /// @dev Regression: the UMA adapter left the reward stranded after a second dispute.
    function test_rule_regression_rewardNeverStuckAfterSecondDispute() public {
        bytes32 id = _escalated(0, 1);
        _rule(id, Answers.INVALID);
        assertEq(usd.balanceOf(address(oracle)), 0, "reward and every bond paid out");
        assertEq(usd.balanceOf(disputer2), FUNDS + BOND - FEE + REWARD, "reward to the right side");
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
        _expectRevertFrom(admin, abi.encodeWithSelector(IOptimisticOracle.NotArbitrator.selector, admin));
        oracle.rule(id, 0);
    }

    function test_RevertWhen_rule_notEscalated() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _expectWrongState(id, IOptimisticOracle.State.Proposed);
        vm.prank(address(arbitrator));
        oracle.rule(id, 0);
    }

    function test_RevertWhen_rule_invalidAnswer() public {
        bytes32 id = _escalated(0, 1);
        _expectRevertFrom(
            address(arbitrator),
            abi.encodeWithSelector(IOptimisticOracle.InvalidAnswer.selector, id, 5, 2)
        );
        oracle.rule(id, 5);
    }

    function test_RevertWhen_rule_flagged() public {
        bytes32 id = _escalated(0, 1);
        _flag(id);
        _expectRevertFrom(address(arbitrator), abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
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
        _escalate(oracle, id, 0, 1);
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
        uint256 win = BOND - FEE;
        assertEq(usd.balanceOf(proposer), first == ruling ? FUNDS + win : FUNDS - BOND, "first proposer");
        assertEq(usd.balanceOf(disputer), first == ruling ? FUNDS - BOND : FUNDS + win, "first disputer");
        assertEq(usd.balanceOf(proposer2), second == ruling ? FUNDS + win + REWARD : FUNDS - BOND, "second proposer");
        assertEq(usd.balanceOf(disputer2), second == ruling ? FUNDS - BOND : FUNDS + win + REWARD, "second disputer");
        assertEq(usd.balanceOf(treasury), 2 * FEE, "two fees");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }
}

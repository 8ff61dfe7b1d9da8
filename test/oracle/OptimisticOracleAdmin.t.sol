// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "./OracleFixture.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice The owner's levers (flag, unflag, emergency resolution, safety period, dispute fee,
/// ownership) and the answer-source views.
contract OptimisticOracleAdminTest is OracleFixture {
    // ================================================================== flag and unflag

    function test_flag_pausesAndSchedulesResolution() public {
        bytes32 id = _openEnded();
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.QuestionFlaggedForEmergency(id, admin, block.timestamp + 24 hours);
        _flag(id);
        assertEq(oracle.getQuestion(id).emergencyResolvableAt, block.timestamp + 24 hours, "resolvable after 24h");
    }

    function test_RevertWhen_flag_notOwner() public {
        bytes32 id = _openEnded();
        _expectNotOwner(stranger);
        oracle.flag(id);
    }

    function test_RevertWhen_flag_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(uint256(1))));
        _flag(bytes32(uint256(1)));
    }

    function test_RevertWhen_flag_settled() public {
        bytes32 id = _openEnded();
        _proposeAndWait(id, 0);
        oracle.settle(id);
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        _flag(id);
    }

    function test_RevertWhen_flag_alreadyFlagged() public {
        bytes32 id = _openEnded();
        _flag(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionFlagged.selector, id));
        _flag(id);
    }

    function test_unflag_givesPendingProposalFreshLiveness() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _flag(id);
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
        _expectRevertFrom(admin, abi.encodeWithSelector(IOptimisticOracle.QuestionNotFlagged.selector, id));
        oracle.unflag(id);
    }

    function test_RevertWhen_unflag_notOwner() public {
        bytes32 id = _openEnded();
        _flag(id);
        _expectNotOwner(stranger);
        oracle.unflag(id);
    }

    function test_RevertWhen_unflag_settled() public {
        bytes32 id = _openEnded();
        _flagAndWait(id);
        _emergencyResolve(id, 0);
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        vm.prank(admin);
        oracle.unflag(id);
    }

    function test_unflag_escalatedQuestionCanBeRuledAgain() public {
        bytes32 id = _escalated(0, 1);
        _flag(id);
        vm.prank(admin);
        oracle.unflag(id);
        _rule(id, 0);
        assertEq(oracle.finalAnswer(id), 0, "ruled after the flag was lifted");
    }

    // ================================================================== emergency resolution

    function test_emergencyResolve_proposedQuestionRefundsProposerAndFirstRound() public {
        bytes32 id = _openEnded();
        _propose(id, proposer, 0);
        _dispute(id, disputer);
        _propose(id, proposer2, 1);
        _flagAndWait(id);
        _emergencyResolve(id, 1);
        assertEq(usd.balanceOf(proposer), FUNDS, "first proposer refunded");
        assertEq(usd.balanceOf(disputer), FUNDS, "first disputer refunded");
        assertEq(usd.balanceOf(proposer2), FUNDS, "pending proposer refunded");
        assertEq(usd.balanceOf(address(oracle)), 0, "nothing left");
    }

    function test_emergencyResolve_afterSafetyPeriod_refundsEveryone() public {
        bytes32 id = _escalated(0, 1);
        _flagAndWait(id);
        vm.expectEmit(address(oracle));
        emit IOptimisticOracle.EmergencyResolved(id, admin, 0);
        _emergencyResolve(id, 0);

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
        _flagAndWait(id);
        _emergencyResolve(id, Answers.INVALID);
        assertEq(usd.balanceOf(requester), FUNDS, "reward back");
        assertEq(oracle.finalAnswer(id), Answers.INVALID, "invalid");
    }

    function test_RevertWhen_emergencyResolve_beforeSafetyPeriod() public {
        bytes32 id = _openEnded();
        _flag(id);
        uint256 resolvableAt = block.timestamp + 24 hours;
        vm.warp(resolvableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.SafetyPeriodRunning.selector, id, resolvableAt));
        _emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_notFlagged() public {
        bytes32 id = _openEnded();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFlagged.selector, id));
        _emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_notOwner() public {
        bytes32 id = _openEnded();
        _flagAndWait(id);
        _expectNotOwner(stranger);
        oracle.emergencyResolve(id, 0);
    }

    function test_RevertWhen_emergencyResolve_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.QuestionNotFound.selector, bytes32(uint256(3))));
        _emergencyResolve(bytes32(uint256(3)), 0);
    }

    function test_RevertWhen_emergencyResolve_invalidAnswer() public {
        bytes32 id = _openEnded();
        _flagAndWait(id);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.InvalidAnswer.selector, id, 2, 2));
        _emergencyResolve(id, 2);
    }

    // ================================================================== settings

    function test_transferOwnership_twoStep() public {
        vm.prank(admin);
        oracle.transferOwnership(stranger);
        assertEq(oracle.owner(), admin, "still the admin until accepted");
        vm.prank(stranger);
        oracle.acceptOwnership();
        assertEq(oracle.owner(), stranger, "new admin");
    }

    function test_setSafetyPeriod_appliesToNewFlags() public {
        vm.prank(admin);
        oracle.setSafetyPeriod(1 hours);
        bytes32 id = _openEnded();
        _flag(id);
        vm.warp(block.timestamp + 1 hours);
        _emergencyResolve(id, 1);
        assertEq(oracle.finalAnswer(id), 1, "resolved after the shorter period");
    }

    function test_RevertWhen_setSafetyPeriod_belowOneHour() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IOptimisticOracle.InvalidSafetyPeriod.selector, 1 hours - 1));
        oracle.setSafetyPeriod(1 hours - 1);
    }

    function test_RevertWhen_setSafetyPeriod_aboveMax() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IOptimisticOracle.InvalidSafetyPeriod.selector, 30 days + 1));
        oracle.setSafetyPeriod(30 days + 1);
    }

    function test_RevertWhen_setSafetyPeriod_notOwner() public {
        _expectNotOwner(stranger);
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
        _expectRevertFrom(admin, abi.encodeWithSelector(IOptimisticOracle.DisputeFeeTooHigh.selector, 5_001));
        oracle.setDisputeFee(5_001, treasury);
    }

    function test_RevertWhen_setDisputeFee_notOwner() public {
        _expectNotOwner(stranger);
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
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        _flag(id);
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        _emergencyResolve(id, 0);
        _expectWrongState(id, IOptimisticOracle.State.Settled);
        _propose(id, proposer, 0);
        assertEq(oracle.finalAnswer(id), 1, "answer unchanged");
    }
}

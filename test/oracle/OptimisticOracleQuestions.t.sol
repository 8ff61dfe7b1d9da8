// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {OracleFixture} from "./OracleFixture.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice The oracle's constructor, opening questions and proposing answers.
contract OptimisticOracleQuestionsTest is OracleFixture {
    /// @dev The first values that no longer fit the packed fields.
    uint256 private constant ABOVE_40_BITS = uint256(type(uint40).max) + 1;
    uint256 private constant ABOVE_96_BITS = uint256(type(uint96).max) + 1;

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
        _expectRevertFrom(requester, abi.encodeWithSelector(IOptimisticOracle.EmptyAncillaryData.selector));
        oracle.openQuestion("", 2, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_outcomeCountBelowTwo() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidOutcomeCount.selector, 1);
        _expectOpenReverts(err, 1, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_outcomeCountAboveMax() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidOutcomeCount.selector, 257);
        _expectOpenReverts(err, 257, endTime, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_endTimeZero() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidEndTime.selector, 0);
        _expectOpenReverts(err, 2, 0, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_endTimeAbove40Bits() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidEndTime.selector, ABOVE_40_BITS);
        _expectOpenReverts(err, 2, ABOVE_40_BITS, REWARD, BOND, 0);
    }

    function test_RevertWhen_openQuestion_rewardAbove96Bits() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidReward.selector, ABOVE_96_BITS);
        _expectOpenReverts(err, 2, endTime, ABOVE_96_BITS, BOND, 0);
    }

    function test_RevertWhen_openQuestion_bondZero() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidBond.selector, 0);
        _expectOpenReverts(err, 2, endTime, REWARD, 0, 0);
    }

    function test_RevertWhen_openQuestion_bondAbove96Bits() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidBond.selector, ABOVE_96_BITS);
        _expectOpenReverts(err, 2, endTime, REWARD, ABOVE_96_BITS, 0);
    }

    function test_RevertWhen_openQuestion_livenessTooShort() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidLiveness.selector, 299);
        _expectOpenReverts(err, 2, endTime, REWARD, BOND, 299);
    }

    function test_RevertWhen_openQuestion_livenessTooLong() public {
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.InvalidLiveness.selector, 30 days + 1);
        _expectOpenReverts(err, 2, endTime, REWARD, BOND, 30 days + 1);
    }

    function test_RevertWhen_openQuestion_duplicate() public {
        bytes32 id = _open();
        bytes memory err = abi.encodeWithSelector(IOptimisticOracle.QuestionExists.selector, id);
        _expectOpenReverts(err, 2, endTime, REWARD, BOND, 0);
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
        _expectWrongState(id, IOptimisticOracle.State.Proposed);
        _propose(id, proposer2, 1);
    }

    function test_RevertWhen_propose_flagged() public {
        bytes32 id = _openEnded();
        _flag(id);
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
        bytes32 id = _openOn(oracle, outcomes);
        vm.warp(endTime);
        _propose(id, proposer, answer);
        assertEq(oracle.getQuestion(id).proposedAnswer, answer, "answer round-trips through its 16-bit code");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {OracleFixture} from "./OracleFixture.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {ICommitteeArbitrator} from "../../contracts/interfaces/ICommitteeArbitrator.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";

/// @notice A 2-of-3 committee in front of a second oracle, plus the 1-of-1 committee of the fixture.
contract CommitteeArbitratorTest is OracleFixture {
    CommitteeArbitrator private committee;
    OptimisticOracle private committeeOracle;
    address private memberA;
    address private memberB;
    address private memberC;

    function setUp() public override {
        super.setUp();
        memberA = makeAddr("memberA");
        memberB = makeAddr("memberB");
        memberC = makeAddr("memberC");
        address[] memory members = new address[](3);
        members[0] = memberA;
        members[1] = memberB;
        members[2] = memberC;
        committee = new CommitteeArbitrator(admin, members, 2);
        committeeOracle = new OptimisticOracle(IERC20(address(usd)), address(committee), admin, FEE_BPS, treasury);
        address[5] memory actors = [requester, proposer, disputer, proposer2, disputer2];
        for (uint256 i; i < actors.length; ++i) {
            vm.prank(actors[i]);
            usd.approve(address(committeeOracle), type(uint256).max);
        }
    }

    function _escalatedOnCommittee() private returns (bytes32 id) {
        id = _openOn(committeeOracle, 3);
        vm.warp(endTime);
        _escalate(committeeOracle, id, 0, 1);
    }

    /// @dev `member` votes `answer` on a question of the committee's oracle.
    function _vote(address member, bytes32 id, uint256 answer) private {
        vm.prank(member);
        committee.vote(address(committeeOracle), id, answer);
    }

    function test_constructor_setsCommittee() public view {
        (uint256 count, uint256 threshold, ) = committee.committee();
        assertEq(count, 3, "three members");
        assertEq(threshold, 2, "two votes");
        assertTrue(committee.isMember(memberB), "member");
        assertFalse(committee.isMember(stranger), "not a member");
    }

    function test_RevertWhen_constructor_thresholdAboveMembers() public {
        address[] memory members = new address[](1);
        members[0] = memberA;
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbitrator.InvalidThreshold.selector, 2, 1));
        new CommitteeArbitrator(admin, members, 2);
    }

    function test_RevertWhen_constructor_duplicateMember() public {
        address[] memory members = new address[](2);
        members[0] = memberA;
        members[1] = memberA;
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbitrator.MembershipUnchanged.selector, memberA, true));
        new CommitteeArbitrator(admin, members, 1);
    }

    function test_vote_oneOfOne_rulesImmediately() public {
        bytes32 id = _escalated(0, 1);
        vm.expectEmit(address(arbitrator));
        emit ICommitteeArbitrator.RulingSubmitted(address(oracle), id, 1);
        _rule(id, 1);
        assertEq(oracle.finalAnswer(id), 1, "ruled");
    }

    function test_vote_twoOfThree_rulesOnSecondMatchingVote() public {
        bytes32 id = _escalatedOnCommittee();
        _vote(memberA, id, 2);
        _vote(memberB, id, 0);
        assertFalse(committeeOracle.isAnswerFinal(id), "split votes do not rule");
        assertEq(committee.votesFor(address(committeeOracle), id, 0), 1, "one vote for 0");
        _vote(memberC, id, 0);
        assertEq(committeeOracle.finalAnswer(id), 0, "two matching votes rule");
    }

    function test_RevertWhen_vote_notMember() public {
        bytes32 id = _escalatedOnCommittee();
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbitrator.NotMember.selector, stranger));
        _vote(stranger, id, 0);
    }

    function test_RevertWhen_vote_twice() public {
        bytes32 id = _escalatedOnCommittee();
        _vote(memberA, id, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbitrator.AlreadyVoted.selector, memberA, id));
        _vote(memberA, id, 1);
    }

    function test_RevertWhen_vote_afterRuling() public {
        bytes32 id = _escalatedOnCommittee();
        _vote(memberA, id, 0);
        _vote(memberB, id, 0);
        vm.expectRevert(
            abi.encodeWithSelector(ICommitteeArbitrator.AlreadyRuled.selector, address(committeeOracle), id)
        );
        _vote(memberC, id, 0);
    }

    function test_RevertWhen_vote_questionNotEscalated() public {
        bytes32 id = _openOn(committeeOracle, 3);
        _vote(memberA, id, 0);
        _expectWrongState(id, IOptimisticOracle.State.Open);
        _vote(memberB, id, 0);
    }

    function test_setMember_newEpochVoidsEarlierVotes() public {
        bytes32 id = _escalatedOnCommittee();
        _vote(memberA, id, 0);
        address memberD = makeAddr("memberD");
        vm.prank(admin);
        committee.setMember(memberD, true);
        assertEq(committee.votesFor(address(committeeOracle), id, 0), 0, "votes of the old epoch are void");
        _vote(memberB, id, 0);
        assertFalse(committeeOracle.isAnswerFinal(id), "one vote in the new epoch");
        _vote(memberA, id, 0);
        assertEq(committeeOracle.finalAnswer(id), 0, "two votes in the new epoch rule");
    }

    function test_RevertWhen_setMember_removalBelowThreshold() public {
        vm.startPrank(admin);
        committee.setMember(memberC, false);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbitrator.InvalidThreshold.selector, 2, 1));
        committee.setMember(memberB, false);
        vm.stopPrank();
    }

    function test_RevertWhen_setMember_notOwner() public {
        _expectNotOwner(stranger);
        committee.setMember(stranger, true);
    }

    function test_RevertWhen_setMember_unchanged() public {
        _expectRevertFrom(
            admin,
            abi.encodeWithSelector(ICommitteeArbitrator.MembershipUnchanged.selector, memberA, true)
        );
        committee.setMember(memberA, true);
    }

    function test_setThreshold_updates() public {
        vm.expectEmit(address(committee));
        emit ICommitteeArbitrator.ThresholdSet(3, 5);
        vm.prank(admin);
        committee.setThreshold(3);
        (, uint256 threshold, uint256 epoch) = committee.committee();
        assertEq(threshold, 3, "threshold");
        assertEq(epoch, 5, "epoch advanced");
    }

    function test_RevertWhen_setThreshold_zero() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(ICommitteeArbitrator.InvalidThreshold.selector, 0, 3));
        committee.setThreshold(0);
    }

    function test_RevertWhen_setThreshold_notOwner() public {
        _expectNotOwner(stranger);
        committee.setThreshold(1);
    }

    function testFuzz_vote_thresholdOfMatchingVotesRules(uint256 threshold) public {
        threshold = bound(threshold, 1, 3);
        _checkThreshold(threshold);
    }

    function test_vote_thresholdOfMatchingVotesRules_fixedThree() public {
        _checkThreshold(3);
    }

    function _checkThreshold(uint256 threshold) private {
        vm.prank(admin);
        committee.setThreshold(threshold);
        bytes32 id = _escalatedOnCommittee();
        address[3] memory members = [memberA, memberB, memberC];
        for (uint256 i; i < threshold; ++i) {
            assertFalse(committeeOracle.isAnswerFinal(id), "not ruled before the threshold");
            _vote(members[i], id, 1);
        }
        assertEq(committeeOracle.finalAnswer(id), 1, "ruled at the threshold");
    }
}

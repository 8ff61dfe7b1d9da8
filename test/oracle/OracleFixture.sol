// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {BaseFixture} from "../lib/BaseFixture.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";

/// @notice Deploys collateral, a 1-of-1 committee arbitrator and the oracle; funds the actors.
abstract contract OracleFixture is BaseFixture {
    uint256 internal constant BOND = 100e6;
    uint256 internal constant REWARD = 10e6;
    uint256 internal constant FEE_BPS = 1_000;
    uint256 internal constant FUNDS = 1_000_000e6;
    /// @dev What a liveness of 0 selects.
    uint256 internal constant DEFAULT_LIVENESS = 2 hours;
    /// @dev The oracle's default emergency safety period.
    uint256 internal constant SAFETY_PERIOD = 24 hours;
    /// @dev The dispute fee the fixture's oracle takes from one losing bond.
    uint256 internal constant FEE = (BOND * FEE_BPS) / 10_000;
    bytes internal constant DATA = bytes("q: Will it rain in Lisbon on 2027-01-01? outcomes: Yes, No");

    CommitteeArbitrator internal arbitrator;
    OptimisticOracle internal oracle;

    address internal requester;
    address internal proposer2;
    address internal disputer2;
    address internal stranger;
    uint256 internal endTime;

    function setUp() public virtual override {
        super.setUp();
        requester = makeAddr("requester");
        proposer2 = makeAddr("proposer2");
        disputer2 = makeAddr("disputer2");
        stranger = makeAddr("stranger");
        endTime = START + 1 days;
        (arbitrator, oracle) = _deployOracle(arbiter, FEE_BPS);

        address[] memory spenders = new address[](1);
        spenders[0] = address(oracle);
        address[6] memory actors = [requester, proposer, disputer, proposer2, disputer2, stranger];
        for (uint256 i; i < actors.length; ++i) _mintAndApprove(actors[i], FUNDS, spenders);
    }

    function _open() internal returns (bytes32 questionId) {
        questionId = _openOn(oracle, 2);
    }

    /// @dev The requester opens the fixture's question with `outcomes` outcomes on `target`.
    function _openOn(OptimisticOracle target, uint256 outcomes) internal returns (bytes32 questionId) {
        vm.prank(requester);
        questionId = target.openQuestion(DATA, outcomes, endTime, REWARD, BOND, 0);
    }

    function _openEnded() internal returns (bytes32 questionId) {
        questionId = _open();
        vm.warp(endTime);
    }

    function _propose(bytes32 questionId, address who, uint256 answer) internal {
        vm.prank(who);
        oracle.propose(questionId, answer);
    }

    function _dispute(bytes32 questionId, address who) internal {
        vm.prank(who);
        oracle.dispute(questionId);
    }

    /// @dev Open, propose `first`, dispute (reset), propose `second`, dispute (escalate).
    function _escalated(uint256 first, uint256 second) internal returns (bytes32 questionId) {
        questionId = _openEnded();
        _escalate(oracle, questionId, first, second);
    }

    /// @dev On `target`: propose `first`, dispute (reset), propose `second`, dispute (escalate).
    function _escalate(OptimisticOracle target, bytes32 questionId, uint256 first, uint256 second) internal {
        vm.prank(proposer);
        target.propose(questionId, first);
        vm.prank(disputer);
        target.dispute(questionId);
        vm.prank(proposer2);
        target.propose(questionId, second);
        vm.prank(disputer2);
        target.dispute(questionId);
    }

    /// @dev Expects the requester's `openQuestion` with these terms to revert with `err`.
    function _expectOpenReverts(
        bytes memory err,
        uint256 outcomes,
        uint256 end,
        uint256 reward,
        uint256 bond,
        uint256 liveness
    ) internal {
        _expectRevertFrom(requester, err);
        oracle.openQuestion(DATA, outcomes, end, reward, bond, liveness);
    }

    /// @dev Expects the next call to revert because question `questionId` is in `state`.
    function _expectWrongState(bytes32 questionId, IOptimisticOracle.State state) internal {
        vm.expectRevert(abi.encodeWithSelector(IOptimisticOracle.WrongState.selector, questionId, state));
    }

    /// @dev Expects the next call, made by `who`, to revert because `who` is not the owner.
    function _expectNotOwner(address who) internal {
        _expectRevertFrom(who, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, who));
    }

    /// @dev Proposes `answer` on an ended question and lets the liveness run out.
    function _proposeAndWait(bytes32 questionId, uint256 answer) internal {
        _propose(questionId, proposer, answer);
        vm.warp(block.timestamp + DEFAULT_LIVENESS);
    }

    function _flag(bytes32 questionId) internal {
        vm.prank(admin);
        oracle.flag(questionId);
    }

    /// @dev Flags the question and lets the default safety period run out.
    function _flagAndWait(bytes32 questionId) internal {
        _flag(questionId);
        vm.warp(block.timestamp + SAFETY_PERIOD);
    }

    function _emergencyResolve(bytes32 questionId, uint256 answer) internal {
        vm.prank(admin);
        oracle.emergencyResolve(questionId, answer);
    }

    function _rule(bytes32 questionId, uint256 answer) internal {
        vm.prank(arbiter);
        arbitrator.vote(address(oracle), questionId, answer);
    }

    function _state(bytes32 questionId) internal view returns (IOptimisticOracle.State) {
        return oracle.stateOf(questionId);
    }
}

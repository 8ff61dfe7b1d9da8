// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "../lib/Test.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";

/// @notice Deploys collateral, a 1-of-1 committee arbitrator and the oracle; funds the actors.
abstract contract OracleFixture is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant BOND = 100e6;
    uint256 internal constant REWARD = 10e6;
    uint256 internal constant FEE_BPS = 1_000;
    uint256 internal constant FUNDS = 1_000_000e6;
    bytes internal constant DATA = bytes("q: Will it rain in Lisbon on 2027-01-01? outcomes: Yes, No");

    TestUSD internal usd;
    CommitteeArbitrator internal arbitrator;
    OptimisticOracle internal oracle;

    address internal admin;
    address internal requester;
    address internal proposer;
    address internal disputer;
    address internal proposer2;
    address internal disputer2;
    address internal arbiter;
    address internal treasury;
    address internal stranger;
    uint256 internal endTime;

    function setUp() public virtual {
        vm.warp(START);
        admin = makeAddr("admin");
        requester = makeAddr("requester");
        proposer = makeAddr("proposer");
        disputer = makeAddr("disputer");
        proposer2 = makeAddr("proposer2");
        disputer2 = makeAddr("disputer2");
        arbiter = makeAddr("arbiter");
        treasury = makeAddr("treasury");
        stranger = makeAddr("stranger");
        endTime = START + 1 days;

        usd = new TestUSD(address(this), false);
        address[] memory members = new address[](1);
        members[0] = arbiter;
        arbitrator = new CommitteeArbitrator(admin, members, 1);
        oracle = new OptimisticOracle(IERC20(address(usd)), address(arbitrator), admin, FEE_BPS, treasury);

        address[6] memory actors = [requester, proposer, disputer, proposer2, disputer2, stranger];
        for (uint256 i; i < actors.length; ++i) {
            usd.mint(actors[i], FUNDS);
            vm.prank(actors[i]);
            usd.approve(address(oracle), type(uint256).max);
        }
    }

    function _open() internal returns (bytes32 questionId) {
        vm.prank(requester);
        questionId = oracle.openQuestion(DATA, 2, endTime, REWARD, BOND, 0);
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
        _propose(questionId, proposer, first);
        _dispute(questionId, disputer);
        _propose(questionId, proposer2, second);
        _dispute(questionId, disputer2);
    }

    function _rule(bytes32 questionId, uint256 answer) internal {
        vm.prank(arbiter);
        arbitrator.vote(address(oracle), questionId, answer);
    }

    function _state(bytes32 questionId) internal view returns (IOptimisticOracle.State) {
        return oracle.stateOf(questionId);
    }
}

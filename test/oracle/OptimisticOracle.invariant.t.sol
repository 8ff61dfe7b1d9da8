// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {BaseFixture} from "../lib/BaseFixture.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice Drives the oracle through random opens, proposals, disputes, settlements, rulings and
/// emergency resolutions, tracking what the oracle must hold.
contract OracleHandler is Test {
    uint256 private constant ACTORS = 4;
    uint256 private constant FUNDS = 1e30;

    TestUSD public immutable usd;
    OptimisticOracle public immutable oracle;
    CommitteeArbitrator public immutable arbitrator;
    address public immutable admin;
    address public immutable arbiter;

    bytes32[] public questionIds;
    mapping(bytes32 questionId => uint256 held) public ghostHeld;
    uint256 public ghostHeldTotal;
    mapping(bytes32 questionId => bool) public ghostSettled;
    mapping(bytes32 questionId => uint256 answer) public ghostAnswer;
    uint256 public ghostDoubleSettlements;
    uint256 private _nonce;

    constructor(
        TestUSD usd_,
        OptimisticOracle oracle_,
        CommitteeArbitrator arbitrator_,
        address admin_,
        address arbiter_
    ) {
        usd = usd_;
        oracle = oracle_;
        arbitrator = arbitrator_;
        admin = admin_;
        arbiter = arbiter_;
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(i);
            vm.prank(actor);
            usd.approve(address(oracle_), type(uint256).max);
        }
    }

    function questionCount() external view returns (uint256) {
        return questionIds.length;
    }

    function open(uint256 actorSeed, uint256 outcomes, uint256 reward, uint256 bond, uint256 delay) external {
        address actor = _actor(actorSeed);
        outcomes = bound(outcomes, 2, 6);
        reward = bound(reward, 0, 1_000e6);
        bond = bound(bond, 1, 1_000e6);
        delay = bound(delay, 0, 3 days);
        usd.mint(actor, reward);
        vm.prank(actor);
        bytes32 id = oracle.openQuestion(abi.encode("q", ++_nonce), outcomes, block.timestamp + delay, reward, bond, 0);
        questionIds.push(id);
        _hold(id, reward);
    }

    function propose(uint256 questionSeed, uint256 actorSeed, uint256 answer) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(id);
        answer = bound(answer, 0, q.outcomeCount);
        if (answer == q.outcomeCount) answer = Answers.INVALID;
        address actor = _actor(actorSeed);
        usd.mint(actor, q.bond);
        vm.prank(actor);
        try oracle.propose(id, answer) {
            _hold(id, q.bond);
        } catch {}
    }

    function dispute(uint256 questionSeed, uint256 actorSeed) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        uint256 bond = oracle.getQuestion(id).bond;
        address actor = _actor(actorSeed);
        usd.mint(actor, bond);
        vm.prank(actor);
        try oracle.dispute(id) {
            _hold(id, bond);
        } catch {}
    }

    function settle(uint256 questionSeed) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        try oracle.settle(id) {
            _settled(id);
        } catch {}
    }

    function rule(uint256 questionSeed, uint256 answer) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        uint256 outcomes = oracle.outcomeCount(id);
        answer = bound(answer, 0, outcomes);
        if (answer == outcomes) answer = Answers.INVALID;
        vm.prank(arbiter);
        try arbitrator.vote(address(oracle), id, answer) {
            _settled(id);
        } catch {}
    }

    function flag(uint256 questionSeed) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        vm.prank(admin);
        try oracle.flag(id) {} catch {}
    }

    function unflag(uint256 questionSeed) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        vm.prank(admin);
        try oracle.unflag(id) {} catch {}
    }

    function emergencyResolve(uint256 questionSeed, uint256 answer) external {
        bytes32 id = _question(questionSeed);
        if (id == bytes32(0)) return;
        answer = bound(answer, 0, 1);
        vm.prank(admin);
        try oracle.emergencyResolve(id, answer) {
            _settled(id);
        } catch {}
    }

    function warp(uint256 seconds_) external {
        seconds_ = bound(seconds_, 1, 2 days);
        vm.warp(block.timestamp + seconds_);
    }

    function _settled(bytes32 id) private {
        if (ghostSettled[id]) ++ghostDoubleSettlements;
        ghostSettled[id] = true;
        ghostAnswer[id] = oracle.finalAnswer(id);
        ghostHeldTotal -= ghostHeld[id];
        ghostHeld[id] = 0;
    }

    function _hold(bytes32 id, uint256 amount) private {
        ghostHeld[id] += amount;
        ghostHeldTotal += amount;
    }

    function _question(uint256 seed) private view returns (bytes32) {
        if (questionIds.length == 0) return bytes32(0);
        return questionIds[seed % questionIds.length];
    }

    function _actor(uint256 seed) private pure returns (address) {
        return address(uint160(0xA000 + (seed % ACTORS)));
    }
}

contract OptimisticOracleInvariantTest is BaseFixture {
    OptimisticOracle private oracle;
    OracleHandler private handler;

    function setUp() public override {
        super.setUp();
        CommitteeArbitrator arbitrator;
        (arbitrator, oracle) = _deployOracle(arbiter, 1_000);
        vm.prank(admin);
        oracle.setSafetyPeriod(1 hours);
        handler = new OracleHandler(usd, oracle, arbitrator, admin, arbiter);
        usd.transferOwnership(address(handler));
        targetContract(address(handler));
    }

    /// @notice The oracle holds exactly the rewards and bonds of questions that are not settled.
    function invariant_oracleHoldsExactlyOpenBondsAndRewards() public view {
        assertEq(usd.balanceOf(address(oracle)), handler.ghostHeldTotal(), "oracle balance == open bonds + rewards");
    }

    /// @notice No settlement path ever succeeded twice for one question.
    function invariant_noQuestionSettlesTwice() public view {
        assertEq(handler.ghostDoubleSettlements(), 0, "a question settled twice");
    }

    /// @notice Once settled, a question stays settled with the same answer.
    function invariant_settledAnswerNeverChanges() public view {
        uint256 count = handler.questionCount();
        for (uint256 i; i < count; ++i) {
            bytes32 id = handler.questionIds(i);
            if (!handler.ghostSettled(id)) continue;
            assertTrue(oracle.isAnswerFinal(id), "still final");
            assertEq(oracle.finalAnswer(id), handler.ghostAnswer(id), "answer unchanged");
        }
    }
}

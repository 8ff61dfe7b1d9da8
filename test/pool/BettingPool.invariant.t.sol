// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {IBettingPool, IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";
import {PoolStateLibrary} from "../../contracts/pool/PoolStateLibrary.sol";
import {Vm} from "../lib/Vm.sol";
import {MockAnswerSource} from "./MockAnswerSource.sol";

/// @title PoolHandler
/// @notice Invariant-suite actor: random LP deposits and withdrawals, bets, parlays, cash-outs,
/// condition creation, pauses, resolutions (including invalid answers), claims, parlay settlements
/// and fee claims.
/// It plays every role itself (it holds the market-creator role, the collateral and all NFTs),
/// and keeps ghost records the invariants check.
contract PoolHandler {
    Vm private constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    uint256 private constant USD = 1e6;
    uint256 private constant PROB_ONE = 1e12;

    IBettingPool public immutable pool;
    IERC20 public immutable token;
    MockAnswerSource public immutable oracle;

    uint256[] public conditions;
    mapping(uint256 conditionId => bytes32) public questionOf;
    uint256[] public lpIds;
    uint256[] public singleBets;
    uint256[] public parlays;

    // Ghosts
    mapping(uint256 betId => bool) public paid;
    uint256 public doublePayments;
    uint256 public ghostStakes; // stakes of single bets placed
    uint256 public ghostFairPayouts; // sum of payout x pre-bet probability of those bets
    uint256 public calls;

    constructor(IBettingPool pool_, IERC20 token_, MockAnswerSource oracle_) {
        pool = pool_;
        token = token_;
        oracle = oracle_;
        token_.approve(address(pool_), type(uint256).max);
    }

    function conditionCount() external view returns (uint256) {
        return conditions.length;
    }

    function parlayCount() external view returns (uint256) {
        return parlays.length;
    }

    // ------------------------------------------------------------------ actions

    function deposit(uint256 amount) external {
        calls++;
        amount = _bound(amount, 1, 200_000 * USD);
        lpIds.push(pool.deposit(amount));
    }

    function withdraw(uint256 index, uint256 fraction) external {
        calls++;
        (bool found, uint256 lpId) = _pick(lpIds, index);
        if (!found) return;
        fraction = _bound(fraction, 1, 10_000);
        try pool.withdraw(lpId, fraction) {} catch {}
    }

    function createCondition(uint256 outcomes, uint256 reinforcement) external {
        calls++;
        outcomes = _bound(outcomes, 2, 5);
        reinforcement = _bound(reinforcement, 1_000 * USD, 50_000 * USD);
        bytes32 questionId = keccak256(abi.encode("handler question", conditions.length));
        oracle.ask(questionId, outcomes);
        uint256[] memory probabilities = new uint256[](outcomes);
        uint256 each = PROB_ONE / outcomes;
        for (uint256 i; i < outcomes; ++i) probabilities[i] = each;
        probabilities[0] += PROB_ONE - each * outcomes;
        uint256 id = pool.createCondition(questionId, probabilities, reinforcement, 400, block.timestamp + 30 days);
        conditions.push(id);
        questionOf[id] = questionId;
    }

    function bet(uint256 conditionSeed, uint256 outcome, uint256 amount) external {
        calls++;
        (bool found, uint256 id) = _pick(conditions, conditionSeed);
        if (!found) return;
        IBettingPoolBase.ConditionView memory c = PoolStateLibrary.getCondition(pool, id);
        if (c.state != IBettingPoolBase.ConditionState.Active) return;
        outcome = outcome % c.outcomeCount;
        amount = _bound(amount, 1, 20_000 * USD);
        (uint256 fund, ) = PoolStateLibrary.getOutcome(pool, id, outcome);
        try pool.bet(id, outcome, amount, 0, block.timestamp) returns (uint256 betId) {
            singleBets.push(betId);
            ghostStakes += amount;
            ghostFairPayouts += (PoolStateLibrary.getBet(pool, betId).payout * fund) / c.totalFund;
        } catch {}
    }

    function parlay(uint256 seed, uint256 amount) external {
        calls++;
        uint256 n = conditions.length;
        if (n < 2) return;
        // Two distinct active conditions, searched from a random starting point.
        uint256 first = type(uint256).max;
        uint256 second = type(uint256).max;
        for (uint256 i; i < n && second == type(uint256).max; ++i) {
            uint256 id = conditions[(seed + i) % n];
            if (PoolStateLibrary.getCondition(pool, id).state != IBettingPoolBase.ConditionState.Active) continue;
            if (first == type(uint256).max) first = id;
            else second = id;
        }
        if (second == type(uint256).max) return;
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](2);
        legs[0] = IBettingPoolBase.Leg(first, (seed >> 16) % 2);
        legs[1] = IBettingPoolBase.Leg(second, (seed >> 24) % 2);
        amount = _bound(amount, 1, 2_000 * USD);
        try pool.betParlay(legs, amount, 0, block.timestamp) returns (uint256 betId) {
            parlays.push(betId);
        } catch {}
    }

    function cashOut(uint256 index) external {
        calls++;
        (bool found, uint256 betId) = _pick(singleBets, index);
        if (!found) return;
        try pool.cashOut(betId, 0) {
            _markPaid(betId);
        } catch {}
    }

    function resolve(uint256 conditionSeed, uint256 answerSeed) external {
        calls++;
        (bool found, uint256 id) = _pick(conditions, conditionSeed);
        if (!found) return;
        IBettingPoolBase.ConditionView memory c = PoolStateLibrary.getCondition(pool, id);
        if (c.state != IBettingPoolBase.ConditionState.Active && c.state != IBettingPoolBase.ConditionState.Paused) {
            return;
        }
        uint256 answer = answerSeed % 5 == 0 ? Answers.INVALID : answerSeed % c.outcomeCount;
        oracle.settle(questionOf[id], answer);
        pool.resolveCondition(id);
    }

    function claim(uint256 index) external {
        calls++;
        (bool found, uint256 betId) = _pick(singleBets, index);
        if (!found) return;
        try pool.claim(betId) {
            _markPaid(betId);
        } catch {}
    }

    function settleParlay(uint256 index) external {
        calls++;
        (bool found, uint256 betId) = _pick(parlays, index);
        if (!found) return;
        try pool.settleParlay(betId) returns (IBettingPoolBase.ParlayStatus, uint256) {
            _markPaid(betId);
        } catch {}
    }

    function togglePause(uint256 conditionSeed) external {
        calls++;
        (bool found, uint256 id) = _pick(conditions, conditionSeed);
        if (!found) return;
        IBettingPoolBase.ConditionState state = PoolStateLibrary.getCondition(pool, id).state;
        if (state == IBettingPoolBase.ConditionState.Active) pool.pauseCondition(id);
        else if (state == IBettingPoolBase.ConditionState.Paused) pool.resumeCondition(id);
    }

    function claimFees() external {
        calls++;
        try pool.claimFees() {} catch {}
    }

    // ------------------------------------------------------------------ views for invariants

    /// @dev Stakes the pool holds for open conditions and open parlays.
    function openStakes() external view returns (int256 total) {
        for (uint256 i; i < conditions.length; ++i) {
            IBettingPoolBase.ConditionView memory c = PoolStateLibrary.getCondition(pool, conditions[i]);
            if (
                c.state == IBettingPoolBase.ConditionState.Active || c.state == IBettingPoolBase.ConditionState.Paused
            ) {
                total += c.netStakes;
            }
        }
        for (uint256 i; i < parlays.length; ++i) {
            total += int256(PoolStateLibrary.getParlay(pool, parlays[i]).stake);
        }
    }

    function _markPaid(uint256 betId) private {
        if (paid[betId]) doublePayments += 1;
        paid[betId] = true;
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        return min + (x % (max - min + 1));
    }

    /// @dev The entry of `list` that `seed` picks; `found` is false while the list is empty.
    function _pick(uint256[] storage list, uint256 seed) private view returns (bool found, uint256 item) {
        if (list.length == 0) return (false, 0);
        return (true, list[seed % list.length]);
    }
}

/// @notice Money rules of the pool under random LP, bettor, keeper and oracle activity.
contract BettingPoolInvariantTest is PoolFixture {
    /// @dev Rounding dust the pool may keep beyond its obligations (1 tUSD).
    uint256 internal constant MAX_DUST = 1_000_000;

    PoolHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new PoolHandler(pool, IERC20(address(usd)), oracle);
        usd.mint(address(handler), 1_000_000_000 * USD);
        vm.startPrank(admin);
        pool.grantRole(keccak256("MARKET_CREATOR_ROLE"), address(handler));
        pool.grantRole(keccak256("MAINTAINER_ROLE"), address(handler));
        pool.setReinforcementCap(address(handler), type(uint128).max);
        pool.setFees(1_000, 500);
        pool.setTreasury(address(handler));
        vm.stopPrank();
        handler.deposit(500_000 * USD);
        handler.createCondition(2, 10_000 * USD);
        handler.createCondition(3, 20_000 * USD);
        targetContract(address(handler));
    }

    function invariant_poolCoversReserveAndClaims() public view {
        (uint256 locked, uint256 claimable, ) = pool.totals();
        assertGe(usd.balanceOf(address(pool)), locked + claimable, "assets cover locked reserve + owed payouts");
    }

    function invariant_liquidityPlusObligationsAddUpToAssets() public view {
        uint256 balance = usd.balanceOf(address(pool));
        uint256 owed = _obligations(handler.openStakes());
        assertGe(balance, owed, "LP value + open stakes + payouts + fees never exceed assets");
        assertLe(balance - owed, MAX_DUST, "the difference is rounding dust in the pool's favour");
    }

    function invariant_noBetPaidTwice() public view {
        assertEq(handler.doublePayments(), 0, "no bet, cash-out or parlay paid twice");
    }

    function invariant_realizedMarginNonNegative() public view {
        assertLe(handler.ghostFairPayouts(), handler.ghostStakes(), "bettors' expected payouts <= their stakes");
    }

    function invariant_lockedReserveWithinLiquidity() public view {
        (uint256 locked, , ) = pool.totals();
        assertLe(locked, pool.totalLiquidity() + MAX_DUST, "locked reserve is LP money");
    }
}

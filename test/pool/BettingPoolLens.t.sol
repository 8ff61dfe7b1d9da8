// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {PoolOdds} from "../../contracts/libraries/PoolOdds.sol";
import {PoolStateLibrary} from "../../contracts/pool/PoolStateLibrary.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice The lens and PoolStateLibrary read the pool's storage through extsload; every read must
/// equal what the pool was given, quoted or charged (and what its remaining getters say), so a
/// storage layout change that forgets PoolStateLibrary fails here.
contract BettingPoolLensTest is PoolFixture {
    uint256 internal conditionA;
    uint256 internal conditionB;
    bytes32 internal questionA;
    bytes32 internal questionB;
    uint256 internal createdAt;
    uint256 internal singleBet;
    uint256 internal singlePayout;
    uint256 internal bobPayout;
    uint256 internal parlayBet;
    uint256 internal parlayPayout;

    function setUp() public override {
        super.setUp();
        _deposit(lp, 100_000 * USD);
        vm.prank(admin);
        pool.setFees(1_000, 500);
        createdAt = block.timestamp;
        (conditionA, questionA) = _createCondition(3);
        (conditionB, questionB) = _createCondition(2);
        (, singlePayout) = pool.quote(conditionA, 2, 120 * USD);
        singleBet = _bet(alice, conditionA, 2, 120 * USD);
        (, bobPayout) = pool.quote(conditionA, 0, 40 * USD);
        _bet(bob, conditionA, 0, 40 * USD);
        IBettingPoolBase.Leg[] memory legs = _legs(conditionA, 1, conditionB, 0);
        (, parlayPayout) = pool.quoteParlay(legs, 30 * USD);
        vm.prank(bob);
        parlayBet = pool.betParlay(legs, 30 * USD, 0, block.timestamp);
    }

    function test_getCondition_decodesWhatThePoolWasGivenAndCharged() public view {
        uint256 parlayLiability = parlayPayout - 30 * USD;
        IBettingPoolBase.ConditionView memory a = _created(questionA, 3);
        a.totalFund += 120 * USD + 40 * USD + 30 * USD; // two singles and the parlay's leg
        a.netStakes = int256(160 * USD);
        a.openStakes = 160 * USD;
        a.maxPayout = singlePayout > bobPayout ? singlePayout : bobPayout;
        a.reserve = a.maxPayout - 160 * USD;
        a.parlayExposure = parlayLiability;
        _assertConditionEq(conditionA, a);

        IBettingPoolBase.ConditionView memory b = _created(questionB, 2);
        b.totalFund += 30 * USD; // the parlay's leg only
        b.parlayExposure = parlayLiability;
        _assertConditionEq(conditionB, b);

        (uint256 locked, , ) = pool.totals();
        assertEq(a.reserve + b.reserve + parlayLiability, locked, "reserves and the parlay make the pool's lock");
    }

    function test_getCondition_zeroForUnknown() public view {
        IBettingPoolBase.ConditionView memory v = lens.getCondition(pool, 99);
        assertEq(uint256(v.state), uint256(IBettingPoolBase.ConditionState.None), "no state");
        assertEq(v.questionId, bytes32(0), "no question");
    }

    function test_getCondition_decodesResolution() public {
        (uint256 id, bytes32 questionId) = _createCondition(2);
        (, uint256 payout) = pool.quote(id, 1, 10 * USD);
        _bet(alice, id, 1, 10 * USD);
        vm.warp(block.timestamp + START_DELAY);
        _resolve(id, questionId, 1);
        IBettingPoolBase.ConditionView memory v = _created(questionId, 2);
        v.state = IBettingPoolBase.ConditionState.Resolved;
        v.winningOutcome = 1;
        v.totalFund += 10 * USD;
        v.netStakes = int256(10 * USD);
        v.openStakes = 10 * USD;
        v.maxPayout = payout;
        _assertConditionEq(id, v); // reserve 0: resolution released it
        assertEq(lens.getCondition(pool, id).winningOutcome, 1, "winning outcome decoded");
    }

    function test_getOutcome_decodesFundsAndPayoutsOwed() public view {
        uint256[] memory probabilities = _even(3);
        uint256[3] memory staked = [uint256(40 * USD), 30 * USD, 120 * USD]; // bob, the parlay leg, alice
        uint256[3] memory owed = [bobPayout, 0, singlePayout]; // a parlay leg owes no single payout
        uint256 funds;
        for (uint256 i; i < 3; ++i) {
            (uint256 fund, uint256 payout) = lens.getOutcome(pool, conditionA, i);
            assertEq(fund, PoolOdds.initialFund(REINFORCEMENT, probabilities[i]) + staked[i], "fund");
            assertEq(payout, owed[i], "payout owed");
            funds += fund;
        }
        assertEq(funds, lens.getCondition(pool, conditionA).totalFund, "outcome funds sum to the total fund");
    }

    function test_getBet_decodesTheBetPlaced() public view {
        IBettingPoolBase.BetView memory v = lens.getBet(pool, singleBet);
        assertEq(v.conditionId, conditionA, "condition");
        assertEq(v.outcome, 2, "outcome");
        assertEq(v.stake, 120 * USD, "the stake placed");
        assertEq(v.payout, singlePayout, "the payout quoted");
    }

    function test_getParlay_decodesStakeAndLegs() public view {
        IBettingPoolBase.ParlayView memory v = lens.getParlay(pool, parlayBet);
        assertEq(v.stake, 30 * USD, "stake");
        assertEq(v.legs.length, 2, "two legs");
        assertEq(v.legs[0].conditionId, conditionA, "first leg condition");
        assertEq(v.legs[0].outcome, 1, "first leg outcome");
        assertEq(v.legs[1].conditionId, conditionB, "second leg condition");
        assertEq(v.legs[1].outcome, 0, "second leg outcome");
        assertEq(v.payout, parlayPayout, "the payout quoted");
        assertGt(v.payout, v.stake, "payout above the stake");
        assertEq(v.prefixDeposits, lens.getCondition(pool, conditionA).prefixDeposits, "smallest leg prefix");
    }

    function test_currentOdds_matchesQuoteOfZero() public view {
        uint256[] memory odds = lens.currentOdds(pool, conditionA);
        assertEq(odds.length, 3, "one per outcome");
        for (uint256 i; i < odds.length; ++i) {
            (uint256 quoted, ) = pool.quote(conditionA, i, 0);
            assertEq(odds[i], quoted, "marginal odds equal a zero-stake quote");
        }
    }

    function test_RevertWhen_currentOddsUnknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ConditionNotFound.selector, 99));
        lens.currentOdds(pool, 99);
    }

    function test_totalsConfigFeesAndCaps_decodeThePoolsState() public {
        vm.prank(admin);
        pool.setWithdrawTimeout(2 days);
        (uint256 locked, uint256 claimable, uint256 feesOwed, uint256 minPrefix) = PoolStateLibrary.totals(pool);
        (uint256 poolLocked, uint256 poolClaimable, uint256 poolFees) = pool.totals();
        assertEq(locked, poolLocked, "locked reserve");
        assertEq(claimable, poolClaimable, "claimable");
        assertEq(feesOwed, poolFees, "fees owed");
        assertEq(minPrefix, lens.minOpenPrefix(pool), "smallest open prefix, library and lens");
        assertEq(minPrefix, 1, "every open condition and the parlay carry the first deposit");
        assertGt(locked, 0, "bets locked some reserve");

        (uint256 tf, uint256 cf, address tr, uint256 timeout) = lens.config(pool);
        assertEq(tf, 1_000, "the treasury fee set");
        assertEq(cf, 500, "the creator fee set");
        assertEq(tr, treasury, "treasury");
        assertEq(timeout, 2 days, "the withdraw timeout set");

        (uint256 cap, uint256 used) = lens.reinforcementOf(pool, creator);
        assertEq(cap, 1_000_000 * USD, "the cap set");
        assertEq(used, 2 * REINFORCEMENT, "two open conditions");
    }

    function test_feesOf_isWhatClaimFeesPays() public {
        (uint256 id, bytes32 questionId) = _createCondition(2);
        _bet(alice, id, 0, 500 * USD);
        vm.warp(block.timestamp + START_DELAY);
        _resolve(id, questionId, 1);
        uint256 treasuryFees = lens.feesOf(pool, treasury);
        uint256 creatorFees = lens.feesOf(pool, creator);
        assertEq(treasuryFees, PoolStateLibrary.feesOf(pool, treasury), "treasury fees, library and lens");
        assertEq(creatorFees, (500 * USD * 500) / 10_000, "creator's share of the 500 tUSD profit");
        assertGe(treasuryFees, (500 * USD * 1_000) / 10_000, "at least the treasury's share");
        (, , uint256 feesOwed) = pool.totals();
        assertEq(treasuryFees + creatorFees, feesOwed, "the only fees owed");
        vm.prank(creator);
        assertEq(pool.claimFees(), creatorFees, "claimFees pays what feesOf said");
        assertEq(lens.feesOf(pool, creator), 0, "nothing left after the claim");
    }

    function test_extsload_rangeEqualsSingleReads() public view {
        bytes32 start = PoolStateLibrary.mappingSlot(conditionA, PoolStateLibrary.CONDITIONS_SLOT);
        bytes32[] memory words = pool.extsload(start, 6);
        for (uint256 i; i < words.length; ++i) {
            assertEq(words[i], pool.extsload(bytes32(uint256(start) + i)), "same word either way");
        }
    }

    /// @dev A condition as `_createCondition` made it: creation parameters, its initial funds, no
    /// bets yet (the first deposit its only prefix).
    function _created(
        bytes32 questionId,
        uint256 outcomes
    ) private view returns (IBettingPoolBase.ConditionView memory v) {
        uint256[] memory probabilities = _even(outcomes);
        for (uint256 i; i < outcomes; ++i) v.totalFund += PoolOdds.initialFund(REINFORCEMENT, probabilities[i]);
        v.questionId = questionId;
        v.creator = creator;
        v.state = IBettingPoolBase.ConditionState.Active;
        v.outcomeCount = outcomes;
        v.startsAt = createdAt + START_DELAY;
        v.marginBps = MARGIN_BPS;
        v.reinforcement = REINFORCEMENT;
        v.prefixDeposits = 1;
    }

    /// @dev ConditionView's fields in declaration order (the names of the words abi.encode makes of it).
    string[15] private conditionFields = [
        "questionId",
        "creator",
        "state",
        "outcomeCount",
        "winningOutcome",
        "startsAt",
        "marginBps",
        "reinforcement",
        "prefixDeposits",
        "totalFund",
        "reserve",
        "netStakes",
        "openStakes",
        "maxPayout",
        "parlayExposure"
    ];

    function _assertConditionEq(uint256 id, IBettingPoolBase.ConditionView memory expected) private view {
        // Every field of ConditionView is a static type, so the struct encodes as 15 words.
        uint256[15] memory lensWords = abi.decode(abi.encode(lens.getCondition(pool, id)), (uint256[15]));
        uint256[15] memory expectedWords = abi.decode(abi.encode(expected), (uint256[15]));
        for (uint256 i; i < lensWords.length; ++i) {
            assertEq(lensWords[i], expectedWords[i], conditionFields[i]);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {PoolStateLibrary} from "../../contracts/pool/PoolStateLibrary.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice The lens and PoolStateLibrary read the pool's storage through extsload; every read must
/// equal what the pool's own getters (or its behaviour) say, so a storage layout change that
/// forgets PoolStateLibrary fails here.
contract BettingPoolLensTest is PoolFixture {
    uint256 internal conditionA;
    uint256 internal conditionB;
    uint256 internal singleBet;
    uint256 internal parlayBet;

    function setUp() public override {
        super.setUp();
        _deposit(lp, 100_000 * USD);
        vm.prank(admin);
        pool.setFees(1_000, 500);
        (conditionA, ) = _createCondition(3);
        (conditionB, ) = _createCondition(2);
        singleBet = _bet(alice, conditionA, 2, 120 * USD);
        _bet(bob, conditionA, 0, 40 * USD);
        vm.prank(bob);
        parlayBet = pool.betParlay(_legs(conditionA, 1, conditionB, 0), 30 * USD, 0, block.timestamp);
    }

    function test_getCondition_matchesThePool() public view {
        _assertConditionMatches(conditionA);
        _assertConditionMatches(conditionB);
    }

    function test_getCondition_zeroForUnknown() public view {
        IBettingPoolBase.ConditionView memory v = lens.getCondition(pool, 99);
        assertEq(uint256(v.state), uint256(IBettingPoolBase.ConditionState.None), "no state");
        assertEq(v.questionId, bytes32(0), "no question");
    }

    function test_getCondition_matchesAfterResolution() public {
        (uint256 id, bytes32 questionId) = _createCondition(2);
        _bet(alice, id, 1, 10 * USD);
        vm.warp(block.timestamp + START_DELAY);
        _resolve(id, questionId, 1);
        _assertConditionMatches(id);
        assertEq(lens.getCondition(pool, id).winningOutcome, 1, "winning outcome decoded");
    }

    function test_getOutcome_matchesThePool() public view {
        for (uint256 i; i < 3; ++i) {
            (uint256 fund, uint256 payout) = lens.getOutcome(pool, conditionA, i);
            (uint256 poolFund, uint256 poolPayout) = pool.getOutcome(conditionA, i);
            assertEq(fund, poolFund, "fund");
            assertEq(payout, poolPayout, "payout owed");
        }
    }

    function test_getBet_matchesThePool() public view {
        IBettingPoolBase.BetView memory v = lens.getBet(pool, singleBet);
        IBettingPoolBase.BetView memory p = pool.getBet(singleBet);
        assertEq(v.conditionId, p.conditionId, "condition");
        assertEq(v.outcome, p.outcome, "outcome");
        assertEq(v.stake, p.stake, "stake");
        assertEq(v.payout, p.payout, "payout");
        assertEq(v.stake, 120 * USD, "the stake placed");
    }

    function test_getParlay_decodesStakeAndLegs() public view {
        IBettingPoolBase.ParlayView memory v = lens.getParlay(pool, parlayBet);
        assertEq(v.stake, 30 * USD, "stake");
        assertEq(v.legs.length, 2, "two legs");
        assertEq(v.legs[0].conditionId, conditionA, "first leg condition");
        assertEq(v.legs[0].outcome, 1, "first leg outcome");
        assertEq(v.legs[1].conditionId, conditionB, "second leg condition");
        assertEq(v.legs[1].outcome, 0, "second leg outcome");
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

    function test_totalsConfigFeesAndCaps_matchThePool() public view {
        (uint256 locked, uint256 claimable, uint256 feesOwed, uint256 minPrefix) = PoolStateLibrary.totals(pool);
        (uint256 poolLocked, uint256 poolClaimable, uint256 poolFees) = pool.totals();
        assertEq(locked, poolLocked, "locked reserve");
        assertEq(claimable, poolClaimable, "claimable");
        assertEq(feesOwed, poolFees, "fees owed");
        assertEq(minPrefix, pool.minOpenPrefix(), "smallest open prefix");
        assertGt(locked, 0, "bets locked some reserve");

        (uint256 tf, uint256 cf, address tr, uint256 timeout) = PoolStateLibrary.config(pool);
        (uint256 ptf, uint256 pcf, address ptr, uint256 ptimeout) = pool.config();
        assertEq(tf, ptf, "treasury fee");
        assertEq(cf, pcf, "creator fee");
        assertEq(tr, ptr, "treasury");
        assertEq(timeout, ptimeout, "withdraw timeout");
        assertEq(tf, 1_000, "the fee set");

        (uint256 cap, uint256 used) = PoolStateLibrary.reinforcementOf(pool, creator);
        (uint256 pcap, uint256 pused) = pool.reinforcementOf(creator);
        assertEq(cap, pcap, "cap");
        assertEq(used, pused, "used");
        assertEq(used, 2 * REINFORCEMENT, "two open conditions");
    }

    function test_feesOf_matchesThePoolAfterResolution() public {
        (uint256 id, bytes32 questionId) = _createCondition(2);
        _bet(alice, id, 0, 500 * USD);
        vm.warp(block.timestamp + START_DELAY);
        _resolve(id, questionId, 1);
        assertGt(pool.feesOf(treasury), 0, "the treasury earned a fee");
        assertEq(PoolStateLibrary.feesOf(pool, treasury), pool.feesOf(treasury), "treasury fees");
        assertEq(PoolStateLibrary.feesOf(pool, creator), pool.feesOf(creator), "creator fees");
    }

    function test_extsload_rangeEqualsSingleReads() public view {
        bytes32 start = PoolStateLibrary.mappingSlot(conditionA, PoolStateLibrary.CONDITIONS_SLOT);
        bytes32[] memory words = pool.extsload(start, 6);
        for (uint256 i; i < words.length; ++i) {
            assertEq(words[i], pool.extsload(bytes32(uint256(start) + i)), "same word either way");
        }
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

    function _assertConditionMatches(uint256 id) private view {
        // Every field of ConditionView is a static type, so the struct encodes as 15 words.
        uint256[15] memory lensWords = abi.decode(abi.encode(lens.getCondition(pool, id)), (uint256[15]));
        uint256[15] memory poolWords = abi.decode(abi.encode(pool.getCondition(id)), (uint256[15]));
        for (uint256 i; i < lensWords.length; ++i) {
            assertEq(lensWords[i], poolWords[i], conditionFields[i]);
        }
    }
}

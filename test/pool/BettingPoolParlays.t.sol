// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice BettingPool tests: parlays: combined odds, exposure, settlement, quotes and the parlay record.
contract BettingPoolParlaysTest is PoolFixture {
    function test_betParlay_combinesLegOddsAndLocksLiability() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(3);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 2);
        (uint256 oddsA, ) = pool.quote(a, 0, 10 * USD);
        (uint256 oddsB, ) = pool.quote(b, 2, 10 * USD);
        (uint256 quoted, uint256 payout) = pool.quoteParlay(legs, 10 * USD);
        assertEq(quoted, (oddsA * oddsB) / ODDS_ONE, "product of leg odds");
        vm.prank(alice);
        uint256 betId = pool.betParlay(legs, 10 * USD, quoted, block.timestamp);
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, payout - 10 * USD, "the parlay's liability is locked");
        assertEq(lens.getCondition(pool, a).parlayExposure, payout - 10 * USD, "exposure on leg a");
        assertEq(lens.getCondition(pool, b).parlayExposure, payout - 10 * USD, "exposure on leg b");
        assertEq(pool.ownerOf(betId), alice, "parlay NFT");
        assertEq(lens.getParlay(pool, betId).legs.length, 2, "legs stored");
    }

    function test_betParlayFor_mintsToAccount() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, , uint256 b, ) = _twoBinaries();
        vm.prank(alice);
        uint256 betId = pool.betParlayFor(bob, _legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
        assertEq(pool.ownerOf(betId), bob, "minted to the account");
    }

    function test_RevertWhen_parlayForZeroAddress() public {
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.ZeroAddress.selector));
        pool.betParlayFor(address(0), legs, 10 * USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayOneLeg() public {
        (uint256 a, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](1);
        legs[0] = IBettingPoolBase.Leg(a, 0);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 1));
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayNineLegs() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](9);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 9));
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayLegsRepeatCondition() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, a, 1);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.DuplicateLeg.selector, a));
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayExposureExceeded() public {
        _deposit(lp, 1_000_000 * USD);
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        _parlay(alice, legs, REINFORCEMENT);
        uint256 exposure = lens.getCondition(pool, a).parlayExposure;
        (, uint256 payout) = pool.quoteParlay(legs, REINFORCEMENT);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(
                IBettingPoolBase.ParlayExposureExceeded.selector,
                a,
                exposure + payout - REINFORCEMENT,
                REINFORCEMENT
            )
        );
        pool.betParlay(legs, REINFORCEMENT, 0, block.timestamp);
    }

    function test_RevertWhen_parlayOddsBelowMinimum() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        (uint256 odds, ) = pool.quoteParlay(legs, USD);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.OddsBelowMinimum.selector, odds, odds + 1));
        pool.betParlay(legs, USD, odds + 1, block.timestamp);
    }

    function test_RevertWhen_parlayZeroAmount() public {
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.ZeroAmount.selector));
        pool.betParlay(legs, 0, 0, block.timestamp);
    }

    function test_RevertWhen_parlayAfterDeadline() public {
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IBettingPoolBase.DeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        pool.betParlay(legs, USD, 0, block.timestamp - 1);
    }

    function test_settleParlay_anyoneSettlesAsSoonAsOneLegLost() public {
        uint256 lpId = _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa, uint256 b, ) = _twoBinaries();
        uint256 betId = _parlay(alice, _legs(a, 0, b, 0), 10 * USD);
        _resolve(a, qa, 1); // first leg lost; b still open
        assertEq(uint256(pool.parlayStatus(betId)), uint256(IBettingPoolBase.ParlayStatus.Lost), "lost");
        vm.prank(bob);
        (IBettingPoolBase.ParlayStatus status, uint256 paid) = pool.settleParlay(betId);
        assertEq(uint256(status), uint256(IBettingPoolBase.ParlayStatus.Lost), "settled as lost");
        assertEq(paid, 0, "nothing paid");
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, 0, "reserve freed before the other leg resolves");
        (uint256 value, ) = pool.lpPosition(lpId);
        assertApproxEqAbs(value, 100_010 * USD, 20, "LPs keep the stake");
        assertEq(lens.getCondition(pool, b).parlayExposure, 0, "exposure released");
    }

    function test_RevertWhen_settlePendingParlay() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, , uint256 b, ) = _twoBinaries();
        uint256 betId = _parlay(alice, _legs(a, 0, b, 0), 10 * USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ParlayPending.selector, betId));
        pool.settleParlay(betId);
    }

    function test_RevertWhen_settleUnknownParlay() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 99));
        pool.settleParlay(99);
    }

    function test_settleParlay_wonPaysHolder() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa, uint256 b, bytes32 qb) = _twoBinaries();
        uint256 betId = _parlay(alice, _legs(a, 0, b, 1), 10 * USD);
        uint256 payout = lens.getParlay(pool, betId).payout;
        _resolve(a, qa, 0);
        _resolve(b, qb, 1);
        uint256 before = usd.balanceOf(alice);
        vm.prank(bob); // anyone; the holder is paid
        (, uint256 paid) = pool.settleParlay(betId);
        assertEq(paid, payout, "full payout");
        assertEq(usd.balanceOf(alice), before + payout, "to the holder");
    }

    function test_settleParlays_batchSkipsPending() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa, uint256 b, ) = _twoBinaries();
        (uint256 c, ) = _createCondition(2);
        vm.startPrank(alice);
        uint256 lost1 = pool.betParlay(_legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
        uint256 lost2 = pool.betParlay(_legs(a, 0, c, 1), 10 * USD, 0, block.timestamp);
        uint256 pending = pool.betParlay(_legs(b, 0, c, 0), 10 * USD, 0, block.timestamp);
        vm.stopPrank();
        _resolve(a, qa, 1);
        uint256[] memory ids = new uint256[](4);
        ids[0] = lost1;
        ids[1] = pending;
        ids[2] = lost2;
        ids[3] = lost1; // already settled in this batch: skipped
        assertEq(pool.settleParlays(ids), 2, "two settled");
        assertEq(lens.getParlay(pool, pending).legs.length, 2, "pending one untouched");
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, _parlayLiability(pending), "only the pending parlay stays locked");
    }

    function test_RevertWhen_quoteParlayOneLeg() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](1);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 1));
        pool.quoteParlay(legs, USD);
    }

    function test_RevertWhen_quoteParlayOnClosedCondition() public {
        (uint256 a, bytes32 qa, uint256 b, ) = _twoBinaries();
        _resolve(a, qa, 0);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                a,
                IBettingPoolBase.ConditionState.Resolved
            )
        );
        pool.quoteParlay(legs, USD);
    }

    function test_RevertWhen_parlayLegOnInvalidOutcome() public {
        (uint256 a, , uint256 b, ) = _twoBinaries();
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 3);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.InvalidOutcome.selector, 3, 2));
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayStatusUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 12));
        pool.parlayStatus(12);
    }

    function test_getParlay_emptyOnceSettled() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa, uint256 b, ) = _twoBinaries();
        uint256 betId = _parlay(alice, _legs(a, 0, b, 0), 10 * USD);
        _resolve(a, qa, 1);
        pool.settleParlay(betId);
        assertEq(lens.getParlay(pool, betId).legs.length, 0, "record deleted");
        vm.expectRevert(abi.encodeWithSignature("ERC721NonexistentToken(uint256)", betId));
        pool.ownerOf(betId);
    }

    function _checkParlayOdds(uint256 amount, uint256 o1, uint256 o2) internal {
        _deposit(lp, 1_000_000 * USD);
        (uint256 a, ) = _createCondition(3);
        (uint256 b, ) = _createCondition(4);
        amount = bound(amount, 1, 2_000 * USD);
        IBettingPoolBase.Leg[] memory legs = _legs(a, o1 % 3, b, o2 % 4);
        (uint256 oddsA, ) = pool.quote(a, o1 % 3, amount);
        (uint256 oddsB, ) = pool.quote(b, o2 % 4, amount);
        uint256 betId = _parlay(alice, legs, amount);
        IBettingPoolBase.ParlayView memory p = lens.getParlay(pool, betId);
        uint256 combined = (oddsA * oddsB) / ODDS_ONE;
        if (combined > 1_000 * ODDS_ONE) combined = 1_000 * ODDS_ONE;
        assertEq(p.payout, (amount * combined) / ODDS_ONE, "payout = stake x capped product of leg odds");
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, p.payout - p.stake, "liability locked");
    }

    function testFuzz_betParlay_payoutIsCappedProduct(uint256 amount, uint256 o1, uint256 o2) public {
        _checkParlayOdds(amount, o1, o2);
    }

    function test_betParlay_payoutIsCappedProduct_fixed() public {
        _checkParlayOdds(321 * USD, 1, 3);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice BettingPool tests: condition resolution, cancellation and the money rule across them.
contract BettingPoolResolutionTest is PoolFixture {
    function test_resolveCondition_winnerOwedAndLpsKeepProfit() public {
        uint256 lpId = _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        _bet(alice, id, 0, 100 * USD);
        _bet(bob, id, 1, 300 * USD);
        (, uint256 payout0) = lens.getOutcome(pool, id, 0);
        _resolve(id, q, 1);
        (, uint256 payout1) = lens.getOutcome(pool, id, 1);
        (uint256 locked, uint256 claimable, ) = pool.totals();
        assertEq(locked, 0, "no reserve left");
        assertEq(claimable, payout1, "winners' payouts owed");
        assertGt(payout0, 0, "the loser had a payout on outcome 0");
        (uint256 value, ) = pool.lpPosition(lpId);
        assertApproxEqAbs(value, 100_000 * USD + 400 * USD - payout1, 20, "LP result = stakes - payouts");
        assertEq(
            uint256(lens.getCondition(pool, id).state),
            uint256(IBettingPoolBase.ConditionState.Resolved),
            "resolved"
        );
    }

    function test_resolveCondition_feesOnProfit() public {
        vm.prank(admin);
        pool.setFees(1_000, 500);
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        _bet(alice, id, 0, 1_000 * USD);
        _resolve(id, q, 1); // alice lost: the pool's profit is her stake
        // The treasury also receives the few units of rounding slack the LP tree keeps back.
        assertGe(lens.feesOf(pool, treasury), 100 * USD, "10% to the treasury");
        assertApproxEqAbs(lens.feesOf(pool, treasury), 100 * USD, 100, "10% to the treasury, plus rounding slack");
        assertEq(lens.feesOf(pool, creator), 50 * USD, "5% to the creator");
        vm.prank(creator);
        assertEq(pool.claimFees(), 50 * USD, "creator claims");
        assertEq(usd.balanceOf(creator), 50 * USD, "paid");
        assertEq(lens.feesOf(pool, creator), 0, "cleared");
    }

    function test_RevertWhen_claimFeesWithNone() public {
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.NoFees.selector, alice));
        pool.claimFees();
    }

    function test_RevertWhen_resolveBeforeAnswerFinal() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        vm.expectRevert(abi.encodeWithSelector(IAnswerSource.AnswerNotFinal.selector, q));
        pool.resolveCondition(id);
    }

    function test_RevertWhen_resolveUnknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ConditionNotFound.selector, 5));
        pool.resolveCondition(5);
    }

    function test_RevertWhen_resolveTwice() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        _resolve(id, q, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionClosed.selector,
                id,
                IBettingPoolBase.ConditionState.Resolved
            )
        );
        pool.resolveCondition(id);
    }

    function test_resolveCondition_invalidAnswerCancelsAndRefunds() public {
        (uint256 betId, uint256 id, bytes32 q) = _betOnNewBinary(alice, 0, 250 * USD);
        _resolve(id, q, Answers.INVALID);
        assertEq(
            uint256(lens.getCondition(pool, id).state),
            uint256(IBettingPoolBase.ConditionState.Cancelled),
            "cancelled"
        );
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        assertEq(pool.claim(betId), 250 * USD, "stake refunded");
        assertEq(usd.balanceOf(alice), before + 250 * USD, "paid");
    }

    function test_resolveCondition_outOfRangeAnswerCancels() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        _resolve(id, q, 7);
        assertEq(
            uint256(lens.getCondition(pool, id).state),
            uint256(IBettingPoolBase.ConditionState.Cancelled),
            "cancelled"
        );
    }

    /// @dev Regression for the reference's known bug: a cancelled condition must free ALL its reserve.
    function test_cancelCondition_releasesAllLockedLiquidity() public {
        _deposit(lp, 50_000 * USD);
        uint256 freeBefore = pool.freeLiquidity();
        (uint256 id, bytes32 q) = _createCondition(3);
        _bet(alice, id, 0, 900 * USD);
        _bet(bob, id, 2, 1_700 * USD);
        (uint256 id2, bytes32 q2) = _createCondition(2);
        _bet(alice, id2, 1, 400 * USD);
        vm.prank(bob);
        pool.betParlay(_legs(id, 1, id2, 0), 50 * USD, 0, block.timestamp);
        (uint256 lockedBefore, , ) = pool.totals();
        assertGt(lens.getCondition(pool, id).reserve, 0, "reserve locked");
        _resolve(id, q, Answers.INVALID);
        assertEq(lens.getCondition(pool, id).reserve, 0, "condition reserve released");
        (uint256 lockedAfter, , ) = pool.totals();
        assertEq(
            lockedBefore - lockedAfter,
            lockedBefore - lens.getCondition(pool, id2).reserve - _parlayLiability(4),
            "only the condition's reserve went"
        );
        _resolve(id2, q2, Answers.INVALID);
        (IBettingPoolBase.ParlayStatus status, ) = pool.settleParlay(4);
        assertEq(uint256(status), uint256(IBettingPoolBase.ParlayStatus.Void), "void: its legs were cancelled");
        (uint256 lockedEnd, , ) = pool.totals();
        assertEq(lockedEnd, 0, "nothing stays locked once everything is cancelled");
        assertEq(pool.freeLiquidity(), freeBefore, "all liquidity is free again");
        assertEq(lens.minOpenPrefix(pool), type(uint32).max, "no open prefix");
    }

    function _checkResolutionAccounting(uint256 seed) internal {
        _deposit(lp, 200_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(3);
        int256 open;
        for (uint256 i; i < 6; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            uint256 amount = bound(seed >> 16, USD, 3_000 * USD);
            _bet(i % 2 == 0 ? alice : bob, id, seed % 3, amount);
            open += int256(amount);
        }
        assertGe(usd.balanceOf(address(pool)), _obligations(open), "covered before resolution");
        uint256 answer = seed % 4 == 3 ? Answers.INVALID : seed % 3;
        _resolve(id, q, answer);
        uint256 balance = usd.balanceOf(address(pool));
        uint256 owed = _obligations(0);
        assertGe(balance, owed, "covered after resolution");
        assertLe(balance - owed, 100, "dust only");
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, 0, "nothing locked");
    }

    function testFuzz_resolve_accountingHolds(uint256 seed) public {
        _checkResolutionAccounting(seed);
    }

    function test_resolve_accountingHolds_fixed() public {
        _checkResolutionAccounting(2026);
    }
}

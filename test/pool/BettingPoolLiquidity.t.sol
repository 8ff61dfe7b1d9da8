// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {IPoolLPToken} from "../../contracts/interfaces/IPoolLPToken.sol";
import {LiquidityTree} from "../../contracts/libraries/LiquidityTree.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice BettingPool tests: LP deposits and withdrawals, the locked-reserve rule, late deposits, the LP token.
contract BettingPoolLiquidityTest is PoolFixture {
    function test_deposit_mintsLpNftAndValue() public {
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.LiquidityDeposited(0, lp, 1_000 * USD);
        uint256 lpId = _deposit(lp, 1_000 * USD);
        assertEq(IERC721(pool.lpToken()).ownerOf(lpId), lp, "LP NFT minted");
        (uint256 value, uint256 at) = pool.lpPosition(lpId);
        assertEq(value, 1_000 * USD, "value");
        assertEq(at, block.timestamp, "deposit time");
        assertEq(pool.depositCount(), 1, "count");
        assertEq(pool.totalLiquidity(), 1_000 * USD, "total");
    }

    function test_RevertWhen_depositZero() public {
        _expectRevertFrom(lp, abi.encodeWithSelector(IBettingPoolBase.ZeroAmount.selector));
        pool.deposit(0);
    }

    function test_RevertWhen_depositTooLarge() public {
        uint256 amount = uint256(type(uint88).max) + 1;
        _expectRevertFrom(
            lp,
            abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, amount, type(uint88).max)
        );
        pool.deposit(amount);
    }

    function test_withdraw_partialThenFullBurns() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        uint256 before = usd.balanceOf(lp);
        vm.prank(lp);
        assertEq(pool.withdraw(lpId, 2_500), 250 * USD, "a quarter");
        vm.prank(lp);
        assertEq(pool.withdraw(lpId, 10_000), 750 * USD, "the rest");
        assertEq(usd.balanceOf(lp), before + 1_000 * USD, "paid back");
        IERC721 lpToken = IERC721(pool.lpToken());
        vm.expectRevert(abi.encodeWithSignature("ERC721NonexistentToken(uint256)", lpId));
        lpToken.ownerOf(lpId);
    }

    function test_withdraw_newHolderOfTransferredLpNft() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        IERC721 lpToken = IERC721(pool.lpToken());
        vm.prank(lp);
        lpToken.transferFrom(lp, bob, lpId);
        uint256 before = usd.balanceOf(bob);
        vm.prank(bob);
        pool.withdraw(lpId, 10_000);
        assertEq(usd.balanceOf(bob), before + 1_000 * USD, "the holder withdraws");
    }

    function test_RevertWhen_withdrawFractionZero() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        _expectRevertFrom(lp, abi.encodeWithSelector(IBettingPoolBase.InvalidFraction.selector, 0));
        pool.withdraw(lpId, 0);
    }

    function test_RevertWhen_withdrawFractionAboveAll() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        _expectRevertFrom(lp, abi.encodeWithSelector(IBettingPoolBase.InvalidFraction.selector, 10_001));
        pool.withdraw(lpId, 10_001);
    }

    function test_RevertWhen_withdrawByNonHolder() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, lpId, alice));
        pool.withdraw(lpId, 1);
    }

    function test_RevertWhen_withdrawBeforeTimeout() public {
        vm.prank(admin);
        pool.setWithdrawTimeout(1 days);
        uint256 lpId = _deposit(lp, 1_000 * USD);
        _expectRevertFrom(
            lp,
            abi.encodeWithSelector(IBettingPoolBase.WithdrawLocked.selector, lpId, block.timestamp + 1 days)
        );
        pool.withdraw(lpId, 1);
        vm.warp(block.timestamp + 1 days);
        vm.prank(lp);
        pool.withdraw(lpId, 10_000);
    }

    /// @dev Fairness: an LP cannot dodge a known loss by withdrawing reserve locked for open bets.
    function test_RevertWhen_withdrawWouldTakeLockedReserve() public {
        uint256 lpId = _deposit(lp, 10_000 * USD);
        (uint256 id, ) = _createCondition(2);
        _bet(alice, id, 0, 2_000 * USD);
        (uint256 locked, , ) = pool.totals();
        uint256 free = 10_000 * USD - locked;
        _expectRevertFrom(
            lp,
            abi.encodeWithSelector(IBettingPoolBase.InsufficientFreeLiquidity.selector, 10_000 * USD, free)
        );
        pool.withdraw(lpId, 10_000);
        assertEq(pool.freeLiquidity(), free, "free liquidity view");
    }

    /// @dev Fairness: once the oracle's answer is known (final, not yet pulled), the LPs who carry the
    /// condition still cannot take out the reserve that pays its winners.
    function test_RevertWhen_lpDodgesKnownLossBeforeResolution() public {
        uint256 lpId = _deposit(lp, 5_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        _bet(alice, id, 0, 1_000 * USD);
        oracle.settle(q, 0); // alice won: the pool's loss is known
        (uint256 locked, , ) = pool.totals();
        _expectRevertFrom(
            lp,
            abi.encodeWithSelector(
                IBettingPoolBase.InsufficientFreeLiquidity.selector,
                5_000 * USD,
                5_000 * USD - locked
            )
        );
        pool.withdraw(lpId, 10_000);
        vm.prank(lp);
        uint256 freed = pool.withdraw(lpId, 5_000); // the free half may leave
        pool.resolveCondition(id);
        uint256 payout = lens.getBet(pool, 1).payout;
        (uint256 value, ) = pool.lpPosition(lpId);
        assertLe(value, 5_000 * USD - freed + 1_000 * USD - payout, "the rest carries the loss");
        assertApproxEqAbs(value, 5_000 * USD - freed + 1_000 * USD - payout, 20, "in full");
    }

    /// @dev Fairness: a deposit made after a condition was created neither shares its profit nor
    /// covers its reserve, and may leave freely.
    function test_lateDeposit_doesNotShareProfitAndLeavesFreely() public {
        uint256 early = _deposit(lp, 10_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 late = _deposit(bob, 10_000 * USD);
        _bet(alice, id, 0, 1_000 * USD);
        vm.prank(bob);
        pool.withdraw(late, 5_000); // not in the condition's prefix: nothing of it is locked
        _resolve(id, q, 1); // alice lost
        (uint256 earlyValue, ) = pool.lpPosition(early);
        (uint256 lateValue, ) = pool.lpPosition(late);
        assertEq(lateValue, 5_000 * USD, "late deposit untouched by the profit");
        assertApproxEqAbs(earlyValue, 11_000 * USD, 20, "early deposit takes the whole profit");
        assertLe(earlyValue, 11_000 * USD, "never more than the profit");
    }

    /// @dev The smallest open prefix must cover ALL locked reserve (a loss on a newer condition is
    /// spread over older deposits too), so an old condition bounds what newer ones may lock.
    function test_smallestOpenPrefixBoundsLockedReserve() public {
        _deposit(lp, 1_000 * USD);
        (uint256 old, ) = _createCondition(2);
        _deposit(bob, 100_000 * USD);
        (uint256 fresh, ) = _createCondition(2);
        assertEq(lens.minOpenPrefix(pool), 1, "the old condition's prefix");
        assertEq(pool.freeLiquidity(), 1_000 * USD, "only the first deposit covers reserve");
        (, uint256 payout) = pool.quote(fresh, 0, 3_000 * USD);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(
                IBettingPoolBase.InsufficientFreeLiquidity.selector,
                payout - 3_000 * USD,
                1_000 * USD
            )
        );
        pool.bet(fresh, 0, 3_000 * USD, 0, block.timestamp);
        _bet(alice, old, 0, 100 * USD);
        (uint256 locked, , ) = pool.totals();
        assertEq(pool.freeLiquidity(), 1_000 * USD - locked, "shared bound");
    }

    function test_lateDeposit_doesNotShareLoss() public {
        uint256 early = _deposit(lp, 10_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 late = _deposit(bob, 10_000 * USD);
        _bet(alice, id, 0, 1_000 * USD);
        (, uint256 owed) = lens.getOutcome(pool, id, 0);
        _resolve(id, q, 0); // alice won
        (uint256 earlyValue, ) = pool.lpPosition(early);
        (uint256 lateValue, ) = pool.lpPosition(late);
        assertEq(lateValue, 10_000 * USD, "late deposit untouched by the loss");
        assertLe(earlyValue, 10_000 * USD + 1_000 * USD - owed, "early deposit carries the loss");
        assertApproxEqAbs(earlyValue, 10_000 * USD + 1_000 * USD - owed, 20, "in full");
    }

    function _checkDepositWithdraw(uint256 amount, uint256 fraction) internal {
        amount = bound(amount, 1, 10_000_000 * USD);
        fraction = bound(fraction, 1, 10_000);
        uint256 lpId = _deposit(lp, amount);
        vm.prank(lp);
        uint256 paid = pool.withdraw(lpId, fraction);
        assertEq(paid, (amount * fraction) / 10_000, "pro-rata, rounded down");
        assertEq(pool.totalLiquidity(), amount - paid, "rest stays");
    }

    function testFuzz_depositWithdraw_proRata(uint256 amount, uint256 fraction) public {
        _checkDepositWithdraw(amount, fraction);
    }

    function test_depositWithdraw_proRata_fixed() public {
        _checkDepositWithdraw(1_234_567, 3_333);
    }

    function _checkLateDepositIsolated(uint256 lateAmount, uint256 stake, bool bettorWins) internal {
        lateAmount = bound(lateAmount, 1, 1_000_000 * USD);
        stake = bound(stake, USD, 2_000 * USD);
        _deposit(lp, 50_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 late = _deposit(bob, lateAmount);
        _bet(alice, id, 0, stake);
        _resolve(id, q, bettorWins ? 0 : 1);
        (uint256 value, ) = pool.lpPosition(late);
        assertEq(value, lateAmount, "a deposit made after creation neither gains nor loses");
    }

    function testFuzz_lateDeposit_isolatedFromConditionPnl(uint256 lateAmount, uint256 stake, bool bettorWins) public {
        _checkLateDepositIsolated(lateAmount, stake, bettorWins);
    }

    function test_lateDeposit_isolatedFromConditionPnl_fixed() public {
        _checkLateDepositIsolated(250_000 * USD, 1_500 * USD, true);
    }

    function test_RevertWhen_lpTokenMintedByNonPool() public {
        IPoolLPToken lpToken = IPoolLPToken(pool.lpToken());
        assertEq(lpToken.pool(), address(pool), "minted by the pool");
        _expectRevertFrom(alice, abi.encodeWithSelector(IPoolLPToken.NotPool.selector, alice));
        lpToken.mint(alice, 1);
    }

    function test_RevertWhen_lpTokenBurnedByNonPool() public {
        uint256 lpId = _deposit(lp, USD);
        IPoolLPToken lpToken = IPoolLPToken(pool.lpToken());
        _expectRevertFrom(lp, abi.encodeWithSelector(IPoolLPToken.NotPool.selector, lp));
        lpToken.burn(lpId);
    }

    function test_RevertWhen_lpPositionUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(LiquidityTree.LeafNotFound.selector, 0, 0));
        pool.lpPosition(0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {IPoolLPToken} from "../../contracts/interfaces/IPoolLPToken.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";
import {LiquidityTree} from "../../contracts/libraries/LiquidityTree.sol";
import {BettingPool} from "../../contracts/pool/BettingPool.sol";
import {BettingPoolExtension} from "../../contracts/pool/BettingPoolExtension.sol";
import {PoolFixture} from "./PoolFixture.sol";

contract BettingPoolTest is PoolFixture {
    bytes32 internal constant ADMIN_ROLE = 0x00;
    bytes32 internal constant CREATOR_ROLE = keccak256("MARKET_CREATOR_ROLE");
    bytes32 internal constant MAINTAINER_ROLE = keccak256("MAINTAINER_ROLE");

    // ------------------------------------------------------------------ deployment and admin

    function test_RevertWhen_extensionBuiltForAnotherOracle() public {
        BettingPoolExtension other = new BettingPoolExtension(IERC20(address(usd)), IAnswerSource(address(0xBEEF)));
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ExtensionMismatch.selector, address(other)));
        new BettingPool(IERC20(address(usd)), IAnswerSource(address(oracle)), address(other), admin, treasury);
    }

    function test_RevertWhen_initializeTwice() public {
        vm.expectRevert(IBettingPoolBase.AlreadyInitialized.selector);
        pool.initialize(alice, alice);
    }

    function test_RevertWhen_extensionCalledDirectly() public {
        BettingPoolExtension extension = BettingPoolExtension(pool.extension());
        vm.expectRevert(IBettingPoolBase.NotDelegateCall.selector);
        extension.initialize(alice, alice);
    }

    function test_setFees_updatesConfig() public {
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.FeesSet(1_000, 500);
        vm.prank(admin);
        pool.setFees(1_000, 500);
        (uint256 treasuryFee, uint256 creatorFee, , ) = pool.config();
        assertEq(treasuryFee, 1_000, "treasury fee");
        assertEq(creatorFee, 500, "creator fee");
    }

    function test_RevertWhen_treasuryFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.FeeTooHigh.selector, 2_001, 2_000));
        vm.prank(admin);
        pool.setFees(2_001, 0);
    }

    function test_RevertWhen_creatorFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.FeeTooHigh.selector, 1_001, 1_000));
        vm.prank(admin);
        pool.setFees(0, 1_001);
    }

    function test_RevertWhen_setFeesCallerLacksAdminRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, ADMIN_ROLE)
        );
        vm.prank(alice);
        pool.setFees(0, 0);
    }

    function test_setTreasury_updatesConfig() public {
        vm.prank(admin);
        pool.setTreasury(bob);
        (, , address current, ) = pool.config();
        assertEq(current, bob, "treasury");
    }

    function test_RevertWhen_treasuryIsZero() public {
        vm.expectRevert(IBettingPoolBase.ZeroAddress.selector);
        vm.prank(admin);
        pool.setTreasury(address(0));
    }

    function test_RevertWhen_setTreasuryCallerLacksAdminRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, ADMIN_ROLE)
        );
        vm.prank(bob);
        pool.setTreasury(bob);
    }

    function test_setWithdrawTimeout_updatesConfig() public {
        vm.prank(admin);
        pool.setWithdrawTimeout(1 days);
        (, , , uint256 timeout) = pool.config();
        assertEq(timeout, 1 days, "timeout");
    }

    function test_RevertWhen_withdrawTimeoutTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, 31 days, 30 days));
        vm.prank(admin);
        pool.setWithdrawTimeout(31 days);
    }

    function test_RevertWhen_setWithdrawTimeoutCallerLacksAdminRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, lp, ADMIN_ROLE)
        );
        vm.prank(lp);
        pool.setWithdrawTimeout(0);
    }

    function test_setReinforcementCap_updatesCap() public {
        vm.prank(admin);
        pool.setReinforcementCap(bob, 77);
        (uint256 cap, uint256 used) = pool.reinforcementOf(bob);
        assertEq(cap, 77, "cap");
        assertEq(used, 0, "used");
    }

    function test_RevertWhen_reinforcementCapForZeroAddress() public {
        vm.expectRevert(IBettingPoolBase.ZeroAddress.selector);
        vm.prank(admin);
        pool.setReinforcementCap(address(0), 1);
    }

    function test_RevertWhen_setReinforcementCapCallerLacksAdminRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, creator, ADMIN_ROLE)
        );
        vm.prank(creator);
        pool.setReinforcementCap(creator, 1);
    }

    // ------------------------------------------------------------------ conditions

    function test_createCondition_storesParametersAndSnapshotsDeposits() public {
        _deposit(lp, 1_000 * USD);
        _deposit(lp, 1_000 * USD);
        bytes32 questionId = _newQuestion(3);
        uint256[] memory probabilities = _even(3);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.ConditionCreated(
            1,
            questionId,
            creator,
            probabilities,
            REINFORCEMENT,
            MARGIN_BPS,
            block.timestamp + 1 days,
            2
        );
        vm.prank(creator);
        uint256 id = pool.createCondition(
            questionId,
            probabilities,
            REINFORCEMENT,
            MARGIN_BPS,
            block.timestamp + 1 days
        );
        IBettingPoolBase.ConditionView memory c = pool.getCondition(id);
        assertEq(id, 1, "first id");
        assertEq(uint256(c.state), uint256(IBettingPoolBase.ConditionState.Active), "active");
        assertEq(c.outcomeCount, 3, "outcomes");
        assertEq(c.prefixDeposits, 2, "P&L goes to the two deposits made before");
        assertApproxEqAbs(c.totalFund, REINFORCEMENT, 3, "funds sum to the reinforcement (rounded down)");
        assertLe(c.totalFund, REINFORCEMENT, "never above it");
        assertEq(pool.minOpenPrefix(), 2, "smallest open prefix");
        (, uint256 used) = pool.reinforcementOf(creator);
        assertEq(used, REINFORCEMENT, "cap used");
    }

    function test_RevertWhen_createConditionWithoutLiquidity() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(IBettingPoolBase.NoLiquidity.selector);
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_createConditionCallerLacksCreatorRole() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, CREATOR_ROLE)
        );
        vm.prank(alice);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_oneOutcome() public {
        bytes32 questionId = _newQuestion(1);
        uint256[] memory probabilities = new uint256[](1);
        probabilities[0] = PROB_ONE;
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidOutcomeCount.selector, 1));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_twentyOneOutcomes() public {
        bytes32 questionId = _newQuestion(21);
        uint256[] memory probabilities = _even(21);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidOutcomeCount.selector, 21));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_questionHasOtherOutcomeCount() public {
        bytes32 questionId = _newQuestion(3);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.OutcomeCountMismatch.selector, questionId, 3, 2));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_zeroReinforcement() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(IBettingPoolBase.ZeroAmount.selector);
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, 0, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_marginAboveCap() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.MarginTooHigh.selector, 2_001, 2_000));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, 2_001, block.timestamp + 1);
    }

    function test_RevertWhen_startTimeNotInFuture() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.StartTimeInPast.selector, block.timestamp, block.timestamp)
        );
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp);
    }

    function test_RevertWhen_probabilitiesDoNotSumToOne() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        probabilities[1] -= 1;
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidProbabilities.selector, PROB_ONE - 1));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_outcomeFundRoundsToZero() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = new uint256[](2);
        probabilities[0] = PROB_ONE - 1;
        probabilities[1] = 1;
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ZeroFund.selector, 1));
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_reinforcementCapExceeded() public {
        vm.prank(admin);
        pool.setReinforcementCap(creator, REINFORCEMENT + 5);
        _createCondition(2);
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.ReinforcementCapExceeded.selector, creator, REINFORCEMENT, 5)
        );
        vm.prank(creator);
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_resolveCondition_releasesCreatorCap() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        _resolve(id, q, 0);
        (, uint256 used) = pool.reinforcementOf(creator);
        assertEq(used, 0, "cap released on resolution");
    }

    function test_pauseCondition_blocksBetsUntilResumed() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.ConditionPaused(id);
        vm.prank(maintainer);
        pool.pauseCondition(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                id,
                IBettingPoolBase.ConditionState.Paused
            )
        );
        vm.prank(alice);
        pool.bet(id, 0, USD, 0, block.timestamp);
        vm.prank(maintainer);
        pool.resumeCondition(id);
        _bet(alice, id, 0, USD);
        assertEq(pool.getBet(1).stake, USD, "bet accepted after resume");
    }

    function test_RevertWhen_pauseCallerLacksMaintainerRole() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, MAINTAINER_ROLE)
        );
        vm.prank(alice);
        pool.pauseCondition(id);
    }

    function test_RevertWhen_resumeCallerLacksMaintainerRole() public {
        (uint256 id, ) = _createCondition(2);
        vm.prank(maintainer);
        pool.pauseCondition(id);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, MAINTAINER_ROLE)
        );
        vm.prank(alice);
        pool.resumeCondition(id);
    }

    function test_RevertWhen_pauseNotActiveCondition() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                9,
                IBettingPoolBase.ConditionState.None
            )
        );
        vm.prank(maintainer);
        pool.pauseCondition(9);
    }

    function test_RevertWhen_resumeActiveCondition() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                id,
                IBettingPoolBase.ConditionState.Active
            )
        );
        vm.prank(maintainer);
        pool.resumeCondition(id);
    }

    // ------------------------------------------------------------------ resolution

    function test_resolveCondition_winnerOwedAndLpsKeepProfit() public {
        uint256 lpId = _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        _bet(alice, id, 0, 100 * USD);
        _bet(bob, id, 1, 300 * USD);
        (, uint256 payout0) = pool.getOutcome(id, 0);
        _resolve(id, q, 1);
        (, uint256 payout1) = pool.getOutcome(id, 1);
        (uint256 locked, uint256 claimable, ) = pool.totals();
        assertEq(locked, 0, "no reserve left");
        assertEq(claimable, payout1, "winners' payouts owed");
        assertGt(payout0, 0, "the loser had a payout on outcome 0");
        (uint256 value, ) = pool.lpPosition(lpId);
        assertApproxEqAbs(value, 100_000 * USD + 400 * USD - payout1, 20, "LP result = stakes - payouts");
        assertEq(uint256(pool.getCondition(id).state), uint256(IBettingPoolBase.ConditionState.Resolved), "resolved");
    }

    function test_resolveCondition_feesOnProfit() public {
        vm.prank(admin);
        pool.setFees(1_000, 500);
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        _bet(alice, id, 0, 1_000 * USD);
        _resolve(id, q, 1); // alice lost: the pool's profit is her stake
        // The treasury also receives the few units of rounding slack the LP tree keeps back.
        assertGe(pool.feesOf(treasury), 100 * USD, "10% to the treasury");
        assertApproxEqAbs(pool.feesOf(treasury), 100 * USD, 100, "10% to the treasury, plus rounding slack");
        assertEq(pool.feesOf(creator), 50 * USD, "5% to the creator");
        vm.prank(creator);
        assertEq(pool.claimFees(), 50 * USD, "creator claims");
        assertEq(usd.balanceOf(creator), 50 * USD, "paid");
        assertEq(pool.feesOf(creator), 0, "cleared");
    }

    function test_RevertWhen_claimFeesWithNone() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.NoFees.selector, alice));
        vm.prank(alice);
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
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 250 * USD);
        _resolve(id, q, Answers.INVALID);
        assertEq(uint256(pool.getCondition(id).state), uint256(IBettingPoolBase.ConditionState.Cancelled), "cancelled");
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        assertEq(pool.claim(betId), 250 * USD, "stake refunded");
        assertEq(usd.balanceOf(alice), before + 250 * USD, "paid");
    }

    function test_resolveCondition_outOfRangeAnswerCancels() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        _resolve(id, q, 7);
        assertEq(uint256(pool.getCondition(id).state), uint256(IBettingPoolBase.ConditionState.Cancelled), "cancelled");
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
        assertGt(pool.getCondition(id).reserve, 0, "reserve locked");
        _resolve(id, q, Answers.INVALID);
        assertEq(pool.getCondition(id).reserve, 0, "condition reserve released");
        (uint256 lockedAfter, , ) = pool.totals();
        assertEq(
            lockedBefore - lockedAfter,
            lockedBefore - pool.getCondition(id2).reserve - _parlayLiability(4),
            "only the condition's reserve went"
        );
        _resolve(id2, q2, Answers.INVALID);
        (IBettingPoolBase.ParlayStatus status, ) = pool.settleParlay(4);
        assertEq(uint256(status), uint256(IBettingPoolBase.ParlayStatus.Void), "void: its legs were cancelled");
        (uint256 lockedEnd, , ) = pool.totals();
        assertEq(lockedEnd, 0, "nothing stays locked once everything is cancelled");
        assertEq(pool.freeLiquidity(), freeBefore, "all liquidity is free again");
        assertEq(pool.minOpenPrefix(), type(uint32).max, "no open prefix");
    }

    function _parlayLiability(uint256 betId) internal view returns (uint256) {
        IBettingPoolBase.ParlayView memory p = lens.getParlay(pool, betId);
        return p.payout - p.stake;
    }

    // ------------------------------------------------------------------ liquidity

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
        vm.expectRevert(IBettingPoolBase.ZeroAmount.selector);
        vm.prank(lp);
        pool.deposit(0);
    }

    function test_RevertWhen_depositTooLarge() public {
        uint256 amount = uint256(type(uint88).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, amount, type(uint88).max));
        vm.prank(lp);
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
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidFraction.selector, 0));
        vm.prank(lp);
        pool.withdraw(lpId, 0);
    }

    function test_RevertWhen_withdrawFractionAboveAll() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidFraction.selector, 10_001));
        vm.prank(lp);
        pool.withdraw(lpId, 10_001);
    }

    function test_RevertWhen_withdrawByNonHolder() public {
        uint256 lpId = _deposit(lp, 1_000 * USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, lpId, alice));
        vm.prank(alice);
        pool.withdraw(lpId, 1);
    }

    function test_RevertWhen_withdrawBeforeTimeout() public {
        vm.prank(admin);
        pool.setWithdrawTimeout(1 days);
        uint256 lpId = _deposit(lp, 1_000 * USD);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.WithdrawLocked.selector, lpId, block.timestamp + 1 days)
        );
        vm.prank(lp);
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
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.InsufficientFreeLiquidity.selector, 10_000 * USD, free)
        );
        vm.prank(lp);
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
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.InsufficientFreeLiquidity.selector,
                5_000 * USD,
                5_000 * USD - locked
            )
        );
        vm.prank(lp);
        pool.withdraw(lpId, 10_000);
        vm.prank(lp);
        uint256 freed = pool.withdraw(lpId, 5_000); // the free half may leave
        pool.resolveCondition(id);
        uint256 payout = pool.getBet(1).payout;
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
        assertEq(pool.minOpenPrefix(), 1, "the old condition's prefix");
        assertEq(pool.freeLiquidity(), 1_000 * USD, "only the first deposit covers reserve");
        (, uint256 payout) = pool.quote(fresh, 0, 3_000 * USD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.InsufficientFreeLiquidity.selector,
                payout - 3_000 * USD,
                1_000 * USD
            )
        );
        vm.prank(alice);
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
        (, uint256 owed) = pool.getOutcome(id, 0);
        _resolve(id, q, 0); // alice won
        (uint256 earlyValue, ) = pool.lpPosition(early);
        (uint256 lateValue, ) = pool.lpPosition(late);
        assertEq(lateValue, 10_000 * USD, "late deposit untouched by the loss");
        assertLe(earlyValue, 10_000 * USD + 1_000 * USD - owed, "early deposit carries the loss");
        assertApproxEqAbs(earlyValue, 10_000 * USD + 1_000 * USD - owed, 20, "in full");
    }

    // ------------------------------------------------------------------ bets

    function test_bet_backedOddsFallOthersRise() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(3);
        uint256[] memory before = lens.currentOdds(pool, id);
        (uint256 quoted, uint256 quotedPayout) = pool.quote(id, 1, 500 * USD);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.BetPlaced(1, id, alice, 1, 500 * USD, quoted, quotedPayout);
        uint256 betId = _bet(alice, id, 1, 500 * USD);
        uint256[] memory afterBet = lens.currentOdds(pool, id);
        assertLt(afterBet[1], before[1], "backed outcome's odds fall");
        assertGt(afterBet[0], before[0], "other outcomes' odds rise");
        assertGt(afterBet[2], before[2], "other outcomes' odds rise");
        IBettingPoolBase.BetView memory b = pool.getBet(betId);
        assertEq(b.payout, quotedPayout, "payout as quoted");
        assertEq(pool.ownerOf(betId), alice, "bet NFT");
        assertLt(quoted, before[1], "the stake's own price impact is in the quote");
    }

    function test_bet_oddsFollowTheMarginRule() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        // funds 5,000 / 5,000; stake 1,000: fair = 11,000 / 6,000; odds = 1 + (fair - 1) * 0.95
        uint256 fair = (11_000 * USD * ODDS_ONE) / (6_000 * USD);
        uint256 expected = ODDS_ONE + ((fair - ODDS_ONE) * 9_500) / 10_000;
        (uint256 odds, ) = pool.quote(id, 0, 1_000 * USD);
        assertEq(odds, expected, "closed-form margin rule");
    }

    function test_bet_oddsCappedAtMaximum() public {
        _deposit(lp, 1_000_000 * USD);
        bytes32 q = _newQuestion(2);
        uint256[] memory probabilities = new uint256[](2);
        probabilities[0] = PROB_ONE / 1_000; // 0.1%: fair odds 1000x
        probabilities[1] = PROB_ONE - probabilities[0];
        vm.prank(creator);
        uint256 id = pool.createCondition(q, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1 days);
        (uint256 odds, ) = pool.quote(id, 0, USD);
        assertEq(odds, 100 * ODDS_ONE, "capped at 100x");
    }

    function test_betFor_mintsToAccountPaidByCaller() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 aliceBefore = usd.balanceOf(alice);
        vm.prank(alice);
        uint256 betId = pool.betFor(bob, id, 0, 10 * USD, 0, block.timestamp);
        assertEq(pool.ownerOf(betId), bob, "NFT to the account");
        assertEq(usd.balanceOf(alice), aliceBefore - 10 * USD, "caller paid");
    }

    function test_RevertWhen_betForZeroAddress() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(IBettingPoolBase.ZeroAddress.selector);
        vm.prank(alice);
        pool.betFor(address(0), id, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betZeroAmount() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(IBettingPoolBase.ZeroAmount.selector);
        vm.prank(alice);
        pool.bet(id, 0, 0, 0, block.timestamp);
    }

    function test_RevertWhen_betTooLarge() public {
        (uint256 id, ) = _createCondition(2);
        uint256 amount = uint256(type(uint88).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, amount, type(uint88).max));
        vm.prank(alice);
        pool.bet(id, 0, amount, 0, block.timestamp);
    }

    function test_RevertWhen_betAfterDeadline() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.DeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        vm.prank(alice);
        pool.bet(id, 0, USD, 0, block.timestamp - 1);
    }

    function test_RevertWhen_betOnUnknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ConditionNotFound.selector, 3));
        vm.prank(alice);
        pool.bet(3, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betAfterStart() public {
        (uint256 id, ) = _createCondition(2);
        uint256 startsAt = block.timestamp + START_DELAY;
        vm.warp(startsAt);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BettingClosed.selector, id, startsAt));
        vm.prank(alice);
        pool.bet(id, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betOnInvalidOutcome() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidOutcome.selector, 2, 2));
        vm.prank(alice);
        pool.bet(id, 2, USD, 0, block.timestamp);
    }

    function test_RevertWhen_oddsBelowMinimum() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        (uint256 odds, ) = pool.quote(id, 0, USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.OddsBelowMinimum.selector, odds, odds + 1));
        vm.prank(alice);
        pool.bet(id, 0, USD, odds + 1, block.timestamp);
    }

    function test_RevertWhen_betExceedsFreeLiquidity() public {
        _deposit(lp, 100 * USD);
        (uint256 id, ) = _createCondition(2);
        (, uint256 payout) = pool.quote(id, 0, 1_000 * USD);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.InsufficientFreeLiquidity.selector, payout - 1_000 * USD, 100 * USD)
        );
        vm.prank(alice);
        pool.bet(id, 0, 1_000 * USD, 0, block.timestamp);
    }

    function test_RevertWhen_oddsNotAboveOne() public {
        _deposit(lp, 1_000 * USD);
        bytes32 q = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.prank(creator);
        uint256 id = pool.createCondition(q, probabilities, 2, MARGIN_BPS, block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.OddsTooLow.selector, ODDS_ONE));
        vm.prank(alice);
        pool.bet(id, 0, 2_000_000 * USD, 0, block.timestamp);
    }

    // ------------------------------------------------------------------ claims

    function test_claim_winnerPaidOnceNftKept() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 100 * USD);
        uint256 payout = pool.getBet(betId).payout;
        _resolve(id, q, 0);
        uint256 before = usd.balanceOf(alice);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.PayoutClaimed(betId, alice, payout);
        vm.prank(alice);
        pool.claim(betId);
        assertEq(usd.balanceOf(alice), before + payout, "paid");
        (, uint256 claimable, ) = pool.totals();
        assertEq(claimable, 0, "nothing owed");
        assertEq(pool.ownerOf(betId), alice, "the NFT stays as a receipt");
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, betId));
        vm.prank(alice);
        pool.claim(betId);
    }

    function test_RevertWhen_claimLosingBet() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 100 * USD);
        _resolve(id, q, 1);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetLost.selector, betId));
        vm.prank(alice);
        pool.claim(betId);
    }

    function test_RevertWhen_claimBeforeResolution() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 100 * USD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotSettled.selector,
                id,
                IBettingPoolBase.ConditionState.Active
            )
        );
        vm.prank(alice);
        pool.claim(betId);
    }

    function test_RevertWhen_claimByNonHolder() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 100 * USD);
        _resolve(id, q, 0);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, betId, bob));
        vm.prank(bob);
        pool.claim(betId);
    }

    function test_claim_transferredBetPaysNewHolder() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, bytes32 q) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 100 * USD);
        vm.prank(alice);
        pool.transferFrom(alice, bob, betId);
        _resolve(id, q, 0);
        uint256 before = usd.balanceOf(bob);
        vm.prank(bob);
        uint256 paid = pool.claim(betId);
        assertEq(usd.balanceOf(bob), before + paid, "holder paid");
    }

    // ------------------------------------------------------------------ cash-out

    function test_cashOut_paysFairValueMinusMarginAndFreesReserve() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 0, 1_000 * USD);
        _bet(bob, id, 0, 2_000 * USD); // alice's outcome became more likely
        IBettingPoolBase.BetView memory b = pool.getBet(betId);
        (uint256 fund, ) = pool.getOutcome(id, 0);
        uint256 totalFund = pool.getCondition(id).totalFund;
        uint256 expected = (((b.payout * (fund - b.stake)) / (totalFund - b.stake)) * 9_500) / 10_000;
        uint256 quoted = pool.quoteCashOut(betId);
        assertApproxEqAbs(quoted, expected, 1, "fair value at current funds minus margin");
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        uint256 paid = pool.cashOut(betId, quoted);
        assertEq(paid, quoted, "paid the quote");
        assertEq(usd.balanceOf(alice), before + paid, "transferred");
        vm.expectRevert(abi.encodeWithSignature("ERC721NonexistentToken(uint256)", betId));
        pool.ownerOf(betId);
    }

    function test_cashOut_immediatelyReturnsLessThanStake() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 1, 1_000 * USD);
        vm.prank(alice);
        uint256 paid = pool.cashOut(betId, 0);
        assertLt(paid, 1_000 * USD, "round trip costs the bettor");
        assertEq(pool.getCondition(id).totalFund, REINFORCEMENT, "funds restored");
        assertEq(pool.getCondition(id).openStakes, 0, "no live stakes");
    }

    function test_RevertWhen_cashOutBelowMinimum() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 1, 1_000 * USD);
        uint256 quoted = pool.quoteCashOut(betId);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.CashOutBelowMinimum.selector, quoted, quoted + 1));
        vm.prank(alice);
        pool.cashOut(betId, quoted + 1);
    }

    function test_RevertWhen_cashOutAfterStart() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 1, 1_000 * USD);
        uint256 startsAt = block.timestamp + START_DELAY;
        vm.warp(startsAt);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BettingClosed.selector, id, startsAt));
        vm.prank(alice);
        pool.cashOut(betId, 0);
    }

    function test_RevertWhen_cashOutByNonHolder() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        uint256 betId = _bet(alice, id, 1, 1_000 * USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, betId, bob));
        vm.prank(bob);
        pool.cashOut(betId, 0);
    }

    function test_RevertWhen_cashOutUnknownBet() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 42));
        vm.prank(bob);
        pool.cashOut(42, 0);
    }

    // ------------------------------------------------------------------ parlays

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
        assertEq(pool.getCondition(a).parlayExposure, payout - 10 * USD, "exposure on leg a");
        assertEq(pool.getCondition(b).parlayExposure, payout - 10 * USD, "exposure on leg b");
        assertEq(pool.ownerOf(betId), alice, "parlay NFT");
        assertEq(lens.getParlay(pool, betId).legs.length, 2, "legs stored");
    }

    function test_betParlayFor_mintsToAccount() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        vm.prank(alice);
        uint256 betId = pool.betParlayFor(bob, _legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
        assertEq(pool.ownerOf(betId), bob, "minted to the account");
    }

    function test_RevertWhen_parlayForZeroAddress() public {
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        vm.expectRevert(IBettingPoolBase.ZeroAddress.selector);
        vm.prank(alice);
        pool.betParlayFor(address(0), legs, 10 * USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayOneLeg() public {
        (uint256 a, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](1);
        legs[0] = IBettingPoolBase.Leg(a, 0);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 1));
        vm.prank(alice);
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayNineLegs() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](9);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 9));
        vm.prank(alice);
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayLegsRepeatCondition() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, a, 1);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.DuplicateLeg.selector, a));
        vm.prank(alice);
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayExposureExceeded() public {
        _deposit(lp, 1_000_000 * USD);
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        vm.prank(alice);
        pool.betParlay(legs, REINFORCEMENT, 0, block.timestamp);
        uint256 exposure = pool.getCondition(a).parlayExposure;
        (, uint256 payout) = pool.quoteParlay(legs, REINFORCEMENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBettingPoolBase.ParlayExposureExceeded.selector,
                a,
                exposure + payout - REINFORCEMENT,
                REINFORCEMENT
            )
        );
        vm.prank(alice);
        pool.betParlay(legs, REINFORCEMENT, 0, block.timestamp);
    }

    function test_RevertWhen_parlayOddsBelowMinimum() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        (uint256 odds, ) = pool.quoteParlay(legs, USD);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.OddsBelowMinimum.selector, odds, odds + 1));
        vm.prank(alice);
        pool.betParlay(legs, USD, odds + 1, block.timestamp);
    }

    function test_RevertWhen_parlayZeroAmount() public {
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        vm.expectRevert(IBettingPoolBase.ZeroAmount.selector);
        vm.prank(alice);
        pool.betParlay(legs, 0, 0, block.timestamp);
    }

    function test_RevertWhen_parlayAfterDeadline() public {
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IBettingPoolBase.DeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        vm.prank(alice);
        pool.betParlay(legs, USD, 0, block.timestamp - 1);
    }

    function test_settleParlay_anyoneSettlesAsSoonAsOneLegLost() public {
        uint256 lpId = _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        vm.prank(alice);
        uint256 betId = pool.betParlay(_legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
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
        assertEq(pool.getCondition(b).parlayExposure, 0, "exposure released");
    }

    function test_RevertWhen_settlePendingParlay() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        vm.prank(alice);
        uint256 betId = pool.betParlay(_legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ParlayPending.selector, betId));
        pool.settleParlay(betId);
    }

    function test_RevertWhen_settleUnknownParlay() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 99));
        pool.settleParlay(99);
    }

    function test_settleParlay_wonPaysHolder() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa) = _createCondition(2);
        (uint256 b, bytes32 qb) = _createCondition(2);
        vm.prank(alice);
        uint256 betId = pool.betParlay(_legs(a, 0, b, 1), 10 * USD, 0, block.timestamp);
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
        (uint256 a, bytes32 qa) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
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

    // ------------------------------------------------------------------ fuzz (each with a fixed twin)

    function _checkBetOdds(uint256 amount, uint256 outcome) internal {
        _deposit(lp, 5_000_000 * USD);
        (uint256 id, ) = _createCondition(4);
        amount = bound(amount, 1, 100_000 * USD);
        outcome = bound(outcome, 0, 3);
        (uint256 fund, ) = pool.getOutcome(id, outcome);
        uint256 totalFund = pool.getCondition(id).totalFund;
        uint256 betId = _bet(alice, id, outcome, amount);
        IBettingPoolBase.BetView memory b = pool.getBet(betId);
        uint256 odds = (b.payout * ODDS_ONE) / b.stake;
        assertGe(b.payout, b.stake, "odds are at least 1");
        assertLe(b.payout, amount * 100, "odds at most 100x");
        // Realized margin >= 0: the expected payout at the pre-bet probability is below the stake.
        assertLe((b.payout * fund) / totalFund, amount, "pool keeps an edge over the pre-bet price");
        assertGt(odds + 1, ODDS_ONE, "odds strictly above one (up to payout rounding)");
    }

    function testFuzz_bet_oddsBoundedAndPoolKeepsEdge(uint256 amount, uint256 outcome) public {
        _checkBetOdds(amount, outcome);
    }

    function test_bet_oddsBoundedAndPoolKeepsEdge_fixed() public {
        _checkBetOdds(12_345 * USD, 2);
    }

    function _checkCashOutRoundTrip(uint256 amount) internal {
        _deposit(lp, 5_000_000 * USD);
        (uint256 id, ) = _createCondition(2);
        amount = bound(amount, 1, 50_000 * USD);
        uint256 betId = _bet(alice, id, 0, amount);
        vm.prank(alice);
        uint256 paid = pool.cashOut(betId, 0);
        assertLe(paid, amount, "an immediate cash-out never returns more than the stake");
        (uint256 locked, , ) = pool.totals();
        assertEq(locked, 0, "no reserve left: the book is flat");
    }

    function testFuzz_cashOut_roundTripNeverProfits(uint256 amount) public {
        _checkCashOutRoundTrip(amount);
    }

    function test_cashOut_roundTripNeverProfits_fixed() public {
        _checkCashOutRoundTrip(777 * USD);
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

    // ------------------------------------------------------------------ views, tokens and remaining reverts

    function test_supportsInterface_erc721AndAccessControl() public view {
        assertTrue(pool.supportsInterface(type(IERC721).interfaceId), "ERC-721");
        assertTrue(pool.supportsInterface(type(IAccessControl).interfaceId), "AccessControl");
        assertFalse(pool.supportsInterface(0xdeadbeef), "unknown interface");
    }

    function test_RevertWhen_lpTokenMintedByNonPool() public {
        IPoolLPToken lpToken = IPoolLPToken(pool.lpToken());
        assertEq(lpToken.pool(), address(pool), "minted by the pool");
        vm.expectRevert(abi.encodeWithSelector(IPoolLPToken.NotPool.selector, alice));
        vm.prank(alice);
        lpToken.mint(alice, 1);
    }

    function test_RevertWhen_lpTokenBurnedByNonPool() public {
        uint256 lpId = _deposit(lp, USD);
        IPoolLPToken lpToken = IPoolLPToken(pool.lpToken());
        vm.expectRevert(abi.encodeWithSelector(IPoolLPToken.NotPool.selector, lp));
        vm.prank(lp);
        lpToken.burn(lpId);
    }

    function test_RevertWhen_lpPositionUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(LiquidityTree.LeafNotFound.selector, 0, 0));
        pool.lpPosition(0);
    }

    function test_RevertWhen_currentOddsUnknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ConditionNotFound.selector, 4));
        lens.currentOdds(pool, 4);
    }

    function test_RevertWhen_quoteOnInvalidOutcome() public {
        (uint256 id, ) = _createCondition(2);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidOutcome.selector, 5, 2));
        pool.quote(id, 5, USD);
    }

    function test_RevertWhen_quoteCashOutUnknownBet() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 8));
        pool.quoteCashOut(8);
    }

    function test_RevertWhen_quoteParlayOneLeg() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](1);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidLegCount.selector, 1));
        pool.quoteParlay(legs, USD);
    }

    function test_RevertWhen_quoteParlayOnClosedCondition() public {
        (uint256 a, bytes32 qa) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
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
        (uint256 a, ) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        IBettingPoolBase.Leg[] memory legs = _legs(a, 0, b, 3);
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.InvalidOutcome.selector, 3, 2));
        vm.prank(alice);
        pool.betParlay(legs, USD, 0, block.timestamp);
    }

    function test_RevertWhen_parlayStatusUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 12));
        pool.parlayStatus(12);
    }

    function test_getParlay_emptyOnceSettled() public {
        _deposit(lp, 100_000 * USD);
        (uint256 a, bytes32 qa) = _createCondition(2);
        (uint256 b, ) = _createCondition(2);
        vm.prank(alice);
        uint256 betId = pool.betParlay(_legs(a, 0, b, 0), 10 * USD, 0, block.timestamp);
        _resolve(a, qa, 1);
        pool.settleParlay(betId);
        assertEq(lens.getParlay(pool, betId).legs.length, 0, "record deleted");
        vm.expectRevert(abi.encodeWithSignature("ERC721NonexistentToken(uint256)", betId));
        pool.ownerOf(betId);
    }

    function test_getBet_zeroForUnknownBet() public view {
        assertEq(pool.getBet(77).stake, 0, "no record");
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

    function _checkParlayOdds(uint256 amount, uint256 o1, uint256 o2) internal {
        _deposit(lp, 1_000_000 * USD);
        (uint256 a, ) = _createCondition(3);
        (uint256 b, ) = _createCondition(4);
        amount = bound(amount, 1, 2_000 * USD);
        IBettingPoolBase.Leg[] memory legs = _legs(a, o1 % 3, b, o2 % 4);
        (uint256 oddsA, ) = pool.quote(a, o1 % 3, amount);
        (uint256 oddsB, ) = pool.quote(b, o2 % 4, amount);
        vm.prank(alice);
        uint256 betId = pool.betParlay(legs, amount, 0, block.timestamp);
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice BettingPool tests: single bets: odds, guards, claims, cash-out and their quotes.
contract BettingPoolSinglesTest is PoolFixture {
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
        IBettingPoolBase.BetView memory b = lens.getBet(pool, betId);
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
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.ZeroAddress.selector));
        pool.betFor(address(0), id, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betZeroAmount() public {
        (uint256 id, ) = _createCondition(2);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.ZeroAmount.selector));
        pool.bet(id, 0, 0, 0, block.timestamp);
    }

    function test_RevertWhen_betTooLarge() public {
        (uint256 id, ) = _createCondition(2);
        uint256 amount = uint256(type(uint88).max) + 1;
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, amount, type(uint88).max)
        );
        pool.bet(id, 0, amount, 0, block.timestamp);
    }

    function test_RevertWhen_betAfterDeadline() public {
        (uint256 id, ) = _createCondition(2);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IBettingPoolBase.DeadlineExpired.selector, block.timestamp - 1, block.timestamp)
        );
        pool.bet(id, 0, USD, 0, block.timestamp - 1);
    }

    function test_RevertWhen_betOnUnknownCondition() public {
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.ConditionNotFound.selector, 3));
        pool.bet(3, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betAfterStart() public {
        (uint256 id, ) = _createCondition(2);
        uint256 startsAt = block.timestamp + START_DELAY;
        vm.warp(startsAt);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.BettingClosed.selector, id, startsAt));
        pool.bet(id, 0, USD, 0, block.timestamp);
    }

    function test_RevertWhen_betOnInvalidOutcome() public {
        (uint256 id, ) = _createCondition(2);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.InvalidOutcome.selector, 2, 2));
        pool.bet(id, 2, USD, 0, block.timestamp);
    }

    function test_RevertWhen_oddsBelowMinimum() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        (uint256 odds, ) = pool.quote(id, 0, USD);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.OddsBelowMinimum.selector, odds, odds + 1));
        pool.bet(id, 0, USD, odds + 1, block.timestamp);
    }

    function test_RevertWhen_betExceedsFreeLiquidity() public {
        _deposit(lp, 100 * USD);
        (uint256 id, ) = _createCondition(2);
        (, uint256 payout) = pool.quote(id, 0, 1_000 * USD);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IBettingPoolBase.InsufficientFreeLiquidity.selector, payout - 1_000 * USD, 100 * USD)
        );
        pool.bet(id, 0, 1_000 * USD, 0, block.timestamp);
    }

    function test_RevertWhen_oddsNotAboveOne() public {
        _deposit(lp, 1_000 * USD);
        bytes32 q = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        vm.prank(creator);
        uint256 id = pool.createCondition(q, probabilities, 2, MARGIN_BPS, block.timestamp + 1 days);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.OddsTooLow.selector, ODDS_ONE));
        pool.bet(id, 0, 2_000_000 * USD, 0, block.timestamp);
    }

    function test_claim_winnerPaidOnceNftKept() public {
        (uint256 betId, uint256 id, bytes32 q) = _betOnNewBinary(alice, 0, 100 * USD);
        uint256 payout = lens.getBet(pool, betId).payout;
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
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, betId));
        pool.claim(betId);
    }

    function test_RevertWhen_claimLosingBet() public {
        (uint256 betId, uint256 id, bytes32 q) = _betOnNewBinary(alice, 0, 100 * USD);
        _resolve(id, q, 1);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.BetLost.selector, betId));
        pool.claim(betId);
    }

    function test_RevertWhen_claimBeforeResolution() public {
        (uint256 betId, uint256 id, ) = _betOnNewBinary(alice, 0, 100 * USD);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotSettled.selector,
                id,
                IBettingPoolBase.ConditionState.Active
            )
        );
        pool.claim(betId);
    }

    function test_RevertWhen_claimByNonHolder() public {
        (uint256 betId, uint256 id, bytes32 q) = _betOnNewBinary(alice, 0, 100 * USD);
        _resolve(id, q, 0);
        _expectRevertFrom(bob, abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, betId, bob));
        pool.claim(betId);
    }

    function test_claim_transferredBetPaysNewHolder() public {
        (uint256 betId, uint256 id, bytes32 q) = _betOnNewBinary(alice, 0, 100 * USD);
        vm.prank(alice);
        pool.transferFrom(alice, bob, betId);
        _resolve(id, q, 0);
        uint256 before = usd.balanceOf(bob);
        vm.prank(bob);
        uint256 paid = pool.claim(betId);
        assertEq(usd.balanceOf(bob), before + paid, "holder paid");
    }

    function test_cashOut_paysFairValueMinusMarginAndFreesReserve() public {
        (uint256 betId, uint256 id, ) = _betOnNewBinary(alice, 0, 1_000 * USD);
        _bet(bob, id, 0, 2_000 * USD); // alice's outcome became more likely
        IBettingPoolBase.BetView memory b = lens.getBet(pool, betId);
        (uint256 fund, ) = lens.getOutcome(pool, id, 0);
        uint256 totalFund = lens.getCondition(pool, id).totalFund;
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
        (uint256 betId, uint256 id, ) = _betOnNewBinary(alice, 1, 1_000 * USD);
        vm.prank(alice);
        uint256 paid = pool.cashOut(betId, 0);
        assertLt(paid, 1_000 * USD, "round trip costs the bettor");
        assertEq(lens.getCondition(pool, id).totalFund, REINFORCEMENT, "funds restored");
        assertEq(lens.getCondition(pool, id).openStakes, 0, "no live stakes");
    }

    function test_RevertWhen_cashOutBelowMinimum() public {
        (uint256 betId, , ) = _betOnNewBinary(alice, 1, 1_000 * USD);
        uint256 quoted = pool.quoteCashOut(betId);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IBettingPoolBase.CashOutBelowMinimum.selector, quoted, quoted + 1)
        );
        pool.cashOut(betId, quoted + 1);
    }

    function test_RevertWhen_cashOutAfterStart() public {
        (uint256 betId, uint256 id, ) = _betOnNewBinary(alice, 1, 1_000 * USD);
        uint256 startsAt = block.timestamp + START_DELAY;
        vm.warp(startsAt);
        _expectRevertFrom(alice, abi.encodeWithSelector(IBettingPoolBase.BettingClosed.selector, id, startsAt));
        pool.cashOut(betId, 0);
    }

    function test_RevertWhen_cashOutByNonHolder() public {
        (uint256 betId, , ) = _betOnNewBinary(alice, 1, 1_000 * USD);
        _expectRevertFrom(bob, abi.encodeWithSelector(IBettingPoolBase.NotTokenHolder.selector, betId, bob));
        pool.cashOut(betId, 0);
    }

    function test_RevertWhen_cashOutUnknownBet() public {
        _expectRevertFrom(bob, abi.encodeWithSelector(IBettingPoolBase.BetNotFound.selector, 42));
        pool.cashOut(42, 0);
    }

    function _checkBetOdds(uint256 amount, uint256 outcome) internal {
        _deposit(lp, 5_000_000 * USD);
        (uint256 id, ) = _createCondition(4);
        amount = bound(amount, 1, 100_000 * USD);
        outcome = bound(outcome, 0, 3);
        (uint256 fund, ) = lens.getOutcome(pool, id, outcome);
        uint256 totalFund = lens.getCondition(pool, id).totalFund;
        uint256 betId = _bet(alice, id, outcome, amount);
        IBettingPoolBase.BetView memory b = lens.getBet(pool, betId);
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

    function test_getBet_zeroForUnknownBet() public view {
        assertEq(lens.getBet(pool, 77).stake, 0, "no record");
    }
}

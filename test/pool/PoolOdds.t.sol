// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {PoolOdds} from "../../contracts/libraries/PoolOdds.sol";

contract PoolOddsTest is Test {
    uint256 internal constant ONE = 1e12;
    uint256 internal constant CAP = 100e12;

    function test_quote_evenBinaryNoMarginZeroStakeIsTwo() public pure {
        assertEq(PoolOdds.quote(500, 1_000, 0, 0, CAP), 2 * ONE, "fair odds of a coin flip");
    }

    function test_quote_marginShavesWinningsPart() public pure {
        // fair 2.0x, 10% margin: 1 + 1.0 * 0.9 = 1.9x
        assertEq(PoolOdds.quote(500, 1_000, 0, 1_000, CAP), 19e11, "1.9x");
    }

    function test_quote_workedExample() public pure {
        // docs/pool.md: funds 6,000 / 10,000, stake 1,000, margin 5%:
        // fair = 11,000 / 7,000 = 1.571428571428x; odds = 1 + 0.571428571428 * 0.95 = 1.542857142856x (each step rounded down)
        assertEq(PoolOdds.quote(6_000e6, 10_000e6, 1_000e6, 500, CAP), 1_542_857_142_856, "worked example");
        assertEq(PoolOdds.payout(1_000e6, 1_542_857_142_856), 1_542_857_142, "payout rounded down");
    }

    function test_quote_stakeImpactLowersOdds() public pure {
        uint256 small = PoolOdds.quote(500, 1_000, 1, 0, CAP);
        uint256 large = PoolOdds.quote(500, 1_000, 500, 0, CAP);
        assertLt(large, small, "a larger stake gets worse odds");
    }

    function test_quote_cappedAtMaximum() public pure {
        assertEq(PoolOdds.quote(1, 1_000_000, 0, 0, CAP), CAP, "capped");
    }

    function test_combine_multipliesAndCaps() public pure {
        assertEq(PoolOdds.combine(2 * ONE, 15e11, 1_000 * ONE), 3 * ONE, "2.0 x 1.5");
        assertEq(PoolOdds.combine(100 * ONE, 100 * ONE, 1_000 * ONE), 1_000 * ONE, "capped");
    }

    function test_cashOutValue_fairMinusMargin() public pure {
        // payout 200, probability 40%, margin 5%: 200 * 0.4 * 0.95 = 76
        assertEq(PoolOdds.cashOutValue(200, 400, 1_000, 500), 76, "76");
    }

    function test_initialFund_scalesReinforcement() public pure {
        assertEq(PoolOdds.initialFund(10_000, ONE / 4), 2_500, "25% of 10,000");
    }

    function _checkQuote(uint256 fund, uint256 other, uint256 stake, uint256 margin) internal pure {
        fund = bound(fund, 1, 1e30);
        other = bound(other, 1, 1e30);
        stake = bound(stake, 0, 1e30);
        margin = bound(margin, 0, 2_000);
        uint256 total = fund + other;
        uint256 odds = PoolOdds.quote(fund, total, stake, margin, CAP);
        uint256 fair = ((total + stake) * ONE) / (fund + stake);
        assertGe(odds, ONE, "never below 1.0x");
        assertLe(odds, CAP, "never above the cap");
        assertLe(odds, fair, "margin never improves the fair odds");
        // The pool's edge over the pre-bet price: odds * fund / total <= 1
        assertLe((odds * fund) / total, ONE, "expected payout at the pre-bet probability <= stake");
    }

    function testFuzz_quote_boundedAndBelowFair(
        uint256 fund,
        uint256 other,
        uint256 stake,
        uint256 margin
    ) public pure {
        _checkQuote(fund, other, stake, margin);
    }

    function test_quote_boundedAndBelowFair_fixed() public pure {
        _checkQuote(3e9, 7e9, 5e8, 700);
    }
}

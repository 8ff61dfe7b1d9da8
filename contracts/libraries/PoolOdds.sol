// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title PoolOdds
/// @notice Closed-form odds of the betting pool (see docs/pool.md for the model and a worked
/// example). A condition keeps a virtual fund per outcome; the implied probability of outcome i
/// is `fund_i / totalFund`.
/// - Fair odds for stake `a` on outcome i include the stake's own price impact:
///   `fair = (totalFund + a) / (fund_i + a)`.
/// - Margin `m` (basis points) shaves the winnings part: `odds = 1 + (fair - 1) * (1 - m)`.
///   So odds > 1 whenever fair > 1, odds <= fair, and no iterative solver is needed.
/// - Odds are capped at `maxOdds`. All results are rounded down (the pool's favour).
library PoolOdds {
    /// @notice Fixed-point unit of odds: 1e12 means "1.0x".
    uint256 internal constant ODDS_ONE = 1e12;
    /// @notice Fixed-point unit of probabilities: 1e12 means 100%.
    uint256 internal constant PROBABILITY_ONE = 1e12;
    /// @notice Basis points in one.
    uint256 internal constant BPS = 10_000;

    /// @notice Odds for `stake` on an outcome with virtual fund `fund` out of `totalFund`, after
    /// margin and cap, rounded down.
    function quote(
        uint256 fund,
        uint256 totalFund,
        uint256 stake,
        uint256 marginBps,
        uint256 maxOdds
    ) internal pure returns (uint256 odds) {
        uint256 fair = Math.mulDiv(totalFund + stake, ODDS_ONE, fund + stake);
        // totalFund >= fund, so fair >= ODDS_ONE and the subtraction cannot underflow.
        odds = ODDS_ONE + Math.mulDiv(fair - ODDS_ONE, BPS - marginBps, BPS);
        if (odds > maxOdds) odds = maxOdds;
    }

    /// @notice What a winning stake at `odds` pays (stake included), rounded down.
    function payout(uint256 stake, uint256 odds) internal pure returns (uint256) {
        return Math.mulDiv(stake, odds, ODDS_ONE);
    }

    /// @notice Multiplies leg odds into parlay odds, capped at `maxOdds` (each step rounded down).
    function combine(uint256 odds, uint256 legOdds, uint256 maxOdds) internal pure returns (uint256 combined) {
        combined = Math.mulDiv(odds, legOdds, ODDS_ONE);
        if (combined > maxOdds) combined = maxOdds;
    }

    /// @notice Cash-out value of a bet paying `betPayout` if its outcome wins: the fair value at the
    /// probability `fund / totalFund` (computed with the bet's own stake already taken out of the
    /// funds), minus the margin; rounded down.
    function cashOutValue(
        uint256 betPayout,
        uint256 fund,
        uint256 totalFund,
        uint256 marginBps
    ) internal pure returns (uint256) {
        return Math.mulDiv(Math.mulDiv(betPayout, fund, totalFund), BPS - marginBps, BPS);
    }

    /// @notice Virtual fund of an outcome with `probability` (PROBABILITY_ONE = 100%) in a
    /// condition with `reinforcement` virtual liquidity, rounded down.
    function initialFund(uint256 reinforcement, uint256 probability) internal pure returns (uint256) {
        return Math.mulDiv(reinforcement, probability, PROBABILITY_ONE);
    }
}

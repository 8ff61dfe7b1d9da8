// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "./IBettingPool.sol";
import {IExtsload} from "./IExtsload.sol";

/// @title IBettingPoolLens
/// @notice Read-only views of any BettingPool, computed from its storage through `extsload`. The
/// pool keeps the views its own callers need on chain and the app's hot reads; the rest lives
/// here, so the pool's two halves hold no view code for them.
interface IBettingPoolLens is IBettingPoolBase {
    /// @notice A condition's parameters and accounting (all zero if it does not exist).
    function getCondition(IExtsload pool, uint256 conditionId) external view returns (ConditionView memory);

    /// @notice An outcome's fund and the total payout owed to its single bets.
    function getOutcome(
        IExtsload pool,
        uint256 conditionId,
        uint256 outcome
    ) external view returns (uint256 fund, uint256 payout);

    /// @notice A live single bet (all zero once claimed or cashed out).
    function getBet(IExtsload pool, uint256 betId) external view returns (BetView memory);

    /// @notice A live parlay (empty once settled).
    function getParlay(IExtsload pool, uint256 betId) external view returns (ParlayView memory);

    /// @notice The smallest deposit prefix of an open condition or parlay (type(uint32).max if none).
    function minOpenPrefix(IExtsload pool) external view returns (uint256);

    /// @notice Fees accrued to `account` and not claimed.
    function feesOf(IExtsload pool, address account) external view returns (uint256);

    /// @notice Fee rates, treasury and LP withdrawal timeout.
    function config(
        IExtsload pool
    ) external view returns (uint256 treasuryFeeBps, uint256 creatorFeeBps, address treasury, uint256 withdrawTimeout);

    /// @notice A creator's reinforcement cap and how much of it open conditions use.
    function reinforcementOf(IExtsload pool, address creator) external view returns (uint256 cap, uint256 used);

    /// @notice Marginal odds (stake -> 0) of every outcome of a condition, after margin and cap.
    /// @dev Reverts with ConditionNotFound for an unknown condition.
    function currentOdds(IExtsload pool, uint256 conditionId) external view returns (uint256[] memory odds);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolLens} from "../interfaces/IBettingPoolLens.sol";
import {IExtsload} from "../interfaces/IExtsload.sol";
import {PoolOdds} from "../libraries/PoolOdds.sol";
import {PoolStateLibrary} from "./PoolStateLibrary.sol";

/// @title BettingPoolLens
/// @notice Stateless views over any BettingPool (see IBettingPoolLens); one deployment serves
/// every pool. Storage decoding is PoolStateLibrary's; this contract only composes it.
contract BettingPoolLens is IBettingPoolLens {
    /// @dev The pool's single-bet odds cap (BettingPoolStorage.MAX_ODDS).
    uint256 private constant MAX_ODDS = 100 * PoolOdds.ODDS_ONE;

    /// @inheritdoc IBettingPoolLens
    function getCondition(IExtsload pool, uint256 conditionId) external view returns (ConditionView memory) {
        return PoolStateLibrary.getCondition(pool, conditionId);
    }

    /// @inheritdoc IBettingPoolLens
    function getOutcome(
        IExtsload pool,
        uint256 conditionId,
        uint256 outcome
    ) external view returns (uint256 fund, uint256 payout) {
        return PoolStateLibrary.getOutcome(pool, conditionId, outcome);
    }

    /// @inheritdoc IBettingPoolLens
    function getBet(IExtsload pool, uint256 betId) external view returns (BetView memory) {
        return PoolStateLibrary.getBet(pool, betId);
    }

    /// @inheritdoc IBettingPoolLens
    function getParlay(IExtsload pool, uint256 betId) external view returns (ParlayView memory) {
        return PoolStateLibrary.getParlay(pool, betId);
    }

    /// @inheritdoc IBettingPoolLens
    function minOpenPrefix(IExtsload pool) external view returns (uint256 prefix) {
        (, , , prefix) = PoolStateLibrary.totals(pool);
    }

    /// @inheritdoc IBettingPoolLens
    function feesOf(IExtsload pool, address account) external view returns (uint256) {
        return PoolStateLibrary.feesOf(pool, account);
    }

    /// @inheritdoc IBettingPoolLens
    function config(
        IExtsload pool
    ) external view returns (uint256 treasuryFeeBps, uint256 creatorFeeBps, address treasury, uint256 withdrawTimeout) {
        return PoolStateLibrary.config(pool);
    }

    /// @inheritdoc IBettingPoolLens
    function reinforcementOf(IExtsload pool, address creator) external view returns (uint256 cap, uint256 used) {
        return PoolStateLibrary.reinforcementOf(pool, creator);
    }

    /// @inheritdoc IBettingPoolLens
    function currentOdds(IExtsload pool, uint256 conditionId) external view returns (uint256[] memory odds) {
        ConditionView memory c = PoolStateLibrary.getCondition(pool, conditionId);
        if (c.state == ConditionState.None) revert ConditionNotFound(conditionId);
        odds = new uint256[](c.outcomeCount);
        for (uint256 i; i < c.outcomeCount; ++i) {
            (uint256 fund, ) = PoolStateLibrary.getOutcome(pool, conditionId, i);
            odds[i] = PoolOdds.quote(fund, c.totalFund, 0, c.marginBps, MAX_ODDS);
        }
    }
}

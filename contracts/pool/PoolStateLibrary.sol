// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../interfaces/IBettingPool.sol";
import {IExtsload} from "../interfaces/IExtsload.sol";
import {OutcomeSlot} from "../libraries/OutcomeSlot.sol";
import {ParlayLegs} from "../libraries/ParlayLegs.sol";

/// @title PoolStateLibrary
/// @notice Reads a BettingPool's state through its `extsload`: the storage layout of
/// BettingPoolStorage (slot numbers, struct packing) is written down here and nowhere else, so a
/// view needs no code in the pool (the pattern of Uniswap v4's StateLibrary).
/// @dev Slots follow the pool's inheritance order: ERC721's six words (0-5), then
/// BettingPoolStorage. PoolStateLibrary.t.sol checks every read against the pool's own getters,
/// so a layout change that forgets this file fails there.
library PoolStateLibrary {
    /// @dev `_totals`: lockedReserve (112) | claimable (112) | minOpenPrefix (32).
    uint256 internal constant TOTALS_SLOT = 6;
    /// @dev `_counters`: lastBetId (64) | lastConditionId (64) | feesOwed (128).
    uint256 internal constant COUNTERS_SLOT = 7;
    /// @dev `_config`: treasury (160) | treasuryFeeBps (16) | creatorFeeBps (16) | withdrawTimeout (32).
    uint256 internal constant CONFIG_SLOT = 8;
    uint256 internal constant CONDITIONS_SLOT = 15;
    uint256 internal constant OUTCOMES_SLOT = 16;
    uint256 internal constant BETS_SLOT = 17;
    uint256 internal constant PARLAYS_SLOT = 18;
    uint256 internal constant FEES_SLOT = 19;
    uint256 internal constant CREATORS_SLOT = 20;

    /// @dev Words of a Condition and of a Parlay.
    uint256 internal constant CONDITION_WORDS = 6;
    uint256 internal constant PARLAY_WORDS = 4;

    /// @notice The slot of `mapping[key]` for a mapping declared at `mappingSlot`.
    function mappingSlot(uint256 key, uint256 mappingSlot_) internal pure returns (bytes32 slot) {
        assembly ("memory-safe") {
            mstore(0, key)
            mstore(32, mappingSlot_)
            slot := keccak256(0, 64)
        }
    }

    /// @notice Condition `conditionId` as stored (all zero if it does not exist).
    function getCondition(
        IExtsload pool,
        uint256 conditionId
    ) internal view returns (IBettingPoolBase.ConditionView memory v) {
        bytes32[] memory w = pool.extsload(mappingSlot(conditionId, CONDITIONS_SLOT), CONDITION_WORDS);
        uint256 w0 = uint256(w[0]);
        uint256 w1 = uint256(w[1]);
        uint256 w2 = uint256(w[2]);
        uint256 w3 = uint256(w[3]);
        v.totalFund = uint128(w0);
        v.maxPayout = w0 >> 128;
        v.netStakes = int128(uint128(w1));
        v.openStakes = w1 >> 128;
        v.reserve = uint120(w2);
        v.prefixDeposits = uint32(w2 >> 120);
        v.startsAt = uint40(w2 >> 152);
        v.marginBps = uint16(w2 >> 192);
        v.outcomeCount = uint8(w2 >> 208);
        v.state = IBettingPoolBase.ConditionState(uint8(w2 >> 216));
        v.winningOutcome = uint8(w2 >> 224);
        v.creator = address(uint160(w3));
        v.reinforcement = w3 >> 160;
        v.parlayExposure = uint128(uint256(w[4]));
        v.questionId = w[5];
    }

    /// @notice The fund of `outcome` of `conditionId` and the payout owed to its single bets.
    function getOutcome(
        IExtsload pool,
        uint256 conditionId,
        uint256 outcome
    ) internal view returns (uint256 fund, uint256 owed) {
        uint256 slot = uint256(pool.extsload(mappingSlot(OutcomeSlot.key(conditionId, outcome), OUTCOMES_SLOT)));
        return (OutcomeSlot.fund(slot), OutcomeSlot.owed(slot));
    }

    /// @notice Single bet `betId` as stored (all zero once claimed or cashed out).
    function getBet(IExtsload pool, uint256 betId) internal view returns (IBettingPoolBase.BetView memory v) {
        uint256 w = uint256(pool.extsload(mappingSlot(betId, BETS_SLOT)));
        v.conditionId = uint64(w);
        v.outcome = uint8(w >> 64);
        v.stake = uint88(w >> 72);
        v.payout = w >> 160;
    }

    /// @notice Parlay `betId` as stored (empty once settled).
    function getParlay(IExtsload pool, uint256 betId) internal view returns (IBettingPoolBase.ParlayView memory v) {
        bytes32[] memory w = pool.extsload(mappingSlot(betId, PARLAYS_SLOT), PARLAY_WORDS);
        uint256 w0 = uint256(w[0]);
        v.stake = uint96(w0);
        v.payout = uint128(w0 >> 96);
        uint256 legCount = uint8(w0 >> 224);
        v.prefixDeposits = uint24(w0 >> 232);
        v.legs = new IBettingPoolBase.Leg[](legCount);
        for (uint256 i; i < legCount; ++i) {
            // The leg words follow the parlay's first word.
            (uint256 conditionId, uint256 outcome) = ParlayLegs.unpack(uint256(w[1 + i / ParlayLegs.LEGS_PER_SLOT]), i);
            v.legs[i] = IBettingPoolBase.Leg(conditionId, outcome);
        }
    }

    /// @notice Locked reserve, payouts owed to bet holders and fees owed.
    function totals(
        IExtsload pool
    ) internal view returns (uint256 lockedReserve, uint256 claimable, uint256 feesOwed, uint256 minOpenPrefix) {
        uint256 t = uint256(pool.extsload(bytes32(TOTALS_SLOT)));
        uint256 c = uint256(pool.extsload(bytes32(COUNTERS_SLOT)));
        return (uint112(t), uint112(t >> 112), c >> 128, uint32(t >> 224));
    }

    /// @notice Fees `account` may claim.
    function feesOf(IExtsload pool, address account) internal view returns (uint256) {
        return uint256(pool.extsload(mappingSlot(uint256(uint160(account)), FEES_SLOT)));
    }

    /// @notice Treasury and creator fee shares, treasury and LP withdraw timeout.
    function config(
        IExtsload pool
    ) internal view returns (uint256 treasuryFeeBps, uint256 creatorFeeBps, address treasury, uint256 withdrawTimeout) {
        uint256 w = uint256(pool.extsload(bytes32(CONFIG_SLOT)));
        return (uint16(w >> 160), uint16(w >> 176), address(uint160(w)), uint32(w >> 192));
    }

    /// @notice Reinforcement cap of `creator` and the part its open conditions use.
    function reinforcementOf(IExtsload pool, address creator) internal view returns (uint256 cap, uint256 used) {
        uint256 w = uint256(pool.extsload(mappingSlot(uint256(uint160(creator)), CREATORS_SLOT)));
        return (uint128(w), w >> 128);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBettingPoolBase} from "../interfaces/IBettingPool.sol";

/// @title ParlayLegs
/// @notice A parlay's legs packed three to a storage word: each leg is `conditionId << 8 | outcome`
/// in 72 bits (condition ids below 2^64, outcomes below 256), leg `i` in word `i / 3` at bit
/// `72 * (i % 3)`. Eight legs (the pool's maximum) take three words instead of sixteen.
library ParlayLegs {
    uint256 internal constant LEG_BITS = 72;
    uint256 internal constant LEGS_PER_SLOT = 3;
    /// @notice The most legs the three words hold.
    uint256 internal constant MAX_LEGS = 9;
    uint256 private constant LEG_MASK = (1 << LEG_BITS) - 1;
    uint256 private constant OUTCOME_BITS = 8;
    uint256 private constant OUTCOME_MASK = (1 << OUTCOME_BITS) - 1;

    /// @notice Writes `legs` (at most MAX_LEGS, each condition id below 2^64 and outcome below 256).
    /// @dev Each word is written once; words past the last leg are left untouched (zero for a new parlay).
    function store(uint256[3] storage slots, IBettingPoolBase.Leg[] calldata legs) internal {
        uint256 packed;
        uint256 count = legs.length;
        for (uint256 i; i < count; ++i) {
            packed |= ((legs[i].conditionId << OUTCOME_BITS) | legs[i].outcome) << (LEG_BITS * (i % LEGS_PER_SLOT));
            if (i % LEGS_PER_SLOT == LEGS_PER_SLOT - 1 || i == count - 1) {
                slots[i / LEGS_PER_SLOT] = packed;
                packed = 0;
            }
        }
    }

    /// @notice Leg `index` of the stored legs.
    function load(
        uint256[3] storage slots,
        uint256 index
    ) internal view returns (uint256 conditionId, uint256 outcome) {
        return unpack(slots[index / LEGS_PER_SLOT], index);
    }

    /// @notice Leg `index` out of `word`, the word that holds it (word `index / LEGS_PER_SLOT`),
    /// e.g. a copy of the stored word read through the pool's extsload.
    function unpack(uint256 word, uint256 index) internal pure returns (uint256 conditionId, uint256 outcome) {
        uint256 packed = (word >> (LEG_BITS * (index % LEGS_PER_SLOT))) & LEG_MASK;
        return (packed >> OUTCOME_BITS, packed & OUTCOME_MASK);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title OutcomeSlot
/// @notice The betting pool's one storage word per (condition, outcome): the outcome's fund (the
/// stakes on it plus its share of the condition's reinforcement) in the low 128 bits and the total
/// payout owed to its single bets in the high 128 bits. A bet reads and writes both in one slot.
/// @dev Both halves stay far below 2^128: funds grow by stakes and payouts by stakes times capped
/// odds, each stake at most the pool's MAX_AMOUNT (2^88 - 1). `pack`, `addBet` and `addFund` rely
/// on it. Every function is one basic block with no checked arithmetic inside, so the legacy
/// optimizer inlines it into the caller (a checked operation would be a jump to a helper and
/// leave a call behind).
library OutcomeSlot {
    uint256 private constant HALF_BITS = 128;
    uint256 private constant LOW_HALF = type(uint128).max;
    /// @dev Outcomes are below 256 (the pool allows at most 20), so 8 bits of the key hold them.
    uint256 private constant OUTCOME_BITS = 8;

    /// @notice The mapping key of `outcome` of `conditionId` (condition ids are below 2^64).
    function key(uint256 conditionId, uint256 outcome) internal pure returns (uint256) {
        return (conditionId << OUTCOME_BITS) | outcome;
    }

    /// @notice The outcome's fund: the low half of `slot`.
    function fund(uint256 slot) internal pure returns (uint256) {
        return slot & LOW_HALF;
    }

    /// @notice The payout owed to the outcome's single bets: the high half of `slot`.
    function owed(uint256 slot) internal pure returns (uint256) {
        return slot >> HALF_BITS;
    }

    /// @notice The word holding `fund_` and `owed_` (each below 2^128).
    function pack(uint256 fund_, uint256 owed_) internal pure returns (uint256) {
        return (owed_ << HALF_BITS) | fund_;
    }

    /// @notice `slot` after a single bet of `stake` owed `payout`: both halves grow.
    function addBet(uint256 slot, uint256 stake, uint256 payout) internal pure returns (uint256) {
        // Neither half reaches 2^128 (see the library note), so no carry crosses into the owed half
        // and the word cannot overflow.
        unchecked {
            return slot + ((payout << HALF_BITS) | stake);
        }
    }

    /// @notice `slot` after removing a single bet of `stake` owed `payout` that `addBet` booked.
    /// @dev The caller removes only a bet that was added and not removed since, so each half is at
    /// least the amount taken from it and no borrow crosses halves.
    function removeBet(uint256 slot, uint256 stake, uint256 payout) internal pure returns (uint256) {
        unchecked {
            return slot - ((payout << HALF_BITS) | stake);
        }
    }

    /// @notice `slot` with `amount` more fund and the same payout owed (the fund stays below 2^128).
    function addFund(uint256 slot, uint256 amount) internal pure returns (uint256) {
        // The fund stays below 2^128 (see the library note): no carry into the owed half.
        unchecked {
            return slot + amount;
        }
    }
}

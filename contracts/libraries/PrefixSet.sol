// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title PrefixSet
/// @notice A multiset of deposit-prefix lengths (`k` in [0, 2^24)) with O(1) insert, remove and
/// minimum. The pool keeps one entry per open condition and per open parlay: the smallest open
/// prefix is the one whose LPs must keep all locked reserve in the pool.
/// @dev Per-key counters plus a three-level bitmap (256 x 256 x 256 bits): finding the minimum is
/// three reads and three lowest-set-bit lookups, with no loop over keys.
library PrefixSet {
    /// @notice Keys must be below this bound (16,777,216 deposits).
    uint256 internal constant KEY_LIMIT = 1 << 24;
    /// @notice `min` of an empty set.
    uint256 internal constant NONE = type(uint32).max;

    /// @notice The key is outside [0, KEY_LIMIT).
    error KeyOutOfRange(uint256 key);
    /// @notice Removing a key that is not in the set.
    error KeyNotPresent(uint256 key);

    struct Set {
        uint256 top;
        mapping(uint256 index => uint256 bits) middle;
        mapping(uint256 index => uint256 bits) bottom;
        mapping(uint256 key => uint256 count) counts;
    }

    /// @notice Adds one occurrence of `key`.
    function add(Set storage set, uint256 key) internal {
        if (key >= KEY_LIMIT) revert KeyOutOfRange(key);
        uint256 current = set.counts[key];
        set.counts[key] = current + 1;
        if (current != 0) return;
        uint256 word = set.bottom[key >> 8];
        set.bottom[key >> 8] = word | (1 << (key & 0xff));
        if (word != 0) return;
        uint256 middleIndex = key >> 16;
        uint256 middleWord = set.middle[middleIndex];
        set.middle[middleIndex] = middleWord | (1 << ((key >> 8) & 0xff));
        if (middleWord != 0) return;
        set.top |= 1 << middleIndex;
    }

    /// @notice Removes one occurrence of `key`.
    function remove(Set storage set, uint256 key) internal {
        uint256 current = key < KEY_LIMIT ? set.counts[key] : 0;
        if (current == 0) revert KeyNotPresent(key);
        set.counts[key] = current - 1;
        if (current != 1) return;
        uint256 word = set.bottom[key >> 8] & ~(1 << (key & 0xff));
        set.bottom[key >> 8] = word;
        if (word != 0) return;
        uint256 middleIndex = key >> 16;
        uint256 middleWord = set.middle[middleIndex] & ~(1 << ((key >> 8) & 0xff));
        set.middle[middleIndex] = middleWord;
        if (middleWord != 0) return;
        set.top &= ~(1 << middleIndex);
    }

    /// @notice The smallest key present, or NONE.
    function min(Set storage set) internal view returns (uint256) {
        uint256 top = set.top;
        if (top == 0) return NONE;
        uint256 middleIndex = _lowestBit(top);
        uint256 bottomIndex = (middleIndex << 8) | _lowestBit(set.middle[middleIndex]);
        return (bottomIndex << 8) | _lowestBit(set.bottom[bottomIndex]);
    }

    /// @notice How many times `key` is present.
    function count(Set storage set, uint256 key) internal view returns (uint256) {
        return set.counts[key];
    }

    /// @dev Index of the lowest set bit of a non-zero word (the set's bitmaps keep every
    /// non-empty branch marked, so the words read here are never zero).
    function _lowestBit(uint256 word) private pure returns (uint256) {
        // ~word + 1 is the two's complement; word != 0, so it cannot overflow meaningfully.
        unchecked {
            return Math.log2(word & (~word + 1));
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title LiquidityTree
/// @notice Attributes profit and loss to liquidity deposits in O(log n): a binary tree whose leaves
/// are deposits in the order they were made, where "add `delta` to the first `k` deposits,
/// proportionally to their current values" costs one storage write per touched node.
/// @dev Each node is ONE storage slot. A leaf holds its value (low 128 bits) and its deposit
/// timestamp (high 128 bits). An internal node holds its value (low 128 bits), a multiplicative
/// factor (WAD, bits 128..254) still to be applied to its children, and a "materialized" flag
/// (bit 255). Invariant: `value >= factor * (left.value + right.value) / WAD`, equal up to
/// rounding, which only ever makes a parent smaller than exact (the pool's favour). A leaf's value
/// in pool units is its own value multiplied, bottom-up, by the factors of its ancestors.
///
/// Growth: with `depth` d the tree holds 2^d leaves; a deposit that does not fit puts a new root
/// above the old one (a node's key is `level << 64 | position`, so nothing is re-indexed).
/// Laziness: an internal node is materialized (written) only once its right half holds a deposit;
/// until then its value is its left child's and its factor is 1. So a deposit writes its leaf and
/// only the ancestors whose right half it lies in: at most one write per level, O(log n).
/// Factors are never pushed down: prefix updates only ever cover deposits that already exist, so
/// no ancestor of a new (rightmost) leaf carries a factor other than 1.
library LiquidityTree {
    /// @dev Fixed-point unit of node factors and prefix multipliers.
    uint256 internal constant WAD = 1e18;
    uint256 private constant SUM_MASK = type(uint128).max;
    uint256 private constant HIGH_SHIFT = 128;
    uint256 private constant LEVEL_SHIFT = 64;
    uint256 private constant MATERIALIZED = 1 << 255;
    uint256 private constant FACTOR_MAX = (1 << 127) - 1;
    /// @dev Units kept back per tree level on every prefix update (rounding in the pool's favour).
    uint256 internal constant ROUNDING_SLACK_PER_LEVEL = 4;
    /// @dev A profit may at most double its prefix's value in one update (see addToPrefix).
    uint256 internal constant MAX_GAIN_MULTIPLE = 1;

    /// @notice A deposit amount does not fit the 128-bit node value.
    error AmountTooLarge(uint256 amount);
    /// @notice The leaf does not exist.
    error LeafNotFound(uint256 leaf, uint256 leafCount);
    /// @notice The prefix length exceeds the number of leaves.
    error PrefixTooLong(uint256 prefix, uint256 leafCount);

    struct Tree {
        uint64 leafCount;
        uint8 depth;
        mapping(uint256 nodeKey => uint256 packed) nodes;
    }

    // ------------------------------------------------------------------ updates

    /// @notice Appends a deposit of `amount` made at `stamp`; returns its leaf index.
    function push(Tree storage tree, uint256 amount, uint256 stamp) internal returns (uint256 leaf) {
        if (amount > SUM_MASK) revert AmountTooLarge(amount);
        leaf = tree.leafCount;
        uint256 depth = tree.depth;
        if (leaf == (1 << depth) && leaf != 0) {
            // Full: a new root above the old one (materialized just below: the leaf is in its right half).
            depth += 1;
            tree.depth = uint8(depth);
        }
        tree.leafCount = uint64(leaf + 1);
        tree.nodes[_key(0, leaf)] = (stamp << HIGH_SHIFT) | amount;
        for (uint256 level = 1; level <= depth; ++level) {
            // In the left half of this ancestor: its right half is empty, it stays lazy.
            if ((leaf >> (level - 1)) & 1 == 0) continue;
            uint256 key = _key(level, leaf >> level);
            if (leaf & ((1 << (level - 1)) - 1) == 0) {
                // First deposit in the right half: materialize with the (full) left child's value.
                uint256 left = tree.nodes[_key(level - 1, (leaf >> level) << 1)] & SUM_MASK;
                tree.nodes[key] = MATERIALIZED | (WAD << HIGH_SHIFT) | (left + amount);
            } else {
                // Ancestors of the newest leaf have factor 1 (see above), and a node value never
                // exceeds the pool's assets, so this cannot carry into the factor bits.
                tree.nodes[key] += amount;
            }
        }
    }

    /// @notice Removes `numerator / denominator` of a leaf; returns the amount removed in pool
    /// units (rounded down, in the pool's favour), which is exactly what the root lost.
    function removeFraction(
        Tree storage tree,
        uint256 leaf,
        uint256 numerator,
        uint256 denominator
    ) internal returns (uint256 removed) {
        uint256 count = tree.leafCount;
        if (leaf >= count) revert LeafNotFound(leaf, count);
        uint256 depth = tree.depth;
        uint256 leafKey = _key(0, leaf);
        uint256 packed = tree.nodes[leafKey];
        removed = ((packed & SUM_MASK) * numerator) / denominator;
        tree.nodes[leafKey] = packed - removed;
        for (uint256 level = 1; level <= depth; ++level) {
            uint256 key = _key(level, leaf >> level);
            uint256 node = tree.nodes[key];
            if (node & MATERIALIZED == 0) continue; // lazy: its value follows its left child
            uint256 factor = (node >> HIGH_SHIFT) & FACTOR_MAX;
            if (factor != WAD) removed = Math.mulDiv(removed, factor, WAD);
            // Rounding can leave a parent one unit below its children's scaled sum: cap the share at
            // the parent's value, so the root loses exactly what is paid out (pool's favour).
            uint256 sum = node & SUM_MASK;
            if (removed > sum) removed = sum;
            tree.nodes[key] = node - removed;
        }
    }

    /// @notice Adds `delta` (negative: a loss) to the first `prefix` leaves, each in proportion to
    /// its current value. Rounded in the pool's favour: LPs never receive more than `delta` and
    /// never lose less than `-delta`; a loss larger than the prefix wipes it out (never reverts);
    /// a profit larger than the prefix's value is cut at that value; an empty prefix receives
    /// nothing. The caller decides where the unattributed part (`delta - applied`) of a profit goes.
    /// @return applied The change of the root value (applied <= delta, for gains and losses alike).
    function addToPrefix(Tree storage tree, uint256 prefix, int256 delta) internal returns (int256 applied) {
        uint256 count = tree.leafCount;
        if (prefix > count) revert PrefixTooLong(prefix, count);
        if (prefix == 0 || delta == 0) return 0;
        // An upper bound of the prefix's exact value: the multiplier then never over-pays a profit
        // nor under-charges a loss, whatever the rounding inside the tree.
        uint256 before = _prefixSum(tree, prefix, Math.Rounding.Ceil);
        if (before == 0) return 0;
        // Recomputing a path node from its children can gain a few units per level over its stored
        // (rounded-down) value, so the target keeps that slack on the pool's side.
        uint256 slack = ROUNDING_SLACK_PER_LEVEL * (uint256(tree.depth) + 1);
        uint256 target;
        if (delta > 0) {
            uint256 gain = uint256(delta);
            // At most doubles the prefix in one update: bounds rounding gaps, which scale with the
            // multiplier. The caller receives `applied` and routes the rest elsewhere.
            if (gain > before * MAX_GAIN_MULTIPLE) gain = before * MAX_GAIN_MULTIPLE;
            target = before + (gain > slack ? gain - slack : 0);
        } else {
            uint256 loss = uint256(-delta) + slack;
            target = loss >= before ? 0 : before - loss;
        }
        uint256 multiplier = Math.mulDiv(target, WAD, before); // rounded down: pool's favour
        uint256 rootBefore = total(tree);
        _scalePrefix(tree, prefix, count, multiplier);
        applied = int256(total(tree)) - int256(rootBefore);
    }

    // ------------------------------------------------------------------ views

    /// @notice The total value of all leaves (the root's value).
    function total(Tree storage tree) internal view returns (uint256) {
        uint256 count = tree.leafCount;
        if (count == 0) return 0;
        return _valueOf(tree, tree.depth, 0, count);
    }

    /// @notice The value of the first `prefix` leaves (rounded down).
    function prefixSum(Tree storage tree, uint256 prefix) internal view returns (uint256) {
        return _prefixSum(tree, prefix, Math.Rounding.Floor);
    }

    /// @notice A leaf's current value in pool units (rounded down).
    function leafValue(Tree storage tree, uint256 leaf) internal view returns (uint256 value) {
        uint256 count = tree.leafCount;
        if (leaf >= count) revert LeafNotFound(leaf, count);
        uint256 depth = tree.depth;
        value = tree.nodes[_key(0, leaf)] & SUM_MASK;
        for (uint256 level = 1; level <= depth; ++level) {
            uint256 factor = _factorOf(tree.nodes[_key(level, leaf >> level)]);
            if (factor != WAD) value = Math.mulDiv(value, factor, WAD);
        }
    }

    /// @notice The timestamp stored with a leaf at deposit time.
    function leafStamp(Tree storage tree, uint256 leaf) internal view returns (uint256) {
        uint256 count = tree.leafCount;
        if (leaf >= count) revert LeafNotFound(leaf, count);
        return tree.nodes[_key(0, leaf)] >> HIGH_SHIFT;
    }

    // ------------------------------------------------------------------ internals

    /// @dev The value of the first `prefix` leaves, with every product rounded `rounding`: rounded
    /// up it bounds the exact value from above, so a multiplier computed from it never over-pays.
    function _prefixSum(Tree storage tree, uint256 prefix, Math.Rounding rounding) private view returns (uint256 sum) {
        uint256 count = tree.leafCount;
        if (prefix >= count) return total(tree);
        if (prefix == 0) return 0;
        uint256 level = tree.depth;
        // Walk the boundary path from the root down; `multiplier` is the product of the factors of
        // the path nodes above the current level, applied to the covered left siblings.
        uint256 multiplier = WAD;
        while (level > 0) {
            uint256 factor = _factorOf(tree.nodes[_key(level, prefix >> level)]);
            if (factor != WAD) multiplier = Math.mulDiv(multiplier, factor, WAD, rounding);
            level -= 1;
            uint256 position = prefix >> level;
            if (position & 1 == 1) {
                uint256 left = tree.nodes[_key(level, position - 1)] & SUM_MASK;
                sum += Math.mulDiv(left, multiplier, WAD, rounding);
            }
        }
    }

    /// @dev Multiplies the first `prefix` leaves by `multiplier / WAD`: the maximal nodes inside the
    /// prefix (left siblings of the boundary path) take the multiplier once, and each boundary path
    /// node above them is recomputed from its two children. One write per touched node.
    function _scalePrefix(Tree storage tree, uint256 prefix, uint256 count, uint256 multiplier) private {
        uint256 depth = tree.depth;
        uint256 level = _trailingZeros(prefix);
        uint256 carry; // value of the boundary path node at `level`, once recomputed
        bool hasCarry;
        for (; level <= depth; ++level) {
            uint256 position = prefix >> level;
            uint256 left;
            uint256 right;
            if (position & 1 == 1) {
                left = _scaleNode(tree, level, position - 1, multiplier);
                if (level == depth) return; // the root itself was covered
                right = hasCarry ? carry : _valueOf(tree, level, position, count);
            } else {
                if (level == depth) return; // the root is on the path and was recomputed
                left = carry;
                right = _valueOf(tree, level, position + 1, count);
            }
            uint256 parentKey = _key(level + 1, position >> 1);
            uint256 parent = tree.nodes[parentKey];
            if (parent & MATERIALIZED == 0) {
                carry = left; // lazy parent: empty right half, factor 1, value of its left child
            } else {
                uint256 factor = (parent >> HIGH_SHIFT) & FACTOR_MAX;
                carry = factor == WAD ? left + right : Math.mulDiv(left + right, factor, WAD);
                if (carry > SUM_MASK) carry = SUM_MASK; // unreachable with real balances; never revert
                tree.nodes[parentKey] = MATERIALIZED | (factor << HIGH_SHIFT) | carry;
            }
            hasCarry = true;
        }
    }

    /// @dev Applies the multiplier to one fully covered node (a leaf or a materialized node, since
    /// all its deposits exist); returns its new value. A leaf keeps its timestamp; an internal node
    /// also multiplies its factor (clamped at FACTOR_MAX, which could only under-pay descendants,
    /// in the pool's favour).
    function _scaleNode(
        Tree storage tree,
        uint256 level,
        uint256 position,
        uint256 multiplier
    ) private returns (uint256 sum) {
        uint256 key = _key(level, position);
        uint256 node = tree.nodes[key];
        sum = Math.mulDiv(node & SUM_MASK, multiplier, WAD);
        if (sum > SUM_MASK) sum = SUM_MASK;
        if (level == 0) {
            tree.nodes[key] = ((node >> HIGH_SHIFT) << HIGH_SHIFT) | sum;
        } else {
            uint256 factor = Math.mulDiv((node >> HIGH_SHIFT) & FACTOR_MAX, multiplier, WAD);
            if (factor > FACTOR_MAX) factor = FACTOR_MAX;
            tree.nodes[key] = MATERIALIZED | (factor << HIGH_SHIFT) | sum;
        }
    }

    /// @dev A node's value in its parent's frame: lazy nodes take their left child's value.
    function _valueOf(
        Tree storage tree,
        uint256 level,
        uint256 position,
        uint256 count
    ) private view returns (uint256) {
        if ((position << level) >= count) return 0; // no deposit in this subtree
        while (level > 0) {
            uint256 node = tree.nodes[_key(level, position)];
            if (node & MATERIALIZED != 0) return node & SUM_MASK;
            level -= 1;
            position <<= 1;
        }
        return tree.nodes[_key(0, position)] & SUM_MASK;
    }

    /// @dev The pending factor of an internal node (1 for a lazy one).
    function _factorOf(uint256 node) private pure returns (uint256) {
        return node & MATERIALIZED == 0 ? WAD : (node >> HIGH_SHIFT) & FACTOR_MAX;
    }

    function _key(uint256 level, uint256 position) private pure returns (uint256) {
        return (level << LEVEL_SHIFT) | position;
    }

    /// @dev Number of trailing zero bits of a non-zero value.
    function _trailingZeros(uint256 x) private pure returns (uint256) {
        // x & (~x + 1) isolates the lowest set bit; x > 0 so this cannot be zero.
        unchecked {
            return Math.log2(x & (~x + 1));
        }
    }
}

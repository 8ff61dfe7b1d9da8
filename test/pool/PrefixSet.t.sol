// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {PrefixSet} from "../../contracts/libraries/PrefixSet.sol";

contract PrefixSetHarness {
    using PrefixSet for PrefixSet.Set;

    PrefixSet.Set private _set;

    function add(uint256 key) external {
        _set.add(key);
    }

    function remove(uint256 key) external {
        _set.remove(key);
    }

    function min() external view returns (uint256) {
        return _set.min();
    }

    function count(uint256 key) external view returns (uint256) {
        return _set.count(key);
    }
}

contract PrefixSetTest is Test {
    PrefixSetHarness internal set;

    function setUp() public {
        set = new PrefixSetHarness();
    }

    function test_min_emptySetIsNone() public view {
        assertEq(set.min(), PrefixSet.NONE, "empty");
    }

    function test_min_tracksSmallestAcrossWords() public {
        set.add(70_000); // third-level word 1
        assertEq(set.min(), 70_000, "single key");
        set.add(300); // another bottom word
        assertEq(set.min(), 300, "smaller key");
        set.add(5);
        assertEq(set.min(), 5, "smallest");
        set.remove(5);
        assertEq(set.min(), 300, "next smallest after removal");
        set.remove(300);
        assertEq(set.min(), 70_000, "across middle words");
        set.remove(70_000);
        assertEq(set.min(), PrefixSet.NONE, "empty again");
    }

    function test_add_countsDuplicates() public {
        set.add(0);
        set.add(0);
        set.add(9);
        set.remove(0);
        assertEq(set.min(), 0, "one occurrence of 0 left");
        assertEq(set.count(0), 1, "count");
        set.remove(0);
        assertEq(set.min(), 9, "then 9");
    }

    function test_add_largestKey() public {
        set.add(PrefixSet.KEY_LIMIT - 1);
        assertEq(set.min(), PrefixSet.KEY_LIMIT - 1, "top key");
    }

    function test_RevertWhen_addKeyOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(PrefixSet.KeyOutOfRange.selector, PrefixSet.KEY_LIMIT));
        set.add(PrefixSet.KEY_LIMIT);
    }

    function test_RevertWhen_removeAbsentKey() public {
        set.add(4);
        vm.expectRevert(abi.encodeWithSelector(PrefixSet.KeyNotPresent.selector, 5));
        set.remove(5);
    }

    function test_RevertWhen_removeOutOfRangeKey() public {
        vm.expectRevert(abi.encodeWithSelector(PrefixSet.KeyNotPresent.selector, PrefixSet.KEY_LIMIT));
        set.remove(PrefixSet.KEY_LIMIT);
    }

    /// @dev Random adds/removes against a brute-force minimum over a small key range.
    function _checkAgainstModel(uint256 seed) internal {
        uint256[64] memory counts;
        for (uint256 i; i < 48; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            uint256 key = (seed % 64) * 4_099; // spread over bottom and middle words
            uint256 slot = seed % 64;
            if ((seed >> 8) % 3 != 0 || counts[slot] == 0) {
                set.add(key);
                counts[slot] += 1;
            } else {
                set.remove(key);
                counts[slot] -= 1;
            }
            uint256 expected = PrefixSet.NONE;
            for (uint256 k; k < 64; ++k) {
                if (counts[k] != 0) {
                    expected = k * 4_099;
                    break;
                }
            }
            assertEq(set.min(), expected, "min matches brute force");
        }
    }

    function testFuzz_min_matchesBruteForce(uint256 seed) public {
        _checkAgainstModel(seed);
    }

    function test_min_matchesBruteForce_fixed() public {
        _checkAgainstModel(31337);
    }
}

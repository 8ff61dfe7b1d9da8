// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {ParlayLegs} from "../../contracts/libraries/ParlayLegs.sol";

/// @dev Holds three leg words in storage, as a parlay does, behind external calls (calldata legs).
contract ParlayLegsHarness {
    uint256[3] public slots;

    function store(IBettingPoolBase.Leg[] calldata legs) external {
        ParlayLegs.store(slots, legs);
    }

    function load(uint256 index) external view returns (uint256 conditionId, uint256 outcome) {
        return ParlayLegs.load(slots, index);
    }
}

contract ParlayLegsTest is Test {
    ParlayLegsHarness internal harness;

    function setUp() public {
        harness = new ParlayLegsHarness();
    }

    function _legs(uint256 count, uint256 seed) internal pure returns (IBettingPoolBase.Leg[] memory legs) {
        legs = new IBettingPoolBase.Leg[](count);
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            legs[i] = IBettingPoolBase.Leg(uint64(r), uint8(r >> 64));
        }
    }

    function _assertRoundTrip(IBettingPoolBase.Leg[] memory legs) internal view {
        for (uint256 i; i < legs.length; ++i) {
            (uint256 conditionId, uint256 outcome) = harness.load(i);
            assertEq(conditionId, legs[i].conditionId, "condition id of each leg");
            assertEq(outcome, legs[i].outcome, "outcome of each leg");
        }
    }

    function test_store_threeLegsPerWord() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](4);
        legs[0] = IBettingPoolBase.Leg(1, 0);
        legs[1] = IBettingPoolBase.Leg(2, 1);
        legs[2] = IBettingPoolBase.Leg(3, 2);
        legs[3] = IBettingPoolBase.Leg(4, 19);
        harness.store(legs);
        uint256 expectedFirst = (1 << 8) | (((2 << 8) | 1) << 72) | (((3 << 8) | 2) << 144);
        assertEq(harness.slots(0), expectedFirst, "legs 0-2 at bits 0, 72 and 144 of word 0");
        assertEq(harness.slots(1), (4 << 8) | 19, "leg 3 starts word 1");
        assertEq(harness.slots(2), 0, "word 2 untouched");
        _assertRoundTrip(legs);
    }

    function test_store_maximumLegsAndLargestIds() public {
        IBettingPoolBase.Leg[] memory legs = new IBettingPoolBase.Leg[](ParlayLegs.MAX_LEGS);
        for (uint256 i; i < legs.length; ++i) legs[i] = IBettingPoolBase.Leg(type(uint64).max - i, 255 - i);
        harness.store(legs);
        _assertRoundTrip(legs);
    }

    function testFuzz_store_roundTrips(uint8 rawCount, uint256 seed) public {
        uint256 count = bound(rawCount, 1, ParlayLegs.MAX_LEGS);
        IBettingPoolBase.Leg[] memory legs = _legs(count, seed);
        harness.store(legs);
        _assertRoundTrip(legs);
    }
}

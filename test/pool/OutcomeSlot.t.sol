// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../lib/Test.sol";
import {OutcomeSlot} from "../../contracts/libraries/OutcomeSlot.sol";

contract OutcomeSlotTest is Test {
    function test_pack_fundLowOwedHigh() public pure {
        uint256 slot = OutcomeSlot.pack(5, 7);
        assertEq(slot, (uint256(7) << 128) | 5, "owed in the high half, fund in the low half");
        assertEq(OutcomeSlot.fund(slot), 5, "fund");
        assertEq(OutcomeSlot.owed(slot), 7, "owed");
    }

    function test_pack_roundTripsAtTheLimits() public pure {
        uint256 max = type(uint128).max;
        uint256 slot = OutcomeSlot.pack(max, max);
        assertEq(OutcomeSlot.fund(slot), max, "largest fund");
        assertEq(OutcomeSlot.owed(slot), max, "largest owed");
        assertEq(OutcomeSlot.fund(OutcomeSlot.pack(0, max)), 0, "a full owed half leaves the fund zero");
    }

    function testFuzz_pack_roundTrips(uint128 fund, uint128 owed) public pure {
        uint256 slot = OutcomeSlot.pack(fund, owed);
        assertEq(OutcomeSlot.fund(slot), fund, "fund");
        assertEq(OutcomeSlot.owed(slot), owed, "owed");
    }

    function test_addFund_keepsOwed() public pure {
        uint256 slot = OutcomeSlot.addFund(OutcomeSlot.pack(100, 250), 40);
        assertEq(OutcomeSlot.fund(slot), 140, "fund grew by the stake");
        assertEq(OutcomeSlot.owed(slot), 250, "owed unchanged");
    }

    function testFuzz_addFund_keepsOwed(uint120 fund, uint120 amount, uint128 owed) public pure {
        uint256 slot = OutcomeSlot.addFund(OutcomeSlot.pack(fund, owed), amount);
        assertEq(OutcomeSlot.fund(slot), uint256(fund) + amount, "fund grew by the amount");
        assertEq(OutcomeSlot.owed(slot), owed, "owed unchanged");
    }

    function test_addBet_growsBothHalves() public pure {
        uint256 slot = OutcomeSlot.addBet(OutcomeSlot.pack(100, 250), 40, 90);
        assertEq(OutcomeSlot.fund(slot), 140, "fund grew by the stake");
        assertEq(OutcomeSlot.owed(slot), 340, "owed grew by the payout");
    }

    function testFuzz_addBet_growsBothHalves(uint120 fund, uint88 stake, uint120 owed, uint96 payout) public pure {
        uint256 slot = OutcomeSlot.addBet(OutcomeSlot.pack(fund, owed), stake, payout);
        assertEq(OutcomeSlot.fund(slot), uint256(fund) + stake, "fund grew by the stake");
        assertEq(OutcomeSlot.owed(slot), uint256(owed) + payout, "owed grew by the payout");
    }

    function test_removeBet_undoesAddBet() public pure {
        uint256 before = OutcomeSlot.pack(100, 250);
        uint256 slot = OutcomeSlot.removeBet(OutcomeSlot.addBet(before, 40, 90), 40, 90);
        assertEq(slot, before, "removing the bet restores the word");
        assertEq(OutcomeSlot.fund(OutcomeSlot.removeBet(OutcomeSlot.pack(40, 90), 40, 90)), 0, "fund back to zero");
    }

    function testFuzz_removeBet_undoesAddBet(uint120 fund, uint88 stake, uint120 owed, uint96 payout) public pure {
        uint256 before = OutcomeSlot.pack(fund, owed);
        uint256 slot = OutcomeSlot.removeBet(OutcomeSlot.addBet(before, stake, payout), stake, payout);
        assertEq(OutcomeSlot.fund(slot), fund, "fund restored");
        assertEq(OutcomeSlot.owed(slot), owed, "owed restored");
    }

    function test_key_outcomeInTheLowByte() public pure {
        assertEq(OutcomeSlot.key(3, 2), (3 << 8) | 2, "condition id above the outcome byte");
        assertNotEq(bytes32(OutcomeSlot.key(1, 0)), bytes32(OutcomeSlot.key(0, 1)), "distinct pairs, distinct keys");
    }

    function testFuzz_key_isInjective(
        uint64 conditionA,
        uint8 outcomeA,
        uint64 conditionB,
        uint8 outcomeB
    ) public pure {
        bool same = conditionA == conditionB && outcomeA == outcomeB;
        assertEq(
            OutcomeSlot.key(conditionA, outcomeA) == OutcomeSlot.key(conditionB, outcomeB),
            same,
            "equal keys only for equal pairs"
        );
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {ConditionalTokensFixture} from "./ConditionalTokensFixture.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";

/// @notice Identifiers, preparing conditions and reporting payouts.
contract ConditionalTokensConditionsTest is ConditionalTokensFixture {
    // ------------------------------------------------------------------ identifiers

    function test_getConditionId_hashesOracleQuestionAndSlotCount() public view {
        assertEq(
            ctf.getConditionId(oracle, QUESTION, 3),
            keccak256(abi.encodePacked(oracle, QUESTION, uint256(3))),
            "conditionId formula"
        );
    }

    function test_getCollectionId_hashesConditionAndIndexSet() public view {
        bytes32 conditionId = keccak256("c");
        assertEq(
            ctf.getCollectionId(ROOT, conditionId, 5),
            keccak256(abi.encodePacked(conditionId, uint256(5))),
            "collectionId formula"
        );
    }

    function test_getPositionId_hashesCollateralAndCollection() public view {
        bytes32 collectionId = keccak256("col");
        assertEq(
            ctf.getPositionId(IERC20(address(usd)), collectionId),
            uint256(keccak256(abi.encodePacked(address(usd), collectionId))),
            "positionId formula"
        );
    }

    function test_RevertWhen_getCollectionIdWithParent() public {
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.NonRootCollection.selector, bytes32(uint256(1))));
        ctf.getCollectionId(bytes32(uint256(1)), keccak256("c"), 1);
    }

    function test_supportsInterface_erc1155AndConditionalTokens() public view {
        assertTrue(ctf.supportsInterface(type(IERC1155).interfaceId), "ERC-1155");
        assertTrue(ctf.supportsInterface(type(IERC165).interfaceId), "ERC-165");
        assertTrue(ctf.supportsInterface(type(IConditionalTokens).interfaceId), "IConditionalTokens");
        assertFalse(ctf.supportsInterface(0xdeadbeef), "unknown interface");
    }

    // ------------------------------------------------------------------ prepareCondition

    function test_prepareCondition_recordsSlotCountAndEmits() public {
        bytes32 expected = ctf.getConditionId(oracle, QUESTION, 3);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.ConditionPrepared(expected, oracle, QUESTION, 3);
        bytes32 conditionId = _prepare(3);
        assertEq(ctf.getOutcomeSlotCount(conditionId), 3, "slot count stored");
        assertEq(ctf.payoutDenominator(conditionId), 0, "unresolved");
    }

    function test_prepareCondition_acceptsBounds() public {
        ctf.prepareCondition(oracle, QUESTION, 2);
        ctf.prepareCondition(oracle, QUESTION, 256);
        assertEq(ctf.getOutcomeSlotCount(ctf.getConditionId(oracle, QUESTION, 256)), 256, "256 slots");
    }

    function test_RevertWhen_prepareConditionWithOneSlot() public {
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.InvalidOutcomeSlotCount.selector, 1));
        ctf.prepareCondition(oracle, QUESTION, 1);
    }

    function test_RevertWhen_prepareConditionWith257Slots() public {
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.InvalidOutcomeSlotCount.selector, 257));
        ctf.prepareCondition(oracle, QUESTION, 257);
    }

    function test_RevertWhen_prepareConditionTwice() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.ConditionAlreadyPrepared.selector, conditionId));
        ctf.prepareCondition(oracle, QUESTION, 2);
    }

    function testFuzz_prepareCondition_anySlotCountInRange(uint256 slots) public {
        slots = bound(slots, 2, 256);
        bytes32 conditionId = _prepare(slots);
        assertEq(ctf.getOutcomeSlotCount(conditionId), slots, "slot count stored");
    }

    // ------------------------------------------------------------------ reportPayouts

    function test_reportPayouts_storesNumeratorsAndEmits() public {
        bytes32 conditionId = _prepare(3);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.ConditionResolved(conditionId, oracle, QUESTION, 3, _arr(0, 2, 1));
        _report(_arr(0, 2, 1));
        assertEq(ctf.payoutDenominator(conditionId), 3, "denominator is the sum");
        assertEq(ctf.payoutNumerators(conditionId, 0), 0, "numerator 0");
        assertEq(ctf.payoutNumerators(conditionId, 1), 2, "numerator 1");
        assertEq(ctf.payoutNumerators(conditionId, 2), 1, "numerator 2 (packed word)");
        assertEq(ctf.payoutNumerators(conditionId, 3), 0, "beyond slot count reads zero");
        uint256[] memory all = ctf.getPayoutNumerators(conditionId);
        assertEq(all.length, 3, "all numerators length");
        assertEq(all[1], 2, "all numerators value");
    }

    function test_reportPayouts_256Slots_storesEveryNumerator() public {
        bytes32 conditionId = _prepare(256);
        uint256[] memory payouts = new uint256[](256);
        uint256 sum;
        for (uint256 i; i < 256; ++i) {
            payouts[i] = i % 7 == 0 ? 0 : i * 1e12;
            sum += payouts[i];
        }
        _report(payouts);
        for (uint256 i; i < 256; ++i) {
            assertEq(ctf.payoutNumerators(conditionId, i), payouts[i], "numerator round-trips");
        }
        assertEq(ctf.payoutDenominator(conditionId), sum, "denominator");
    }

    function test_RevertWhen_reportPayoutsByNonOracle() public {
        _prepare(2);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IConditionalTokens.NotConditionOracle.selector, alice, QUESTION, 2)
        );
        ctf.reportPayouts(QUESTION, _arr(1, 0));
    }

    function test_RevertWhen_reportPayoutsWithWrongSlotCount() public {
        _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.NotConditionOracle.selector, oracle, QUESTION, 3));
        _report(_arr(1, 0, 0));
    }

    function test_RevertWhen_reportPayoutsTwice() public {
        bytes32 conditionId = _prepare(2);
        _report(_arr(1, 0));
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.PayoutsAlreadyReported.selector, conditionId));
        _report(_arr(0, 1));
    }

    function test_RevertWhen_reportPayoutsAllZero() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.AllPayoutsZero.selector, conditionId));
        _report(_arr(0, 0));
    }

    function test_RevertWhen_reportPayoutNumeratorAbove64Bits() public {
        _prepare(2);
        uint256 tooLarge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.PayoutNumeratorTooLarge.selector, 1, tooLarge));
        _report(_arr(1, tooLarge));
    }
}

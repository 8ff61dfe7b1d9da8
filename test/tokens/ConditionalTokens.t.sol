// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {Test} from "../lib/Test.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {NonReceiver, BatchReceiver} from "./Receivers.sol";

contract ConditionalTokensTest is Test {
    ConditionalTokens internal ctf;
    TestUSD internal usd;

    address internal oracle = makeAddr("oracle");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    bytes32 internal constant QUESTION = keccak256("Will it rain in Lisbon tomorrow?");
    bytes32 internal constant ROOT = bytes32(0);
    uint256 internal constant ONE = 1e6;

    function setUp() public {
        ctf = new ConditionalTokens("");
        usd = new TestUSD(address(this), false);
        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? alice : bob;
            usd.mint(who, 1_000_000 * ONE);
            vm.prank(who);
            usd.approve(address(ctf), type(uint256).max);
        }
    }

    // ------------------------------------------------------------------ helpers

    function _prepare(uint256 slots) internal returns (bytes32 conditionId) {
        ctf.prepareCondition(oracle, QUESTION, slots);
        conditionId = ctf.getConditionId(oracle, QUESTION, slots);
    }

    function _pos(bytes32 conditionId, uint256 indexSet) internal view returns (uint256) {
        return ctf.getPositionId(IERC20(address(usd)), ctf.getCollectionId(ROOT, conditionId, indexSet));
    }

    function _arr(uint256 a, uint256 b) internal pure returns (uint256[] memory r) {
        r = new uint256[](2);
        r[0] = a;
        r[1] = b;
    }

    function _arr(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory r) {
        r = new uint256[](3);
        r[0] = a;
        r[1] = b;
        r[2] = c;
    }

    function _split(address who, bytes32 conditionId, uint256[] memory partition, uint256 amount) internal {
        vm.prank(who);
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, partition, amount);
    }

    function _merge(address who, bytes32 conditionId, uint256[] memory partition, uint256 amount) internal {
        vm.prank(who);
        ctf.mergePositions(IERC20(address(usd)), ROOT, conditionId, partition, amount);
    }

    function _report(uint256[] memory payouts) internal {
        vm.prank(oracle);
        ctf.reportPayouts(QUESTION, payouts);
    }

    function _redeem(address who, bytes32 conditionId, uint256[] memory indexSets) internal {
        vm.prank(who);
        ctf.redeemPositions(IERC20(address(usd)), ROOT, conditionId, indexSets);
    }

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

    // ------------------------------------------------------------------ splitPosition

    function test_splitPosition_binary_mintsFullSetForCollateral() public {
        bytes32 conditionId = _prepare(2);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PositionSplit(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 10 * ONE);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), 10 * ONE, "YES minted");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 2)), 10 * ONE, "NO minted");
        assertEq(usd.balanceOf(address(ctf)), 10 * ONE, "collateral held");
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE - 10 * ONE, "collateral pulled");
    }

    function test_splitPosition_coarsePartition_mintsEachPart() public {
        bytes32 conditionId = _prepare(3);
        // {A,B} | {C}
        _split(alice, conditionId, _arr(3, 4), 7 * ONE);
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 3)), 7 * ONE, "A|B minted");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 4)), 7 * ONE, "C minted");
        assertEq(usd.balanceOf(address(ctf)), 7 * ONE, "collateral held");
    }

    function test_splitPosition_subPartition_burnsUnionPosition() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(3, 4), 7 * ONE);
        // Split {A,B} into {A} and {B}: no collateral moves.
        _split(alice, conditionId, _arr(1, 2), 5 * ONE);
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 3)), 2 * ONE, "union burned");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), 5 * ONE, "A minted");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 2)), 5 * ONE, "B minted");
        assertEq(usd.balanceOf(address(ctf)), 7 * ONE, "collateral unchanged");
    }

    function test_RevertWhen_splitSubPartitionWithoutUnionBalance() public {
        bytes32 conditionId = _prepare(3);
        uint256 union = _pos(conditionId, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 0, ONE, union)
        );
        _split(alice, conditionId, _arr(1, 2), ONE);
    }

    function test_RevertWhen_splitUnpreparedCondition() public {
        bytes32 conditionId = keccak256("nope");
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.ConditionNotPrepared.selector, conditionId));
        _split(alice, conditionId, _arr(1, 2), ONE);
    }

    function test_RevertWhen_splitWithParentCollection() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.NonRootCollection.selector, bytes32(uint256(7))));
        vm.prank(alice);
        ctf.splitPosition(IERC20(address(usd)), bytes32(uint256(7)), conditionId, _arr(1, 2), ONE);
    }

    function test_RevertWhen_splitZeroAmount() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(IConditionalTokens.ZeroAmount.selector);
        _split(alice, conditionId, _arr(1, 2), 0);
    }

    function test_RevertWhen_splitTrivialPartition() public {
        bytes32 conditionId = _prepare(2);
        uint256[] memory one = new uint256[](1);
        one[0] = 3;
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.TrivialPartition.selector, 1));
        _split(alice, conditionId, one, ONE);
    }

    function test_RevertWhen_splitEmptyIndexSet() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.IndexSetOutOfRange.selector, 0, 3));
        _split(alice, conditionId, _arr(0, 3), ONE);
    }

    function test_RevertWhen_splitIndexSetOutOfRange() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.IndexSetOutOfRange.selector, 4, 3));
        _split(alice, conditionId, _arr(1, 4), ONE);
    }

    function test_RevertWhen_splitOverlappingIndexSets() public {
        bytes32 conditionId = _prepare(3);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.OverlappingIndexSets.selector, 6, 3));
        _split(alice, conditionId, _arr(3, 6), ONE);
    }

    function test_RevertWhen_splitToContractThatRejectsTokens() public {
        bytes32 conditionId = _prepare(2);
        NonReceiver receiver = new NonReceiver();
        usd.mint(address(receiver), ONE);
        vm.prank(address(receiver));
        usd.approve(address(ctf), ONE);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(receiver)));
        vm.prank(address(receiver));
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
    }

    function test_splitPosition_toReceiverContract_callsBatchHook() public {
        bytes32 conditionId = _prepare(2);
        BatchReceiver receiver = new BatchReceiver();
        usd.mint(address(receiver), ONE);
        vm.prank(address(receiver));
        usd.approve(address(ctf), ONE);
        vm.prank(address(receiver));
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
        assertEq(receiver.batchesReceived(), 1, "batch hook called once");
        assertEq(ctf.balanceOf(address(receiver), _pos(conditionId, 1)), ONE, "receiver got YES");
    }

    function testFuzz_splitPosition_anyAmountAnyFullPartitionOfThree(uint256 amount, uint256 cut) public {
        amount = bound(amount, 1, 1_000_000 * ONE);
        // cut picks one of the partitions of {A,B,C} with at least two parts.
        cut = bound(cut, 0, 3);
        bytes32 conditionId = _prepare(3);
        uint256[] memory partition =
            cut == 0
                ? _arr(1, 2, 4)
                : cut == 1
                    ? _arr(1, 6)
                    : cut == 2
                        ? _arr(2, 5)
                        : _arr(4, 3);
        _split(alice, conditionId, partition, amount);
        for (uint256 i; i < partition.length; ++i) {
            assertEq(ctf.balanceOf(alice, _pos(conditionId, partition[i])), amount, "each part minted");
        }
        assertEq(usd.balanceOf(address(ctf)), amount, "collateral held equals amount");
    }

    function test_splitPosition_fixed_maxAmountThreeWay() public {
        testFuzz_splitPosition_anyAmountAnyFullPartitionOfThree(1_000_000 * ONE, 0);
    }

    // ------------------------------------------------------------------ mergePositions

    function test_mergePositions_binary_returnsCollateral() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PositionsMerged(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 4 * ONE);
        _merge(alice, conditionId, _arr(1, 2), 4 * ONE);
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), 6 * ONE, "YES burned");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 2)), 6 * ONE, "NO burned");
        assertEq(usd.balanceOf(address(ctf)), 6 * ONE, "collateral left");
    }

    function test_mergePositions_subPartition_mintsUnion() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(1, 2, 4), 5 * ONE);
        _merge(alice, conditionId, _arr(1, 2), 3 * ONE);
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 3)), 3 * ONE, "union minted");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), 2 * ONE, "A burned");
        assertEq(usd.balanceOf(address(ctf)), 5 * ONE, "collateral unchanged");
    }

    function test_mergePositions_subPartition_toReceiverContract_callsBatchHook() public {
        bytes32 conditionId = _prepare(3);
        BatchReceiver receiver = new BatchReceiver();
        usd.mint(address(receiver), ONE);
        vm.startPrank(address(receiver));
        usd.approve(address(ctf), ONE);
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2, 4), ONE);
        ctf.mergePositions(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
        vm.stopPrank();
        assertEq(receiver.batchesReceived(), 2, "hook called for split and merge-to-union");
        assertEq(ctf.balanceOf(address(receiver), _pos(conditionId, 3)), ONE, "receiver got union");
    }

    function test_RevertWhen_mergeMoreThanHeld() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), ONE);
        uint256 yes = _pos(conditionId, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, ONE, 2 * ONE, yes)
        );
        _merge(alice, conditionId, _arr(1, 2), 2 * ONE);
    }

    function test_RevertWhen_mergeUnpreparedCondition() public {
        bytes32 conditionId = keccak256("nope");
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.ConditionNotPrepared.selector, conditionId));
        _merge(alice, conditionId, _arr(1, 2), ONE);
    }

    function test_RevertWhen_mergeZeroAmount() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(IConditionalTokens.ZeroAmount.selector);
        _merge(alice, conditionId, _arr(1, 2), 0);
    }

    function test_RevertWhen_mergeOverlapping() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.OverlappingIndexSets.selector, 1, 1));
        _merge(alice, conditionId, _arr(1, 1), ONE);
    }

    function test_mergePositions_worksAfterResolution() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), ONE);
        _report(_arr(1, 0));
        _merge(alice, conditionId, _arr(1, 2), ONE);
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE, "full set merged back after resolution");
    }

    function testFuzz_splitThenMerge_roundTripsExactly(uint256 splitAmount, uint256 mergeAmount) public {
        splitAmount = bound(splitAmount, 1, 1_000_000 * ONE);
        mergeAmount = bound(mergeAmount, 1, splitAmount);
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), splitAmount);
        _merge(alice, conditionId, _arr(1, 2), mergeAmount);
        assertEq(usd.balanceOf(address(ctf)), splitAmount - mergeAmount, "collateral equals outstanding sets");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), splitAmount - mergeAmount, "YES outstanding");
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE - (splitAmount - mergeAmount), "alice paid only for sets");
    }

    function test_splitThenMerge_fixed_partialMerge() public {
        testFuzz_splitThenMerge_roundTripsExactly(10 * ONE, 3 * ONE);
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
        ctf.prepareCondition(oracle, QUESTION, 256);
        bytes32 conditionId = ctf.getConditionId(oracle, QUESTION, 256);
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
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.NotConditionOracle.selector, alice, QUESTION, 2));
        vm.prank(alice);
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

    // ------------------------------------------------------------------ redeemPositions

    function test_redeemPositions_winnerTakesCollateral() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        uint256 no = _pos(conditionId, 2);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, bob, no, 10 * ONE, "");
        _report(_arr(1, 0));

        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PayoutRedeemed(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 10 * ONE);
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE, "YES holder paid in full");
        assertEq(usd.balanceOf(bob), 1_000_000 * ONE, "NO holder paid nothing");
        assertEq(ctf.balanceOf(alice, _pos(conditionId, 1)), 0, "YES burned");
        assertEq(ctf.balanceOf(bob, _pos(conditionId, 2)), 0, "NO burned");
        assertEq(usd.balanceOf(address(ctf)), 0, "no collateral left");
    }

    function test_redeemPositions_invalidPaysHalfEach() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        uint256 no = _pos(conditionId, 2);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, bob, no, 10 * ONE, "");
        _report(_arr(1, 1));
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE - 5 * ONE, "YES pays half");
        assertEq(usd.balanceOf(bob), 1_000_000 * ONE + 5 * ONE, "NO pays half");
    }

    function test_redeemPositions_unionPositionPaysSumOfNumerators() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(3, 4), 9 * ONE);
        _report(_arr(1, 1, 1));
        uint256[] memory sets = new uint256[](1);
        sets[0] = 3;
        _redeem(alice, conditionId, sets);
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE - 3 * ONE, "{A,B} pays 2/3");
    }

    function test_redeemPositions_roundsDownInContractsFavour() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(1, 2, 4), 1);
        _report(_arr(1, 1, 1));
        _redeem(alice, conditionId, _arr(1, 2, 4));
        // Each of three units of 1/3 rounds down to zero.
        assertEq(usd.balanceOf(address(ctf)), 1, "dust stays in the contract");
    }

    function test_redeemPositions_zeroBalanceIsNoop() public {
        bytes32 conditionId = _prepare(2);
        _report(_arr(1, 0));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(bob), 1_000_000 * ONE, "nothing paid");
    }

    function test_RevertWhen_redeemBeforeResolution() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), ONE);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.ConditionNotResolved.selector, conditionId));
        _redeem(alice, conditionId, _arr(1, 2));
    }

    function test_RevertWhen_redeemUnprepared() public {
        bytes32 conditionId = keccak256("nope");
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.ConditionNotPrepared.selector, conditionId));
        _redeem(alice, conditionId, _arr(1, 2));
    }

    function test_RevertWhen_redeemWithParent() public {
        bytes32 conditionId = _prepare(2);
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.NonRootCollection.selector, bytes32(uint256(1))));
        vm.prank(alice);
        ctf.redeemPositions(IERC20(address(usd)), bytes32(uint256(1)), conditionId, _arr(1, 2));
    }

    function test_RevertWhen_redeemIndexSetOutOfRange() public {
        bytes32 conditionId = _prepare(2);
        _report(_arr(1, 0));
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.IndexSetOutOfRange.selector, 4, 3));
        _redeem(alice, conditionId, _arr(1, 4));
    }

    function testFuzz_redeemPositions_paysProRata(uint256 amount, uint256 yesPayout, uint256 noPayout) public {
        amount = bound(amount, 1, 1_000_000 * ONE);
        yesPayout = bound(yesPayout, 0, 1e18);
        noPayout = bound(noPayout, yesPayout == 0 ? 1 : 0, 1e18);
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), amount);
        uint256 no = _pos(conditionId, 2);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, bob, no, amount, "");
        _report(_arr(yesPayout, noPayout));
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        uint256 denominator = yesPayout + noPayout;
        uint256 alicePaid = (amount * yesPayout) / denominator;
        uint256 bobPaid = (amount * noPayout) / denominator;
        assertEq(usd.balanceOf(alice), 1_000_000 * ONE - amount + alicePaid, "YES pro rata, rounded down");
        assertEq(usd.balanceOf(bob), 1_000_000 * ONE + bobPaid, "NO pro rata, rounded down");
        assertLe(alicePaid + bobPaid, amount, "never pays more than collateral held");
        assertLe(amount - (alicePaid + bobPaid), 1, "at most one unit of dust");
    }

    function test_redeemPositions_fixed_seventyThirty() public {
        testFuzz_redeemPositions_paysProRata(100 * ONE, 7, 3);
    }
}

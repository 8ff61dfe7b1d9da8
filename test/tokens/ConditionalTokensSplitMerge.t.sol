// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {ConditionalTokensFixture} from "./ConditionalTokensFixture.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {NonReceiver, BatchReceiver} from "./Receivers.sol";

/// @notice Splitting collateral or a union position into a partition, and merging it back.
contract ConditionalTokensSplitMergeTest is ConditionalTokensFixture {
    // ------------------------------------------------------------------ splitPosition

    function test_splitPosition_binary_mintsFullSetForCollateral() public {
        bytes32 conditionId = _prepare(2);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PositionSplit(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 10 * ONE);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        _assertHeld(alice, conditionId, 1, 10 * ONE, "YES minted");
        _assertHeld(alice, conditionId, 2, 10 * ONE, "NO minted");
        _assertCollateralHeld(10 * ONE, "collateral held");
        assertEq(usd.balanceOf(alice), FUNDS - 10 * ONE, "collateral pulled");
    }

    function test_splitPosition_coarsePartition_mintsEachPart() public {
        bytes32 conditionId = _prepare(3);
        // {A,B} | {C}
        _split(alice, conditionId, _arr(3, 4), 7 * ONE);
        _assertHeld(alice, conditionId, 3, 7 * ONE, "A|B minted");
        _assertHeld(alice, conditionId, 4, 7 * ONE, "C minted");
        _assertCollateralHeld(7 * ONE, "collateral held");
    }

    function test_splitPosition_subPartition_burnsUnionPosition() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(3, 4), 7 * ONE);
        // Split {A,B} into {A} and {B}: no collateral moves.
        _split(alice, conditionId, _arr(1, 2), 5 * ONE);
        _assertHeld(alice, conditionId, 3, 2 * ONE, "union burned");
        _assertHeld(alice, conditionId, 1, 5 * ONE, "A minted");
        _assertHeld(alice, conditionId, 2, 5 * ONE, "B minted");
        _assertCollateralHeld(7 * ONE, "collateral unchanged");
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
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IConditionalTokens.NonRootCollection.selector, bytes32(uint256(7)))
        );
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
        _fundContract(address(receiver), ONE);
        _expectRevertFrom(
            address(receiver),
            abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(receiver))
        );
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
    }

    function test_splitPosition_toReceiverContract_callsBatchHook() public {
        bytes32 conditionId = _prepare(2);
        BatchReceiver receiver = new BatchReceiver();
        _fundContract(address(receiver), ONE);
        vm.prank(address(receiver));
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
        assertEq(receiver.batchesReceived(), 1, "batch hook called once");
        _assertHeld(address(receiver), conditionId, 1, ONE, "receiver got YES");
    }

    function testFuzz_splitPosition_anyAmountAnyFullPartitionOfThree(uint256 amount, uint256 cut) public {
        amount = bound(amount, 1, FUNDS);
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
        _assertCollateralHeld(amount, "collateral held equals amount");
    }

    function test_splitPosition_fixed_maxAmountThreeWay() public {
        testFuzz_splitPosition_anyAmountAnyFullPartitionOfThree(FUNDS, 0);
    }

    // ------------------------------------------------------------------ mergePositions

    function test_mergePositions_binary_returnsCollateral() public {
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), 10 * ONE);
        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PositionsMerged(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 4 * ONE);
        _merge(alice, conditionId, _arr(1, 2), 4 * ONE);
        _assertHeld(alice, conditionId, 1, 6 * ONE, "YES burned");
        _assertHeld(alice, conditionId, 2, 6 * ONE, "NO burned");
        _assertCollateralHeld(6 * ONE, "collateral left");
    }

    function test_mergePositions_subPartition_mintsUnion() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(1, 2, 4), 5 * ONE);
        _merge(alice, conditionId, _arr(1, 2), 3 * ONE);
        _assertHeld(alice, conditionId, 3, 3 * ONE, "union minted");
        _assertHeld(alice, conditionId, 1, 2 * ONE, "A burned");
        _assertCollateralHeld(5 * ONE, "collateral unchanged");
    }

    function test_mergePositions_subPartition_toReceiverContract_callsBatchHook() public {
        bytes32 conditionId = _prepare(3);
        BatchReceiver receiver = new BatchReceiver();
        _fundContract(address(receiver), ONE);
        vm.startPrank(address(receiver));
        ctf.splitPosition(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2, 4), ONE);
        ctf.mergePositions(IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), ONE);
        vm.stopPrank();
        assertEq(receiver.batchesReceived(), 2, "hook called for split and merge-to-union");
        _assertHeld(address(receiver), conditionId, 3, ONE, "receiver got union");
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
        assertEq(usd.balanceOf(alice), FUNDS, "full set merged back after resolution");
    }

    function testFuzz_splitThenMerge_roundTripsExactly(uint256 splitAmount, uint256 mergeAmount) public {
        splitAmount = bound(splitAmount, 1, FUNDS);
        mergeAmount = bound(mergeAmount, 1, splitAmount);
        bytes32 conditionId = _prepare(2);
        _split(alice, conditionId, _arr(1, 2), splitAmount);
        _merge(alice, conditionId, _arr(1, 2), mergeAmount);
        _assertCollateralHeld(splitAmount - mergeAmount, "collateral equals outstanding sets");
        _assertHeld(alice, conditionId, 1, splitAmount - mergeAmount, "YES outstanding");
        assertEq(usd.balanceOf(alice), FUNDS - (splitAmount - mergeAmount), "alice paid only for sets");
    }

    function test_splitThenMerge_fixed_partialMerge() public {
        testFuzz_splitThenMerge_roundTripsExactly(10 * ONE, 3 * ONE);
    }
}

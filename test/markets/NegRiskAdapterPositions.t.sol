// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors, IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {MarketsFixture} from "./MarketsFixture.sol";
import {INegRiskAdapter} from "../../contracts/interfaces/INegRiskAdapter.sol";
import {IWrappedCollateral} from "../../contracts/interfaces/IWrappedCollateral.sol";

/// @notice The neg-risk adapter: preparing markets, splitting and merging through wrapped collateral, unwrapping.
contract NegRiskAdapterPositionsTest is MarketsFixture {
    uint256 private constant AMOUNT = 10e6;

    // ================================================================== prepareMarket

    function test_RevertWhen_prepareMarket_notRequester() public {
        bytes32 id = _openDirect(3);
        _expectRevertFrom(
            attacker,
            abi.encodeWithSelector(INegRiskAdapter.NotQuestionRequester.selector, attacker, creator)
        );
        adapter.prepareMarket(id, 500, attacker);
    }

    function test_RevertWhen_prepareMarket_unknownQuestion() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownMarket.selector, bytes32(uint256(5))));
        adapter.prepareMarket(bytes32(uint256(5)), 0, address(this));
    }

    function test_RevertWhen_prepareMarket_tooManyOutcomes() public {
        bytes32 id = _openDirect(33);
        _expectRevertFrom(creator, abi.encodeWithSelector(INegRiskAdapter.InvalidQuestionCount.selector, 33));
        adapter.prepareMarket(id, 0, creator);
    }

    function test_RevertWhen_prepareMarket_twice() public {
        bytes32 id = _openDirect(3);
        vm.startPrank(creator);
        adapter.prepareMarket(id, 0, creator);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.MarketExists.selector, id));
        adapter.prepareMarket(id, 0, creator);
        vm.stopPrank();
    }

    function test_prepareMarket_directRequesterOwnsItsMarket() public {
        bytes32 id = _openDirect(3);
        vm.prank(creator);
        bytes32[] memory conditions = adapter.prepareMarket(id, 100, treasury);
        assertEq(conditions.length, 3, "three conditions");
        assertEq(conditions[2], adapter.conditionIdOf(id, 2), "condition ids");
        (uint256 count, uint256 feeBps, address feeRecipient, bool resolved) = adapter.getMarket(id);
        assertEq(count, 3, "count");
        assertEq(feeBps, 100, "fee");
        assertEq(feeRecipient, treasury, "recipient");
        assertFalse(resolved, "unresolved");
    }

    function test_prepareMarket_emitsIdsForIndexers() public {
        bytes32 id = _openDirect(2);
        bytes32[] memory conditions = new bytes32[](2);
        uint256[] memory yes = new uint256[](2);
        uint256[] memory no = new uint256[](2);
        for (uint256 k; k < 2; ++k) {
            conditions[k] = adapter.conditionIdOf(id, k);
            (yes[k], no[k]) = _yesNoIds(conditions[k]);
        }
        vm.expectEmit(address(adapter));
        emit INegRiskAdapter.MarketPrepared(id, creator, 2, 0, creator, conditions, yes, no);
        vm.prank(creator);
        adapter.prepareMarket(id, 0, creator);
    }

    // ================================================================== split / merge

    function test_splitPosition_wrapsAndGivesFullSet() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 1);
        vm.expectEmit(address(adapter));
        emit INegRiskAdapter.PositionSplit(alice, conditionId, AMOUNT);
        vm.prank(alice);
        adapter.splitPosition(conditionId, AMOUNT);
        assertEq(_yes(alice, marketId, 1), AMOUNT, "YES");
        assertEq(_no(alice, marketId, 1), AMOUNT, "NO");
        assertEq(usd.balanceOf(address(adapter)), AMOUNT, "collateral held by the adapter");
        assertEq(wcol.balanceOf(address(ctf)), AMOUNT, "wrapped collateral locked in the CTF");
        assertEq(wcol.balanceOf(address(adapter)), 0, "no loose wrapped collateral");
    }

    function test_mergePositions_unwrapsAndPays() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        vm.startPrank(alice);
        adapter.splitPosition(conditionId, AMOUNT);
        adapter.mergePositions(conditionId, AMOUNT / 2);
        vm.stopPrank();
        assertEq(_yes(alice, marketId, 0), AMOUNT / 2, "YES left");
        assertEq(usd.balanceOf(alice), FUNDS - AMOUNT / 2, "half paid back");
        assertEq(wcol.totalSupply(), AMOUNT / 2, "wrapped supply burned");
    }

    function test_RevertWhen_splitPosition_unknownCondition() public {
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(INegRiskAdapter.UnknownCondition.selector, bytes32(uint256(1)))
        );
        adapter.splitPosition(bytes32(uint256(1)), AMOUNT);
    }

    function test_RevertWhen_splitPosition_zeroAmount() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        _expectRevertFrom(alice, abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        adapter.splitPosition(conditionId, 0);
    }

    function test_RevertWhen_mergePositions_unknownCondition() public {
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(INegRiskAdapter.UnknownCondition.selector, bytes32(uint256(1)))
        );
        adapter.mergePositions(bytes32(uint256(1)), AMOUNT);
    }

    function test_RevertWhen_mergePositions_zeroAmount() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        _expectRevertFrom(alice, abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        adapter.mergePositions(conditionId, 0);
    }

    function test_RevertWhen_mergePositions_missingYes() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        (uint256 yesId, ) = _yesNoIds(conditionId);
        vm.startPrank(alice);
        adapter.splitPosition(conditionId, AMOUNT);
        ctf.safeTransferFrom(alice, bob, yesId, AMOUNT, "");
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 0, AMOUNT, yesId)
        );
        adapter.mergePositions(conditionId, AMOUNT);
        vm.stopPrank();
    }

    // ================================================================== unwrap and wrapped collateral

    function test_unwrap_afterDirectMergeAtTheConditionalTokens() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        vm.startPrank(alice);
        adapter.splitPosition(conditionId, AMOUNT);
        ctf.mergePositions(IERC20(address(wcol)), bytes32(0), conditionId, _binaryPartition(), AMOUNT);
        assertEq(wcol.balanceOf(alice), AMOUNT, "wrapped collateral from a direct merge");
        vm.expectEmit(address(adapter));
        emit INegRiskAdapter.Unwrapped(alice, AMOUNT);
        adapter.unwrap(AMOUNT);
        vm.stopPrank();
        assertEq(usd.balanceOf(alice), FUNDS, "all collateral back");
        assertEq(wcol.totalSupply(), 0, "burned");
    }

    function test_RevertWhen_unwrap_zero() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        adapter.unwrap(0);
    }

    function test_RevertWhen_unwrap_moreThanHeld() public {
        _expectRevertFrom(
            attacker,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, attacker, 0, 1)
        );
        adapter.unwrap(1);
    }

    function test_RevertWhen_wrappedCollateral_mintNotAdapter() public {
        _expectRevertFrom(attacker, abi.encodeWithSelector(IWrappedCollateral.NotAdapter.selector, attacker));
        wcol.mint(attacker, 1);
    }

    function test_RevertWhen_wrappedCollateral_burnNotAdapter() public {
        _expectRevertFrom(attacker, abi.encodeWithSelector(IWrappedCollateral.NotAdapter.selector, attacker));
        wcol.burn(alice, 1);
    }

    function test_wrappedCollateral_metadata() public view {
        assertEq(wcol.adapter(), address(adapter), "adapter");
        assertEq(uint256(IERC20Metadata(address(wcol)).decimals()), 6, "collateral decimals");
        assertTrue(adapter.supportsInterface(type(INegRiskAdapter).interfaceId), "ERC-165");
        assertEq(adapter.collateral(), address(usd), "collateral");
    }
}

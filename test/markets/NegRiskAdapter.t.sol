// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors, IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {MarketsFixture} from "./MarketsFixture.sol";
import {INegRiskAdapter} from "../../contracts/interfaces/INegRiskAdapter.sol";
import {IWrappedCollateral} from "../../contracts/interfaces/IWrappedCollateral.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

contract NegRiskAdapterTest is MarketsFixture {
    uint256 private constant AMOUNT = 10e6;

    // ================================================================== helpers

    function _split(address who, bytes32 marketId, uint256 count, uint256 amount) private {
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            vm.prank(who);
            adapter.splitPosition(conditionId, amount);
        }
    }

    function _yes(address who, bytes32 marketId, uint256 k) private view returns (uint256) {
        (uint256 yesId, ) = _yesNoIds(adapter.conditionIdOf(marketId, k));
        return ctf.balanceOf(who, yesId);
    }

    function _no(address who, bytes32 marketId, uint256 k) private view returns (uint256) {
        (, uint256 noId) = _yesNoIds(adapter.conditionIdOf(marketId, k));
        return ctf.balanceOf(who, noId);
    }

    function _redeemAll(address who, bytes32 marketId, uint256 count) private returns (uint256 total) {
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            vm.prank(who);
            total += adapter.redeemPositions(conditionId);
        }
    }

    // ================================================================== prepareMarket

    function test_RevertWhen_prepareMarket_notRequester() public {
        vm.prank(creator);
        bytes32 id = oracle.openQuestion("who wins?", 3, block.timestamp + 1 days, 0, BOND, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.NotQuestionRequester.selector, attacker, creator));
        vm.prank(attacker);
        adapter.prepareMarket(id, 500, attacker);
    }

    function test_RevertWhen_prepareMarket_unknownQuestion() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownMarket.selector, bytes32(uint256(5))));
        adapter.prepareMarket(bytes32(uint256(5)), 0, address(this));
    }

    function test_RevertWhen_prepareMarket_tooManyOutcomes() public {
        vm.prank(creator);
        bytes32 id = oracle.openQuestion("who wins?", 33, block.timestamp + 1 days, 0, BOND, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.InvalidQuestionCount.selector, 33));
        vm.prank(creator);
        adapter.prepareMarket(id, 0, creator);
    }

    function test_RevertWhen_prepareMarket_twice() public {
        vm.prank(creator);
        bytes32 id = oracle.openQuestion("who wins?", 3, block.timestamp + 1 days, 0, BOND, 0);
        vm.startPrank(creator);
        adapter.prepareMarket(id, 0, creator);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.MarketExists.selector, id));
        adapter.prepareMarket(id, 0, creator);
        vm.stopPrank();
    }

    function test_prepareMarket_directRequesterOwnsItsMarket() public {
        vm.prank(creator);
        bytes32 id = oracle.openQuestion("who wins?", 3, block.timestamp + 1 days, 0, BOND, 0);
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
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownCondition.selector, bytes32(uint256(1))));
        vm.prank(alice);
        adapter.splitPosition(bytes32(uint256(1)), AMOUNT);
    }

    function test_RevertWhen_splitPosition_zeroAmount() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        vm.prank(alice);
        adapter.splitPosition(conditionId, 0);
    }

    function test_RevertWhen_mergePositions_unknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownCondition.selector, bytes32(uint256(1))));
        vm.prank(alice);
        adapter.mergePositions(bytes32(uint256(1)), AMOUNT);
    }

    function test_RevertWhen_mergePositions_zeroAmount() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        vm.prank(alice);
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

    // ================================================================== convertPositions

    function test_convertPositions_oneNo_givesYesOnEveryOtherQuestion() public {
        bytes32 marketId = _createMulti(4, 0);
        _split(alice, marketId, 1, AMOUNT);
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        adapter.convertPositions(marketId, 1, AMOUNT);
        assertEq(_no(alice, marketId, 0), 0, "NO 0 taken");
        assertEq(_no(address(adapter), marketId, 0), AMOUNT, "NO 0 held by the adapter");
        for (uint256 k = 1; k < 4; ++k) {
            assertEq(_yes(alice, marketId, k), AMOUNT, "YES on each other question");
            assertEq(_no(address(adapter), marketId, k), AMOUNT, "adapter keeps the NO halves");
        }
        assertEq(usd.balanceOf(alice), before, "m = 1: no collateral out");
        assertEq(wcol.balanceOf(address(adapter)), 0, "no loose wrapped collateral");
    }

    function test_convertPositions_twoOfFour_paysOneAmountAndTwoYes() public {
        bytes32 marketId = _createMulti(4, 0);
        _split(alice, marketId, 4, AMOUNT);
        uint256 before = usd.balanceOf(alice);
        vm.expectEmit(address(adapter));
        emit INegRiskAdapter.PositionsConverted(alice, marketId, 0x5, AMOUNT, AMOUNT, 0);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x5, AMOUNT);
        assertEq(usd.balanceOf(alice) - before, AMOUNT, "(m - 1) * amount collateral");
        assertEq(_yes(alice, marketId, 1), 2 * AMOUNT, "YES 1 gained");
        assertEq(_yes(alice, marketId, 3), 2 * AMOUNT, "YES 3 gained");
        assertEq(_no(alice, marketId, 0), 0, "NO 0 converted");
        assertEq(_no(alice, marketId, 2), 0, "NO 2 converted");
    }

    function test_convertPositions_allQuestions_paysNMinusOne() public {
        bytes32 marketId = _createMulti(5, 0);
        _split(alice, marketId, 5, AMOUNT);
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x1f, AMOUNT);
        assertEq(usd.balanceOf(alice) - before, 4 * AMOUNT, "(N - 1) * amount");
    }

    function test_convertPositions_feeRoundedUpToRecipient() public {
        bytes32 marketId = _createMulti(3, 333);
        _split(alice, marketId, 3, 7);
        uint256 before = usd.balanceOf(alice);
        uint256 creatorBefore = usd.balanceOf(creator);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x7, 7);
        // collateral out = 2 * 7 = 14; fee = ceil(14 * 333 / 10000) = 1.
        assertEq(usd.balanceOf(creator) - creatorBefore, 1, "fee rounded up");
        assertEq(usd.balanceOf(alice) - before, 13, "rest to the converter");
    }

    function test_RevertWhen_convertPositions_unknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownMarket.selector, bytes32(uint256(9))));
        adapter.convertPositions(bytes32(uint256(9)), 1, AMOUNT);
    }

    function test_RevertWhen_convertPositions_emptyIndexSet() public {
        bytes32 marketId = _createMulti(3, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.InvalidIndexSet.selector, 0, 3));
        adapter.convertPositions(marketId, 0, AMOUNT);
    }

    function test_RevertWhen_convertPositions_indexSetBeyondQuestions() public {
        bytes32 marketId = _createMulti(3, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.InvalidIndexSet.selector, 0x9, 3));
        adapter.convertPositions(marketId, 0x9, AMOUNT);
    }

    function test_RevertWhen_convertPositions_zeroAmount() public {
        bytes32 marketId = _createMulti(3, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.ZeroAmount.selector));
        adapter.convertPositions(marketId, 1, 0);
    }

    function test_RevertWhen_convertPositions_resolved() public {
        bytes32 marketId = _createMulti(3, 0);
        _answer(marketId, 0);
        adapter.resolveMarket(marketId);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.MarketResolved.selector, marketId));
        adapter.convertPositions(marketId, 1, AMOUNT);
    }

    function test_RevertWhen_convertPositions_withoutNoPositions() public {
        bytes32 marketId = _createMulti(3, 0);
        (, uint256 noId) = _yesNoIds(adapter.conditionIdOf(marketId, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, attacker, 0, AMOUNT, noId)
        );
        vm.prank(attacker);
        adapter.convertPositions(marketId, 1, AMOUNT);
    }

    function testFuzz_convertPositions_valueMatchesFormula(
        uint256 count,
        uint256 indexSet,
        uint256 amount,
        uint256 feeBps
    ) public {
        count = bound(count, 2, 8);
        indexSet = bound(indexSet, 1, (1 << count) - 1);
        amount = bound(amount, 1, 1_000e6);
        feeBps = bound(feeBps, 0, 500);
        _checkConvert(count, indexSet, amount, feeBps);
    }

    function test_convertPositions_valueMatchesFormula_fixed() public {
        _checkConvert(8, 0xb5, 123_456_789, 500);
    }

    function _checkConvert(uint256 count, uint256 indexSet, uint256 amount, uint256 feeBps) private {
        bytes32 marketId = _createMulti(count, feeBps);
        _split(alice, marketId, count, amount);
        uint256 m;
        for (uint256 k; k < count; ++k) {
            if ((indexSet >> k) & 1 == 1) ++m;
        }
        uint256 before = usd.balanceOf(alice);
        uint256 creatorBefore = usd.balanceOf(creator);
        vm.prank(alice);
        adapter.convertPositions(marketId, indexSet, amount);
        uint256 gross = (m - 1) * amount;
        uint256 fee = (gross * feeBps + 9_999) / 10_000;
        assertEq(usd.balanceOf(alice) - before, gross - fee, "collateral out");
        assertEq(usd.balanceOf(creator) - creatorBefore, fee, "fee");
        for (uint256 k; k < count; ++k) {
            bool converted = (indexSet >> k) & 1 == 1;
            assertEq(_no(alice, marketId, k), converted ? 0 : amount, "NO balance");
            assertEq(_yes(alice, marketId, k), converted ? amount : 2 * amount, "YES balance");
            assertEq(_no(address(adapter), marketId, k), amount, "adapter inventory: amount NO on every question");
        }
        assertEq(wcol.balanceOf(address(adapter)), 0, "no loose wrapped collateral");
    }

    // ================================================================== resolution

    function test_resolveMarket_exactlyOneYes() public {
        bytes32 marketId = _createMulti(4, 0);
        _answer(marketId, 2);
        vm.expectEmit(address(adapter));
        emit INegRiskAdapter.MarketResolvedFromOracle(marketId, 2);
        adapter.resolveMarket(marketId);
        for (uint256 k; k < 4; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            assertEq(ctf.payoutNumerators(conditionId, 0), k == 2 ? 1 : 0, "YES numerator");
            assertEq(ctf.payoutNumerators(conditionId, 1), k == 2 ? 0 : 1, "NO numerator");
        }
    }

    /// @dev Invalid: every YES pays 1/N and every NO (N - 1)/N, so a full YES set is worth one unit and
    /// a full NO set N - 1 units, exactly as before resolution. "All NO" cannot happen: the N questions
    /// resolve from one oracle answer, which names one winner or is invalid.
    function test_resolveMarket_invalid_paysOneNthPerYes() public {
        bytes32 marketId = _createMulti(4, 0);
        _split(alice, marketId, 4, 100);
        for (uint256 k; k < 4; ++k) {
            (uint256 yesId, ) = _yesNoIds(adapter.conditionIdOf(marketId, k));
            vm.prank(alice);
            ctf.safeTransferFrom(alice, bob, yesId, 100, "");
        }
        _answer(marketId, Answers.INVALID);
        adapter.resolveMarket(marketId);
        for (uint256 k; k < 4; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            assertEq(ctf.payoutNumerators(conditionId, 0), 1, "YES 1");
            assertEq(ctf.payoutNumerators(conditionId, 1), 3, "NO N - 1");
        }
        uint256 bobBefore = usd.balanceOf(bob);
        uint256 aliceBefore = usd.balanceOf(alice);
        _redeemAll(bob, marketId, 4);
        _redeemAll(alice, marketId, 4);
        assertEq(usd.balanceOf(bob) - bobBefore, 100, "full YES set pays one unit per set");
        assertEq(usd.balanceOf(alice) - aliceBefore, 300, "full NO set pays N - 1 per set");
    }

    function test_RevertWhen_resolveMarket_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownMarket.selector, bytes32(uint256(2))));
        adapter.resolveMarket(bytes32(uint256(2)));
    }

    function test_RevertWhen_resolveMarket_notFinal() public {
        bytes32 marketId = _createMulti(3, 0);
        vm.expectRevert(abi.encodeWithSelector(IAnswerSource.AnswerNotFinal.selector, marketId));
        adapter.resolveMarket(marketId);
    }

    function test_RevertWhen_resolveMarket_twice() public {
        bytes32 marketId = _createMulti(3, 0);
        _answer(marketId, 1);
        adapter.resolveMarket(marketId);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.MarketResolved.selector, marketId));
        adapter.resolveMarket(marketId);
    }

    // ================================================================== redeem

    function test_redeemPositions_winnerAndLosers() public {
        bytes32 marketId = _createMulti(3, 0);
        _split(alice, marketId, 3, AMOUNT);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x3, AMOUNT); // alice: +AMOUNT collateral, YES 2 x2, no NO 0/1
        _answer(marketId, 2);
        adapter.resolveMarket(marketId);
        uint256 before = usd.balanceOf(alice);
        uint256 paid = _redeemAll(alice, marketId, 3);
        // YES 0: AMOUNT (lost), YES 1: AMOUNT (lost), YES 2: 2 * AMOUNT (won), NO 2: AMOUNT (lost).
        assertEq(paid, 2 * AMOUNT, "only the winning YES pays");
        assertEq(usd.balanceOf(alice) - before, paid, "paid in collateral");
        assertEq(wcol.balanceOf(address(adapter)), 0, "received wrapped collateral burned");
        assertEq(usd.balanceOf(address(adapter)), 0, "adapter solvent and empty after every claim");
    }

    function test_RevertWhen_redeemPositions_unknownCondition() public {
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnknownCondition.selector, bytes32(uint256(4))));
        adapter.redeemPositions(bytes32(uint256(4)));
    }

    function test_RevertWhen_redeemPositions_unresolved() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.ConditionNotResolved.selector, conditionId));
        adapter.redeemPositions(conditionId);
    }

    // ================================================================== regressions

    /// @dev Regression (reference pitfall): NO positions left with the adapter by conversions must not
    /// pay anyone. The adapter's inventory is only ever redeemed into wrapped collateral that is burned.
    function test_regression_leftoverNoTokensCannotDrainWrappedCollateral() public {
        bytes32 marketId = _createMulti(3, 0);
        _split(alice, marketId, 3, AMOUNT);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x1, AMOUNT);
        assertEq(_no(address(adapter), marketId, 1), AMOUNT, "adapter holds leftover NO");

        // The attacker holds nothing: every path pays it nothing or reverts.
        bytes32 condition1 = adapter.conditionIdOf(marketId, 1);
        (uint256 yes1, ) = _yesNoIds(condition1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, attacker, 0, AMOUNT, yes1)
        );
        vm.prank(attacker);
        adapter.mergePositions(condition1, AMOUNT);

        _answer(marketId, 0);
        adapter.resolveMarket(marketId);
        uint256 attackerBefore = usd.balanceOf(attacker);
        vm.prank(attacker);
        uint256 paid = adapter.redeemPositions(condition1);
        assertEq(paid, 0, "redeeming with no positions pays nothing");
        assertEq(usd.balanceOf(attacker), attackerBefore, "attacker got nothing");
        assertEq(_no(address(adapter), marketId, 1), 0, "inventory redeemed and burned");
        assertEq(wcol.balanceOf(attacker), 0, "no wrapped collateral leaked");

        // Every legitimate claim is still paid in full.
        uint256 aliceBefore = usd.balanceOf(alice);
        _redeemAll(alice, marketId, 3);
        // alice: YES 0 (AMOUNT, wins), YES 1 and YES 2 (2 * AMOUNT each, lose), NO 1 and NO 2 (AMOUNT each, win).
        assertEq(usd.balanceOf(alice) - aliceBefore, 3 * AMOUNT, "alice fully paid");
        assertEq(usd.balanceOf(address(adapter)), 0, "no collateral left over or missing");
    }

    /// @dev Regression (reference pitfall): wrapped collateral is never left in the adapter for the next
    /// caller to sweep; tokens pushed to the adapter are refused.
    function test_regression_nothingLeftForTheNextCaller() public {
        bytes32 marketId = _createMulti(3, 0);
        _split(alice, marketId, 3, AMOUNT);
        vm.prank(alice);
        adapter.convertPositions(marketId, 0x6, AMOUNT);
        assertEq(wcol.balanceOf(address(adapter)), 0, "no wrapped collateral after convert");
        (uint256 yes0, ) = _yesNoIds(adapter.conditionIdOf(marketId, 0));
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnexpectedTokenTransfer.selector, alice));
        vm.prank(alice);
        ctf.safeTransferFrom(alice, address(adapter), yes0, 1, "");
    }

    function test_regression_batchTransfersToTheAdapterRefused() public {
        bytes32 marketId = _createMulti(3, 0);
        bytes32 conditionId = adapter.conditionIdOf(marketId, 0);
        (uint256 yesId, uint256 noId) = _yesNoIds(conditionId);
        vm.startPrank(alice);
        adapter.splitPosition(conditionId, AMOUNT);
        uint256[] memory ids = new uint256[](2);
        ids[0] = yesId;
        ids[1] = noId;
        uint256[] memory amounts = new uint256[](2);
        amounts[0] = 1;
        amounts[1] = 1;
        vm.expectRevert(abi.encodeWithSelector(INegRiskAdapter.UnexpectedTokenTransfer.selector, alice));
        ctf.safeBatchTransferFrom(alice, address(adapter), ids, amounts, "");
        vm.stopPrank();
    }

    function test_prepareMarket_emitsIdsForIndexers() public {
        vm.prank(creator);
        bytes32 id = oracle.openQuestion("who wins?", 2, block.timestamp + 1 days, 0, BOND, 0);
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
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, attacker, 0, 1));
        vm.prank(attacker);
        adapter.unwrap(1);
    }

    function test_RevertWhen_wrappedCollateral_mintNotAdapter() public {
        vm.expectRevert(abi.encodeWithSelector(IWrappedCollateral.NotAdapter.selector, attacker));
        vm.prank(attacker);
        wcol.mint(attacker, 1);
    }

    function test_RevertWhen_wrappedCollateral_burnNotAdapter() public {
        vm.expectRevert(abi.encodeWithSelector(IWrappedCollateral.NotAdapter.selector, attacker));
        vm.prank(attacker);
        wcol.burn(alice, 1);
    }

    function test_wrappedCollateral_metadata() public view {
        assertEq(wcol.adapter(), address(adapter), "adapter");
        assertEq(uint256(IERC20Metadata(address(wcol)).decimals()), 6, "collateral decimals");
        assertTrue(adapter.supportsInterface(type(INegRiskAdapter).interfaceId), "ERC-165");
        assertEq(adapter.collateral(), address(usd), "collateral");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {MarketsFixture} from "./MarketsFixture.sol";
import {INegRiskAdapter} from "../../contracts/interfaces/INegRiskAdapter.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice The neg-risk adapter: resolving from the oracle answer, redeeming, and the reference pitfalls.
contract NegRiskAdapterResolutionTest is MarketsFixture {
    uint256 private constant AMOUNT = 10e6;

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
        _splitEach(alice, marketId, 4, 100);
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
        _splitEach(alice, marketId, 3, AMOUNT);
        _convert(alice, marketId, 0x3, AMOUNT); // alice: +AMOUNT collateral, YES 2 x2, no NO 0/1
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
        _splitEach(alice, marketId, 3, AMOUNT);
        _convert(alice, marketId, 0x1, AMOUNT);
        assertEq(_no(address(adapter), marketId, 1), AMOUNT, "adapter holds leftover NO");

        // The attacker holds nothing: every path pays it nothing or reverts.
        bytes32 condition1 = adapter.conditionIdOf(marketId, 1);
        (uint256 yes1, ) = _yesNoIds(condition1);
        _expectRevertFrom(
            attacker,
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, attacker, 0, AMOUNT, yes1)
        );
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
        _splitEach(alice, marketId, 3, AMOUNT);
        _convert(alice, marketId, 0x6, AMOUNT);
        assertEq(wcol.balanceOf(address(adapter)), 0, "no wrapped collateral after convert");
        (uint256 yes0, ) = _yesNoIds(adapter.conditionIdOf(marketId, 0));
        _expectRevertFrom(alice, abi.encodeWithSelector(INegRiskAdapter.UnexpectedTokenTransfer.selector, alice));
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
}

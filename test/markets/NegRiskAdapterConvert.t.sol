// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {MarketsFixture} from "./MarketsFixture.sol";
import {INegRiskAdapter} from "../../contracts/interfaces/INegRiskAdapter.sol";

/// @notice The neg-risk adapter: converting NO positions into YES on the other questions plus collateral.
contract NegRiskAdapterConvertTest is MarketsFixture {
    uint256 private constant AMOUNT = 10e6;

    // ================================================================== convertPositions

    function test_convertPositions_oneNo_givesYesOnEveryOtherQuestion() public {
        bytes32 marketId = _createMulti(4, 0);
        _splitEach(alice, marketId, 1, AMOUNT);
        uint256 received = _convert(alice, marketId, 1, AMOUNT);
        assertEq(_no(alice, marketId, 0), 0, "NO 0 taken");
        assertEq(_no(address(adapter), marketId, 0), AMOUNT, "NO 0 held by the adapter");
        for (uint256 k = 1; k < 4; ++k) {
            assertEq(_yes(alice, marketId, k), AMOUNT, "YES on each other question");
            assertEq(_no(address(adapter), marketId, k), AMOUNT, "adapter keeps the NO halves");
        }
        assertEq(received, 0, "m = 1: no collateral out");
        assertEq(wcol.balanceOf(address(adapter)), 0, "no loose wrapped collateral");
    }

    function test_convertPositions_twoOfFour_paysOneAmountAndTwoYes() public {
        bytes32 marketId = _createMulti(4, 0);
        _splitEach(alice, marketId, 4, AMOUNT);
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
        _splitEach(alice, marketId, 5, AMOUNT);
        assertEq(_convert(alice, marketId, 0x1f, AMOUNT), 4 * AMOUNT, "(N - 1) * amount");
    }

    function test_convertPositions_feeRoundedUpToRecipient() public {
        bytes32 marketId = _createMulti(3, 333);
        _splitEach(alice, marketId, 3, 7);
        uint256 creatorBefore = usd.balanceOf(creator);
        uint256 received = _convert(alice, marketId, 0x7, 7);
        // collateral out = 2 * 7 = 14; fee = ceil(14 * 333 / 10000) = 1.
        assertEq(usd.balanceOf(creator) - creatorBefore, 1, "fee rounded up");
        assertEq(received, 13, "rest to the converter");
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
        _expectRevertFrom(
            attacker,
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, attacker, 0, AMOUNT, noId)
        );
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
        _splitEach(alice, marketId, count, amount);
        uint256 m;
        for (uint256 k; k < count; ++k) {
            if ((indexSet >> k) & 1 == 1) ++m;
        }
        uint256 creatorBefore = usd.balanceOf(creator);
        uint256 received = _convert(alice, marketId, indexSet, amount);
        uint256 gross = (m - 1) * amount;
        uint256 fee = (gross * feeBps + 9_999) / 10_000;
        assertEq(received, gross - fee, "collateral out");
        assertEq(usd.balanceOf(creator) - creatorBefore, fee, "fee");
        for (uint256 k; k < count; ++k) {
            bool converted = (indexSet >> k) & 1 == 1;
            assertEq(_no(alice, marketId, k), converted ? 0 : amount, "NO balance");
            assertEq(_yes(alice, marketId, k), converted ? amount : 2 * amount, "YES balance");
            assertEq(_no(address(adapter), marketId, k), amount, "adapter inventory: amount NO on every question");
        }
        assertEq(wcol.balanceOf(address(adapter)), 0, "no loose wrapped collateral");
    }
}

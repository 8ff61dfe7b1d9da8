// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ConditionalTokensFixture} from "./ConditionalTokensFixture.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";

/// @notice Redeeming positions of a resolved condition for their share of the collateral.
contract ConditionalTokensRedeemTest is ConditionalTokensFixture {
    // ------------------------------------------------------------------ redeemPositions

    function test_redeemPositions_winnerTakesCollateral() public {
        bytes32 conditionId = _prepare(2);
        _splitYesToAliceNoToBob(conditionId, 10 * ONE);
        _report(_arr(1, 0));

        vm.expectEmit(address(ctf));
        emit IConditionalTokens.PayoutRedeemed(alice, IERC20(address(usd)), ROOT, conditionId, _arr(1, 2), 10 * ONE);
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(alice), FUNDS, "YES holder paid in full");
        assertEq(usd.balanceOf(bob), FUNDS, "NO holder paid nothing");
        _assertHeld(alice, conditionId, 1, 0, "YES burned");
        _assertHeld(bob, conditionId, 2, 0, "NO burned");
        _assertCollateralHeld(0, "no collateral left");
    }

    function test_redeemPositions_invalidPaysHalfEach() public {
        bytes32 conditionId = _prepare(2);
        _splitYesToAliceNoToBob(conditionId, 10 * ONE);
        _report(_arr(1, 1));
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(alice), FUNDS - 5 * ONE, "YES pays half");
        assertEq(usd.balanceOf(bob), FUNDS + 5 * ONE, "NO pays half");
    }

    function test_redeemPositions_unionPositionPaysSumOfNumerators() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(3, 4), 9 * ONE);
        _report(_arr(1, 1, 1));
        uint256[] memory sets = new uint256[](1);
        sets[0] = 3;
        _redeem(alice, conditionId, sets);
        assertEq(usd.balanceOf(alice), FUNDS - 3 * ONE, "{A,B} pays 2/3");
    }

    function test_redeemPositions_roundsDownInContractsFavour() public {
        bytes32 conditionId = _prepare(3);
        _split(alice, conditionId, _arr(1, 2, 4), 1);
        _report(_arr(1, 1, 1));
        _redeem(alice, conditionId, _arr(1, 2, 4));
        // Each of three units of 1/3 rounds down to zero.
        _assertCollateralHeld(1, "dust stays in the contract");
    }

    function test_redeemPositions_zeroBalanceIsNoop() public {
        bytes32 conditionId = _prepare(2);
        _report(_arr(1, 0));
        _redeem(bob, conditionId, _arr(1, 2));
        assertEq(usd.balanceOf(bob), FUNDS, "nothing paid");
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
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IConditionalTokens.NonRootCollection.selector, bytes32(uint256(1)))
        );
        ctf.redeemPositions(IERC20(address(usd)), bytes32(uint256(1)), conditionId, _arr(1, 2));
    }

    function test_RevertWhen_redeemIndexSetOutOfRange() public {
        bytes32 conditionId = _prepare(2);
        _report(_arr(1, 0));
        vm.expectRevert(abi.encodeWithSelector(IConditionalTokens.IndexSetOutOfRange.selector, 4, 3));
        _redeem(alice, conditionId, _arr(1, 4));
    }

    function testFuzz_redeemPositions_paysProRata(uint256 amount, uint256 yesPayout, uint256 noPayout) public {
        amount = bound(amount, 1, FUNDS);
        yesPayout = bound(yesPayout, 0, 1e18);
        noPayout = bound(noPayout, yesPayout == 0 ? 1 : 0, 1e18);
        bytes32 conditionId = _prepare(2);
        _splitYesToAliceNoToBob(conditionId, amount);
        _report(_arr(yesPayout, noPayout));
        _redeem(alice, conditionId, _arr(1, 2));
        _redeem(bob, conditionId, _arr(1, 2));
        uint256 denominator = yesPayout + noPayout;
        uint256 alicePaid = (amount * yesPayout) / denominator;
        uint256 bobPaid = (amount * noPayout) / denominator;
        assertEq(usd.balanceOf(alice), FUNDS - amount + alicePaid, "YES pro rata, rounded down");
        assertEq(usd.balanceOf(bob), FUNDS + bobPaid, "NO pro rata, rounded down");
        assertLe(alicePaid + bobPaid, amount, "never pays more than collateral held");
        assertLe(amount - (alicePaid + bobPaid), 1, "at most one unit of dust");
    }

    function test_redeemPositions_fixed_seventyThirty() public {
        testFuzz_redeemPositions_paysProRata(100 * ONE, 7, 3);
    }
}

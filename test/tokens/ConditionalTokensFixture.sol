// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {BaseFixture} from "../lib/BaseFixture.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";

/// @notice The conditional-token contract on the test collateral, an oracle address, two funded
/// holders that approve it, and helpers that prepare, split, merge, report and redeem.
abstract contract ConditionalTokensFixture is BaseFixture {
    bytes32 internal constant QUESTION = keccak256("Will it rain in Lisbon tomorrow?");
    bytes32 internal constant ROOT = bytes32(0);
    uint256 internal constant ONE = 1e6;
    uint256 internal constant FUNDS = 1_000_000 * ONE;

    ConditionalTokens internal ctf;
    address internal oracle;

    function setUp() public virtual override {
        super.setUp();
        oracle = makeAddr("oracle");
        ctf = new ConditionalTokens("");
        address[] memory spenders = new address[](1);
        spenders[0] = address(ctf);
        _mintAndApprove(alice, FUNDS, spenders);
        _mintAndApprove(bob, FUNDS, spenders);
    }

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

    /// @dev Gives a contract `amount` of collateral and lets the token contract pull it.
    function _fundContract(address holder, uint256 amount) internal {
        usd.mint(holder, amount);
        vm.prank(holder);
        usd.approve(address(ctf), amount);
    }

    /// @dev Alice splits `amount` of a prepared binary condition and gives the NO side to Bob.
    function _splitYesToAliceNoToBob(bytes32 conditionId, uint256 amount) internal {
        _split(alice, conditionId, _arr(1, 2), amount);
        uint256 no = _pos(conditionId, 2);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, bob, no, amount, "");
    }

    /// @dev Asserts `who` holds `amount` of the position `indexSet` of `conditionId`.
    function _assertHeld(
        address who,
        bytes32 conditionId,
        uint256 indexSet,
        uint256 amount,
        string memory message
    ) internal view {
        assertEq(ctf.balanceOf(who, _pos(conditionId, indexSet)), amount, message);
    }

    /// @dev Asserts the token contract holds `amount` of collateral.
    function _assertCollateralHeld(uint256 amount, string memory message) internal view {
        assertEq(usd.balanceOf(address(ctf)), amount, message);
    }
}

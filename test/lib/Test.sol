// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

/// @title Test
/// @notice Base contract for this repository's Solidity tests: the cheatcode handle, assertion
/// helpers that always carry a message, input bounding for fuzz tests, and the target
/// registration that invariant suites use.
/// @dev Written for this project because forge-std cannot be installed offline. Every assertion
/// takes a message so that a failing test says which rule it checked.
abstract contract Test {
    /// @dev The runner serves cheatcodes at this address: address(uint160(uint256(keccak256("hevm cheat code")))).
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    /// @dev Read by the runner: a test that sets this has failed even if it did not revert.
    bool public IS_TEST = true;

    error AssertionFailed(string message);
    error AssertionFailedUint(string message, uint256 left, uint256 right);
    error AssertionFailedInt(string message, int256 left, int256 right);
    error AssertionFailedAddress(string message, address left, address right);
    error AssertionFailedBytes32(string message, bytes32 left, bytes32 right);

    // ---------------------------------------------------------------- assertions

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) revert AssertionFailedUint(message, left, right);
    }

    function assertEq(int256 left, int256 right, string memory message) internal pure {
        if (left != right) revert AssertionFailedInt(message, left, right);
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) revert AssertionFailedAddress(message, left, right);
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left != right) revert AssertionFailedBytes32(message, left, right);
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        if (left != right) revert AssertionFailed(message);
    }

    function assertEq(string memory left, string memory right, string memory message) internal pure {
        if (keccak256(bytes(left)) != keccak256(bytes(right))) revert AssertionFailed(message);
    }

    function assertEq(bytes memory left, bytes memory right, string memory message) internal pure {
        if (keccak256(left) != keccak256(right)) revert AssertionFailed(message);
    }

    function assertNotEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left == right) revert AssertionFailedUint(message, left, right);
    }

    function assertNotEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left == right) revert AssertionFailedBytes32(message, left, right);
    }

    function assertGt(uint256 left, uint256 right, string memory message) internal pure {
        if (left <= right) revert AssertionFailedUint(message, left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) revert AssertionFailedUint(message, left, right);
    }

    function assertLt(uint256 left, uint256 right, string memory message) internal pure {
        if (left >= right) revert AssertionFailedUint(message, left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) revert AssertionFailedUint(message, left, right);
    }

    /// @notice Asserts |left - right| <= maxDelta.
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string memory message) internal pure {
        uint256 delta = left > right ? left - right : right - left;
        if (delta > maxDelta) revert AssertionFailedUint(message, left, right);
    }

    /// @notice Expects the next call, made by `caller`, to revert with `revertData`.
    function _expectRevertFrom(address caller, bytes memory revertData) internal {
        vm.expectRevert(revertData);
        vm.prank(caller);
    }

    // ---------------------------------------------------------------- fuzz helpers

    /// @notice Maps any x into [min, max] without rejecting inputs (keeps fuzz runs productive).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert AssertionFailedUint("bound: min > max", min, max);
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        // size + 1 cannot overflow unless the range is the whole uint256 domain, handled above.
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @notice A deterministic address with a label, for readable traces.
    function makeAddr(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    /// @notice A deterministic key pair with a label.
    function makeAddrAndKey(string memory name) internal returns (address account, uint256 privateKey) {
        privateKey = (uint256(keccak256(abi.encodePacked("key:", name))) % SECP256K1_ORDER_MINUS_ONE) + 1;
        account = vm.addr(privateKey);
        vm.label(account, name);
    }

    uint256 private constant SECP256K1_ORDER_MINUS_ONE =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140;

    // ---------------------------------------------------------------- invariant targets

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    address[] private _targetSenders;
    FuzzSelector[] private _targetSelectors;

    /// @notice Restricts invariant fuzzing to calls on `target` (typically a handler contract).
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @notice Restricts the senders the invariant fuzzer uses.
    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    /// @notice Restricts invariant fuzzing to the given selectors of a target.
    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    /// @dev Read by the runner.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    /// @dev Read by the runner.
    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    /// @dev Read by the runner.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }
}

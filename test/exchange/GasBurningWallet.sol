// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @title GasBurningWallet
/// @notice A hostile EIP-1271 wallet for tests: `isValidSignature` loops until it runs out of gas,
/// so a verifier that calls it without a gas cap makes the node work without bound.
contract GasBurningWallet is IERC1271 {
    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata) external view returns (bytes4) {
        uint256 x = uint256(hash);
        // solhint-disable-next-line no-empty-blocks
        while (gasleft() > 0) x = uint256(keccak256(abi.encode(x)));
        return bytes4(uint32(x));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

/// @title ERC1271Wallet
/// @notice A minimal smart-contract wallet for tests: one owner key signs for it (EIP-1271), and
/// the owner can make it call anything (approvals, transfers). It holds ERC-1155 positions.
contract ERC1271Wallet is IERC1271, ERC1155Holder {
    bytes4 private constant MAGIC_VALUE = IERC1271.isValidSignature.selector;
    bytes4 private constant INVALID = 0xffffffff;

    address public immutable owner;

    error NotOwner(address caller);
    error CallFailed(bytes reason);

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Runs a call from the wallet. Owner only.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) revert CallFailed(result);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == owner ? MAGIC_VALUE : INVALID;
    }
}

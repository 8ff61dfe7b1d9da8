// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenRegistry} from "../../../contracts/interfaces/ITokenRegistry.sol";

/// @notice Stand-in for the exchange's token registry: registrars only, records every registration.
contract MockTokenRegistry is ITokenRegistry {
    error NotRegistrar(address caller);
    error AlreadyRegistered(uint256 token);

    struct Entry {
        uint256 complement;
        bytes32 conditionId;
        address negRiskAdapter;
    }

    address public immutable admin;
    mapping(address account => bool) public isRegistrar;
    mapping(uint256 token => Entry) public registry;
    uint256 public registrations;

    constructor() {
        admin = msg.sender;
    }

    function addRegistrar(address account) external {
        if (msg.sender != admin) revert NotRegistrar(msg.sender);
        isRegistrar[account] = true;
    }

    function registerToken(uint256 token, uint256 complement, bytes32 conditionId, address negRiskAdapter) external {
        if (!isRegistrar[msg.sender]) revert NotRegistrar(msg.sender);
        if (registry[token].conditionId != bytes32(0)) revert AlreadyRegistered(token);
        registry[token] = Entry(complement, conditionId, negRiskAdapter);
        registry[complement] = Entry(token, conditionId, negRiskAdapter);
        ++registrations;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IWrappedCollateral} from "../interfaces/IWrappedCollateral.sol";

/// @title WrappedCollateral
/// @notice See IWrappedCollateral. Deployed by the NegRiskAdapter in its constructor.
contract WrappedCollateral is ERC20, IWrappedCollateral {
    address private immutable _adapter;
    uint8 private immutable _decimals;

    /// @param decimals_ The real collateral's decimals.
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _adapter = msg.sender;
        _decimals = decimals_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IWrappedCollateral
    function mint(address to, uint256 amount) external {
        if (msg.sender != _adapter) revert NotAdapter(msg.sender);
        _mint(to, amount);
    }

    /// @inheritdoc IWrappedCollateral
    function burn(address from, uint256 amount) external {
        if (msg.sender != _adapter) revert NotAdapter(msg.sender);
        _burn(from, amount);
    }

    /// @inheritdoc IWrappedCollateral
    function adapter() external view returns (address) {
        return _adapter;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {ITestUSD} from "../interfaces/ITestUSD.sol";

/// @title TestUSD
/// @notice A 6-decimal test stablecoin with EIP-2612 permit and a rate-limited faucet.
/// @dev For local chains and testnets only: the deploy scripts never deploy it on a chain where
/// real collateral is used, and its faucet is switched on per deployment.
contract TestUSD is ERC20Permit, Ownable, ITestUSD {
    /// @dev 1,000 tUSD (6 decimals) per faucet call.
    uint256 public constant FAUCET_AMOUNT = 1_000e6;
    /// @dev One faucet call per account per hour.
    uint256 public constant FAUCET_COOLDOWN_SECONDS = 1 hours;

    bool private _faucetEnabled;
    mapping(address account => uint256 timestamp) private _lastFaucetAt;

    /// @param owner_ May mint freely (deploy scripts seed demo accounts) and switch the faucet.
    /// @param faucetEnabled_ Whether anyone may call `faucet` from the start.
    constructor(address owner_, bool faucetEnabled_) ERC20("Test USD", "tUSD") ERC20Permit("Test USD") Ownable(owner_) {
        _faucetEnabled = faucetEnabled_;
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @inheritdoc ITestUSD
    function faucet() external {
        if (!_faucetEnabled) revert FaucetDisabled();
        uint256 nextAt = _lastFaucetAt[msg.sender] + FAUCET_COOLDOWN_SECONDS;
        if (_lastFaucetAt[msg.sender] != 0 && block.timestamp < nextAt) revert FaucetCoolingDown(msg.sender, nextAt);

        _lastFaucetAt[msg.sender] = block.timestamp;
        _mint(msg.sender, FAUCET_AMOUNT);
        emit FaucetDripped(msg.sender, FAUCET_AMOUNT);
    }

    /// @inheritdoc ITestUSD
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @inheritdoc ITestUSD
    function setFaucetEnabled(bool enabled) external onlyOwner {
        _faucetEnabled = enabled;
        emit FaucetEnabledSet(enabled);
    }

    /// @inheritdoc ITestUSD
    function faucetEnabled() external view returns (bool) {
        return _faucetEnabled;
    }

    /// @inheritdoc ITestUSD
    function nextFaucetAt(address account) external view returns (uint256) {
        uint256 last = _lastFaucetAt[account];
        return last == 0 ? 0 : last + FAUCET_COOLDOWN_SECONDS;
    }
}

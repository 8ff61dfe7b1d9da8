// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITestUSD
/// @notice The test collateral's faucet and minting surface (ERC-20 and EIP-2612 come from OpenZeppelin).
interface ITestUSD {
    /// @notice The faucet is switched off on this deployment.
    error FaucetDisabled();
    /// @notice `account` used the faucet recently; it may call again at `nextAt`.
    error FaucetCoolingDown(address account, uint256 nextAt);

    /// @notice The faucet sent `amount` to `account`.
    event FaucetDripped(address indexed account, uint256 amount);
    /// @notice The owner switched the faucet on or off.
    event FaucetEnabledSet(bool enabled);

    /// @notice Sends FAUCET_AMOUNT to the caller, at most once per FAUCET_COOLDOWN_SECONDS.
    function faucet() external;

    /// @notice Mints `amount` to `to`. Owner only (demo seeding).
    function mint(address to, uint256 amount) external;

    /// @notice Switches the faucet on or off. Owner only.
    function setFaucetEnabled(bool enabled) external;

    /// @notice Whether the faucet is on.
    function faucetEnabled() external view returns (bool);

    /// @notice When `account` may next use the faucet (0: now).
    function nextFaucetAt(address account) external view returns (uint256);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IExchangeRoles
/// @notice Who may do what on the exchange: the admin (two-step transferable owner) grants the
/// operator, pauser and registrar roles and sets the fee recipient; pausers stop and resume
/// trading.
interface IExchangeRoles {
    /// @notice The caller is not an operator.
    error NotOperator(address caller);
    /// @notice The caller is not a pauser.
    error NotPauser(address caller);
    /// @notice The caller is neither the admin nor a registrar.
    error NotRegistrar(address caller);
    /// @notice Fills and matches are paused.
    error TradingPaused();
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();

    /// @notice An operator was added.
    event OperatorAdded(address indexed account);
    /// @notice An operator was removed.
    event OperatorRemoved(address indexed account);
    /// @notice A pauser was added.
    event PauserAdded(address indexed account);
    /// @notice A pauser was removed.
    event PauserRemoved(address indexed account);
    /// @notice A registrar was added.
    event RegistrarAdded(address indexed account);
    /// @notice A registrar was removed.
    event RegistrarRemoved(address indexed account);
    /// @notice Fills and matches were paused.
    event TradingPausedBy(address indexed pauser);
    /// @notice Fills and matches were resumed.
    event TradingUnpausedBy(address indexed pauser);
    /// @notice The fee recipient was set.
    event FeeRecipientSet(address indexed feeRecipient);

    /// @notice Grants the operator role (may settle orders). Admin only.
    function addOperator(address account) external;

    /// @notice Revokes the operator role. Admin only.
    function removeOperator(address account) external;

    /// @notice Grants the pauser role. Admin only.
    function addPauser(address account) external;

    /// @notice Revokes the pauser role. Admin only.
    function removePauser(address account) external;

    /// @notice Grants the registrar role (may register tokens). Admin only.
    function addRegistrar(address account) external;

    /// @notice Revokes the registrar role. Admin only.
    function removeRegistrar(address account) external;

    /// @notice Stops fills and matches (cancels and nonce increments still work). Pausers only.
    function pauseTrading() external;

    /// @notice Resumes fills and matches. Pausers only.
    function unpauseTrading() external;

    /// @notice Sets where fees are paid. Admin only; must be non-zero.
    function setFeeRecipient(address feeRecipient) external;

    /// @notice Whether `account` is an operator.
    function isOperator(address account) external view returns (bool);

    /// @notice Whether `account` is a pauser.
    function isPauser(address account) external view returns (bool);

    /// @notice Whether `account` is a registrar.
    function isRegistrar(address account) external view returns (bool);

    /// @notice Whether fills and matches are paused.
    function tradingPaused() external view returns (bool);

    /// @notice Whether fills and matches are paused (the same as `tradingPaused`, under the name
    /// Polymarket's CTF Exchange and its tooling read).
    function paused() external view returns (bool);

    /// @notice Where fees are paid.
    function feeRecipient() external view returns (address);
}

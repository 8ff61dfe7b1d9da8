// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IExchangeRoles} from "../../interfaces/exchange/IExchangeRoles.sol";

/// @title ExchangeRoles
/// @notice Roles and pause: the admin (OpenZeppelin `Ownable2Step`) and one role word per account
/// (operator, pauser, registrar bits), the pause flag and the fee recipient.
/// @dev Hot-path design: while trading is paused every operator's role word carries a pause
/// mark, so a fill reads the operator role and the pause flag in one slot
/// (`_checkOperatorNotPaused`); `_config.paused` stays the source of truth. The fee recipient
/// shares the pause flag's slot and is read only when a fee is paid.
abstract contract ExchangeRoles is Ownable2Step, IExchangeRoles {
    /// @dev Role bits in `_roles`.
    uint256 private constant ROLE_OPERATOR = 1;
    uint256 private constant ROLE_PAUSER = 2;
    uint256 private constant ROLE_REGISTRAR = 4;
    /// @dev Set in every operator's role word while trading is paused.
    uint256 private constant OPERATOR_PAUSED = 8;

    /// @dev Read together: one slot.
    struct Config {
        address feeRecipient;
        bool paused;
    }

    Config private _config;
    mapping(address account => uint256 roleBits) private _roles;
    /// @dev Every current operator, so that pausing can mark each one's role word.
    address[] private _operators;

    /// @param admin_ The admin (two-step transferable owner).
    /// @param feeRecipient_ Where fees are paid.
    constructor(address admin_, address feeRecipient_) Ownable(admin_) {
        if (feeRecipient_ == address(0)) revert ZeroAddress();
        _config.feeRecipient = feeRecipient_;
        emit FeeRecipientSet(feeRecipient_);
    }

    /// @inheritdoc IExchangeRoles
    function addOperator(address account) external onlyOwner {
        uint256 roles = _roles[account];
        if (roles & ROLE_OPERATOR == 0) {
            _operators.push(account);
            roles |= ROLE_OPERATOR;
            if (_config.paused) roles |= OPERATOR_PAUSED;
            _roles[account] = roles;
        }
        emit OperatorAdded(account);
    }

    /// @inheritdoc IExchangeRoles
    function removeOperator(address account) external onlyOwner {
        if (_roles[account] & ROLE_OPERATOR != 0) {
            uint256 count = _operators.length;
            for (uint256 i; i < count; ++i) {
                if (_operators[i] == account) {
                    _operators[i] = _operators[count - 1];
                    _operators.pop();
                    break;
                }
            }
            _roles[account] &= ~(ROLE_OPERATOR | OPERATOR_PAUSED);
        }
        emit OperatorRemoved(account);
    }

    /// @inheritdoc IExchangeRoles
    function addPauser(address account) external onlyOwner {
        _roles[account] |= ROLE_PAUSER;
        emit PauserAdded(account);
    }

    /// @inheritdoc IExchangeRoles
    function removePauser(address account) external onlyOwner {
        _roles[account] &= ~ROLE_PAUSER;
        emit PauserRemoved(account);
    }

    /// @inheritdoc IExchangeRoles
    function addRegistrar(address account) external onlyOwner {
        _roles[account] |= ROLE_REGISTRAR;
        emit RegistrarAdded(account);
    }

    /// @inheritdoc IExchangeRoles
    function removeRegistrar(address account) external onlyOwner {
        _roles[account] &= ~ROLE_REGISTRAR;
        emit RegistrarRemoved(account);
    }

    /// @inheritdoc IExchangeRoles
    function pauseTrading() external {
        _setTradingPaused(true);
        emit TradingPausedBy(msg.sender);
    }

    /// @inheritdoc IExchangeRoles
    function unpauseTrading() external {
        _setTradingPaused(false);
        emit TradingUnpausedBy(msg.sender);
    }

    /// @inheritdoc IExchangeRoles
    function setFeeRecipient(address feeRecipient_) external onlyOwner {
        if (feeRecipient_ == address(0)) revert ZeroAddress();
        _config.feeRecipient = feeRecipient_;
        emit FeeRecipientSet(feeRecipient_);
    }

    /// @inheritdoc IExchangeRoles
    function isOperator(address account) external view returns (bool) {
        return _roles[account] & ROLE_OPERATOR != 0;
    }

    /// @inheritdoc IExchangeRoles
    function isPauser(address account) external view returns (bool) {
        return _roles[account] & ROLE_PAUSER != 0;
    }

    /// @inheritdoc IExchangeRoles
    function isRegistrar(address account) external view returns (bool) {
        return _roles[account] & ROLE_REGISTRAR != 0;
    }

    /// @inheritdoc IExchangeRoles
    function tradingPaused() external view returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc IExchangeRoles
    function paused() external view returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc IExchangeRoles
    function feeRecipient() external view returns (address) {
        return _config.feeRecipient;
    }

    /// @dev Reverts unless the caller is an operator and trading is live: one slot read (the
    /// operator's role word carries the pause mark).
    function _checkOperatorNotPaused() internal view {
        uint256 roles = _roles[msg.sender];
        if (roles & ROLE_OPERATOR == 0) revert NotOperator(msg.sender);
        if (roles & OPERATOR_PAUSED != 0) revert TradingPaused();
    }

    /// @dev Reverts unless the caller is the admin or a registrar.
    function _checkRegistrar() internal view {
        if (msg.sender != owner() && _roles[msg.sender] & ROLE_REGISTRAR == 0) revert NotRegistrar(msg.sender);
    }

    /// @dev Where fees are paid (one slot read).
    function _feeRecipient() internal view returns (address) {
        return _config.feeRecipient;
    }

    /// @dev Pauser only: sets the pause flag and the pause mark of every operator.
    function _setTradingPaused(bool paused_) private {
        if (_roles[msg.sender] & ROLE_PAUSER == 0) revert NotPauser(msg.sender);
        _config.paused = paused_;
        _markOperators(paused_);
    }

    /// @dev Sets or clears the pause mark in every operator's role word.
    function _markOperators(bool paused_) private {
        uint256 count = _operators.length;
        for (uint256 i; i < count; ++i) {
            address operator = _operators[i];
            if (paused_) _roles[operator] |= OPERATOR_PAUSED;
            else _roles[operator] &= ~OPERATOR_PAUSED;
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INegRiskSplitter} from "../../interfaces/INegRiskSplitter.sol";
import {IExchangeRegistry} from "../../interfaces/exchange/IExchangeRegistry.sol";
import {TokenInfo} from "../../libraries/OrderStructs.sol";
import {PositionIds} from "../../libraries/PositionIds.sol";
import {AssetOperations} from "./AssetOperations.sol";

/// @title TokenRegistry
/// @notice The tradable outcome tokens: each registered token with its complement, its binary
/// condition and (for multi-outcome markets) the adapter that splits and merges the pair.
/// @dev A plain pair is checked to be the two positions of a prepared binary condition over the
/// exchange's collateral, so splitting [1, 2] mints exactly them; an adapter pair must not be.
/// That invariant lets `_splitFullSets` / `_mergeFullSets` read the adapter slot only for
/// tokens that are not plain positions.
abstract contract TokenRegistry is AssetOperations, IExchangeRegistry {
    mapping(uint256 tokenId => TokenInfo) private _registry;

    /// @inheritdoc IExchangeRegistry
    function registerToken(uint256 token, uint256 complement, bytes32 conditionId, address negRiskAdapter) external {
        _checkRegistrar();
        if (token == complement || token == 0 || complement == 0) revert InvalidTokenPair(token, complement);
        if (_registry[token].complement != 0) revert TokenAlreadyRegistered(token);
        if (_registry[complement].complement != 0) revert TokenAlreadyRegistered(complement);
        if (negRiskAdapter == address(0)) {
            _checkPlainPositions(token, complement, conditionId);
        } else if (_isPlainPosition(token, conditionId) || _isPlainPosition(complement, conditionId)) {
            revert PlainPositionsWithAdapter(token, complement, conditionId);
        }

        _registry[token] = TokenInfo(complement, conditionId, negRiskAdapter);
        emit TokenRegistered(token, complement, conditionId, negRiskAdapter);
        _registry[complement] = TokenInfo(token, conditionId, negRiskAdapter);
        emit TokenRegistered(complement, token, conditionId, negRiskAdapter);

        if (negRiskAdapter != address(0)) _approveAdapter(negRiskAdapter);
    }

    /// @inheritdoc IExchangeRegistry
    function getComplement(uint256 token) external view returns (uint256) {
        return _registry[token].complement;
    }

    /// @inheritdoc IExchangeRegistry
    function getConditionId(uint256 token) external view returns (bytes32) {
        return _registry[token].conditionId;
    }

    /// @inheritdoc IExchangeRegistry
    function getNegRiskAdapter(uint256 token) external view returns (address) {
        return _registry[token].negRiskAdapter;
    }

    /// @inheritdoc IExchangeRegistry
    function isRegistered(uint256 token) external view returns (bool) {
        return _registry[token].complement != 0;
    }

    /// @dev The complement of `token`; zero when it is not registered.
    function _complementOf(uint256 token) internal view returns (uint256) {
        return _registry[token].complement;
    }

    /// @dev Splits collateral into `amount` full sets of `tokenId`'s condition: through the
    /// conditional tokens for a plain position, otherwise through the pair's adapter.
    function _splitFullSets(uint256 tokenId, uint256 amount) internal {
        (bytes32 conditionId, address adapter) = _fullSetRoute(tokenId);
        if (adapter == address(0)) _splitPlain(conditionId, amount);
        else INegRiskSplitter(adapter).splitPosition(conditionId, amount);
    }

    /// @dev Merges `amount` full sets of `tokenId`'s condition into collateral (see `_splitFullSets`).
    function _mergeFullSets(uint256 tokenId, uint256 amount) internal {
        (bytes32 conditionId, address adapter) = _fullSetRoute(tokenId);
        if (adapter == address(0)) _mergePlain(conditionId, amount);
        else INegRiskSplitter(adapter).mergePositions(conditionId, amount);
    }

    /// @dev `tokenId`'s condition and the adapter that splits and merges it, zero for a plain
    /// position (the adapter slot is read only for the others).
    function _fullSetRoute(uint256 tokenId) private view returns (bytes32 conditionId, address adapter) {
        TokenInfo storage info = _registry[tokenId];
        conditionId = info.conditionId;
        if (!_isPlainPosition(tokenId, conditionId)) adapter = info.negRiskAdapter;
    }

    /// @dev For a plain condition, the pair must be the two positions of a prepared binary
    /// condition over the exchange's collateral, so that splitting [1, 2] mints exactly them.
    function _checkPlainPositions(uint256 token, uint256 complement, bytes32 conditionId) private view {
        bool pairIsPositions = _isPlainPosition(token, conditionId) && _isPlainPosition(complement, conditionId);
        if (!pairIsPositions || _ctf.getOutcomeSlotCount(conditionId) != PositionIds.BINARY_OUTCOME_SLOTS) {
            revert NotConditionPositions(token, complement, conditionId);
        }
    }
}

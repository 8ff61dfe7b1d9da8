// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenRegistry} from "../ITokenRegistry.sol";

/// @title IExchangeRegistry
/// @notice Which outcome tokens trade on the exchange: each registered token with its complement
/// (the other outcome of the same binary condition) and, for multi-outcome markets, the adapter
/// that mints and merges the pair.
interface IExchangeRegistry is ITokenRegistry {
    /// @notice The order's token is not registered.
    error TokenNotRegistered(uint256 tokenId);
    /// @notice The token or its complement is already registered.
    error TokenAlreadyRegistered(uint256 tokenId);
    /// @notice Token and complement must be distinct and non-zero.
    error InvalidTokenPair(uint256 token, uint256 complement);
    /// @notice For a plain CTF condition the pair must be the condition's two positions over the
    /// exchange's collateral, on a prepared two-outcome condition.
    error NotConditionPositions(uint256 token, uint256 complement, bytes32 conditionId);
    /// @notice A pair minted through an adapter must not be the plain positions of its condition
    /// over the exchange's collateral (those are registered without an adapter).
    error PlainPositionsWithAdapter(uint256 token, uint256 complement, bytes32 conditionId);

    /// @notice A token was registered with its complement (emitted once per direction).
    event TokenRegistered(
        uint256 indexed token,
        uint256 indexed complement,
        bytes32 indexed conditionId,
        address negRiskAdapter
    );

    /// @notice Registers a tradable token and its complement, both ways.
    /// @dev Admin or registrars. `negRiskAdapter == address(0)`: a plain binary CTF condition over
    /// the exchange's collateral, whose two positions must be `token` and `complement`. Otherwise
    /// the adapter mints and merges the pair (INegRiskSplitter) and the exchange approves it for
    /// collateral and outcome tokens.
    /// @param token An outcome token id.
    /// @param complement The other outcome token of the same binary condition.
    /// @param conditionId The binary condition.
    /// @param negRiskAdapter The splitter for multi-outcome questions, or zero.
    function registerToken(
        uint256 token,
        uint256 complement,
        bytes32 conditionId,
        address negRiskAdapter
    ) external override;

    /// @notice The complement of a registered token (0 if unregistered).
    function getComplement(uint256 token) external view returns (uint256);

    /// @notice The condition of a registered token (0 if unregistered).
    function getConditionId(uint256 token) external view returns (bytes32);

    /// @notice The neg-risk adapter of a registered token (0 for a plain CTF condition or unregistered).
    function getNegRiskAdapter(uint256 token) external view returns (address);

    /// @notice Whether a token is registered.
    function isRegistered(uint256 token) external view returns (bool);
}

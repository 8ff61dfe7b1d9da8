// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAssetOperations} from "./exchange/IAssetOperations.sol";
import {IExchangeRegistry} from "./exchange/IExchangeRegistry.sol";
import {IExchangeRoles} from "./exchange/IExchangeRoles.sol";
import {IMatching} from "./exchange/IMatching.sol";
import {IOrderValidation} from "./exchange/IOrderValidation.sol";

/// @title IExchange
/// @notice Settlement of signed limit orders on conditional-token outcome tokens, wire-compatible
/// with Polymarket's CTF Exchange V1 order model (same Order struct and EIP-712 type). One
/// interface per concern, each implemented by one mixin of contracts/exchange/mixins:
/// roles and pause, asset operations, the token registry, order validation, matching.
interface IExchange is IExchangeRoles, IAssetOperations, IExchangeRegistry, IOrderValidation, IMatching {}

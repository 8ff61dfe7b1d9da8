// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IConditionalTokens} from "../interfaces/IConditionalTokens.sol";
import {IExchange} from "../interfaces/IExchange.sol";
import {AssetOperations} from "./mixins/AssetOperations.sol";
import {ExchangeRoles} from "./mixins/ExchangeRoles.sol";
import {Matching} from "./mixins/Matching.sol";
import {OrderValidation} from "./mixins/OrderValidation.sol";

/// @title Exchange
/// @notice Settles signed limit orders on outcome tokens against each other (matchOrders) or
/// against an operator (fillOrder), never moving a maker's funds beyond what it signed.
/// @dev The entry contract: it only wires the mixins together, each one concern with its own
/// interface (contracts/interfaces/exchange), from the most basic to the most derived:
/// ExchangeRoles (admin, roles, pause, fee recipient) → AssetOperations (collateral, outcome
/// tokens, split and merge, rescue) → TokenRegistry (tradable pairs) → OrderValidation (hash,
/// signature, nonce, status, cancel) → Matching (matchOrders, fillOrder).
contract Exchange is IExchange, Matching {
    /// @param admin_ The admin (two-step transferable owner).
    /// @param ctf_ The conditional tokens contract.
    /// @param collateral_ The ERC-20 collateral of every plain condition traded here.
    /// @param feeRecipient_ Where fees are paid.
    /// @param name_ EIP-712 domain name (deploy default "Forkcast").
    /// @param version_ EIP-712 domain version (deploy default "1").
    /// @param polymarketEvents_ Whether to log Polymarket's `OrdersMatched` and `FeeCharged` as well
    /// (deploy default false: see `polymarketEvents`).
    constructor(
        address admin_,
        IConditionalTokens ctf_,
        IERC20 collateral_,
        address feeRecipient_,
        string memory name_,
        string memory version_,
        bool polymarketEvents_
    )
        ExchangeRoles(admin_, feeRecipient_)
        AssetOperations(ctf_, collateral_)
        OrderValidation(name_, version_)
        Matching(polymarketEvents_)
    {}
}

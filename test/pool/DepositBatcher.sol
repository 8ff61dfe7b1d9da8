// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IBettingPool} from "../../contracts/interfaces/IBettingPool.sol";

/// @title DepositBatcher
/// @notice Bench and test helper: makes many small pool deposits in one transaction so that a pool
/// with thousands of deposits can be built quickly. It holds the LP NFTs it receives.
contract DepositBatcher {
    /// @notice Deposits `amount` into `pool` `count` times, from this contract's own balance.
    function depositMany(IBettingPool pool, IERC20 token, uint256 amount, uint256 count) external {
        token.approve(address(pool), amount * count);
        for (uint256 i; i < count; ++i) {
            pool.deposit(amount);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "./Test.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";

/// @title BaseFixture
/// @notice What every subsystem fixture starts from: the clock at START, the cast of named actors
/// (an admin, a treasury, two traders, a creator, a proposer, a disputer and an arbiter) and the
/// test collateral (this contract may mint it); plus the deploy of the oracle stack that the oracle
/// and market fixtures share.
abstract contract BaseFixture is Test {
    uint256 internal constant START = 1_700_000_000;

    TestUSD internal usd;
    address internal admin;
    address internal treasury;
    address internal alice;
    address internal bob;
    address internal creator;
    address internal proposer;
    address internal disputer;
    address internal arbiter;

    function setUp() public virtual {
        vm.warp(START);
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        creator = makeAddr("creator");
        proposer = makeAddr("proposer");
        disputer = makeAddr("disputer");
        arbiter = makeAddr("arbiter");
        usd = new TestUSD(address(this), false);
    }

    /// @dev Mints `amount` of collateral to `who` and lets each of `spenders` pull all of it.
    function _mintAndApprove(address who, uint256 amount, address[] memory spenders) internal {
        usd.mint(who, amount);
        vm.startPrank(who);
        for (uint256 i; i < spenders.length; ++i) usd.approve(spenders[i], type(uint256).max);
        vm.stopPrank();
    }

    /// @dev A 1-of-1 committee whose only member is `member`, and the optimistic oracle on the
    /// collateral with that committee as arbitrator, owned by the admin, fees to the treasury.
    function _deployOracle(
        address member,
        uint256 feeBps
    ) internal returns (CommitteeArbitrator arbitrator_, OptimisticOracle oracle_) {
        address[] memory members = new address[](1);
        members[0] = member;
        arbitrator_ = new CommitteeArbitrator(admin, members, 1);
        oracle_ = new OptimisticOracle(IERC20(address(usd)), address(arbitrator_), admin, feeBps, treasury);
    }
}

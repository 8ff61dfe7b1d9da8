// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {Test} from "../lib/Test.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {ITestUSD} from "../../contracts/interfaces/ITestUSD.sol";

contract TestUSDTest is Test {
    TestUSD internal usd;
    address internal owner = makeAddr("owner");
    address internal alice = makeAddr("alice");

    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    function setUp() public {
        usd = new TestUSD(owner, true);
        vm.warp(1_700_000_000);
    }

    function test_decimals_isSix() public view {
        assertEq(usd.decimals(), 6, "stablecoin decimals");
        assertEq(usd.symbol(), "tUSD", "symbol");
    }

    function test_faucet_paysFixedAmountAndEmits() public {
        vm.expectEmit(address(usd));
        emit ITestUSD.FaucetDripped(alice, usd.FAUCET_AMOUNT());
        vm.prank(alice);
        usd.faucet();
        assertEq(usd.balanceOf(alice), 1_000e6, "faucet amount");
        assertEq(usd.nextFaucetAt(alice), block.timestamp + 1 hours, "next faucet time");
    }

    function test_RevertWhen_faucetCalledWithinCooldown() public {
        vm.prank(alice);
        usd.faucet();
        vm.warp(block.timestamp + 1 hours - 1);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(ITestUSD.FaucetCoolingDown.selector, alice, 1_700_000_000 + 1 hours)
        );
        usd.faucet();
    }

    function test_faucet_worksAgainAfterCooldown() public {
        vm.prank(alice);
        usd.faucet();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(alice);
        usd.faucet();
        assertEq(usd.balanceOf(alice), 2_000e6, "two drips");
    }

    function test_RevertWhen_faucetDisabled() public {
        vm.prank(owner);
        usd.setFaucetEnabled(false);
        assertFalse(usd.faucetEnabled(), "disabled");
        _expectRevertFrom(alice, abi.encodeWithSelector(ITestUSD.FaucetDisabled.selector));
        usd.faucet();
    }

    function test_setFaucetEnabled_emits() public {
        vm.expectEmit(address(usd));
        emit ITestUSD.FaucetEnabledSet(false);
        vm.prank(owner);
        usd.setFaucetEnabled(false);
    }

    function test_RevertWhen_nonOwnerMints() public {
        _expectRevertFrom(alice, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        usd.mint(alice, 1);
    }

    function test_RevertWhen_nonOwnerSwitchesFaucet() public {
        _expectRevertFrom(alice, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        usd.setFaucetEnabled(false);
    }

    function test_mint_byOwner() public {
        vm.prank(owner);
        usd.mint(alice, 5e6);
        assertEq(usd.balanceOf(alice), 5e6, "minted");
        assertEq(usd.nextFaucetAt(alice), 0, "mint does not start a cooldown");
    }

    function test_permit_setsAllowanceFromSignature() public {
        (address holder, uint256 key) = makeAddrAndKey("holder");
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1 days;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, spender, 7e6, 0, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        usd.permit(holder, spender, 7e6, deadline, v, r, s);
        assertEq(usd.allowance(holder, spender), 7e6, "allowance from permit");
        assertEq(usd.nonces(holder), 1, "nonce used");
    }
}

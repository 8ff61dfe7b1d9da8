// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {ExchangeFixture} from "./ExchangeFixture.sol";
import {MockNegRiskSplitter} from "./MockNegRiskSplitter.sol";
import {Exchange} from "../../contracts/exchange/Exchange.sol";
import {IAssetOperations} from "../../contracts/interfaces/exchange/IAssetOperations.sol";
import {IExchangeRegistry} from "../../contracts/interfaces/exchange/IExchangeRegistry.sol";
import {IExchangeRoles} from "../../contracts/interfaces/exchange/IExchangeRoles.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {Order} from "../../contracts/libraries/OrderStructs.sol";

/// @notice Roles, pause, fee recipient, rescue, the token registry and the EIP-712 hash.
contract ExchangeAdminTest is ExchangeFixture {
    address internal stranger;

    function setUp() public override {
        super.setUp();
        stranger = makeAddr("stranger");
    }

    // ------------------------------------------------------------------ construction and hashing

    /// @dev Expects the admin's registration of the pair `a`, `b` of `id` with `adapter` to revert with `err`.
    function _expectRegisterReverts(bytes memory err, uint256 a, uint256 b, bytes32 id, address adapter) private {
        vm.prank(admin);
        vm.expectRevert(err);
        exchange.registerToken(a, b, id, adapter);
    }

    function test_constructor_setsAdminCollateralAndFeeRecipient() public view {
        assertEq(exchange.owner(), admin, "admin");
        assertEq(exchange.ctf(), address(ctf), "ctf");
        assertEq(exchange.collateral(), address(usd), "collateral");
        assertEq(exchange.feeRecipient(), feeRecipient, "fee recipient");
        assertEq(exchange.MAX_FEE_RATE_BPS(), 1_000, "max fee");
        assertTrue(exchange.isOperator(operator), "operator");
        assertFalse(exchange.tradingPaused(), "not paused");
    }

    function test_RevertWhen_constructorGetsZeroFeeRecipient() public {
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.ZeroAddress.selector));
        new Exchange(admin, IConditionalTokens(address(ctf)), IERC20(address(usd)), address(0), "Forkcast", "1", false);
    }

    function test_hashOrder_isEip712DigestOfPolymarketOrderType() public {
        Order memory order = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        order.expiration = 123;
        order.nonce = 0;
        order.feeRateBps = 50;
        order.taker = bob;
        bytes32 typeHash = keccak256(
            "Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType)"
        );
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(typeHash, order.salt, order.maker, order.signer, order.taker, order.tokenId),
                abi.encode(order.makerAmount, order.takerAmount, order.expiration, order.nonce, order.feeRateBps),
                abi.encode(order.side, order.signatureType)
            )
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Forkcast"),
                keccak256("1"),
                block.chainid,
                address(exchange)
            )
        );
        assertEq(exchange.domainSeparator(), domain, "domain separator");
        assertEq(
            exchange.hashOrder(order),
            keccak256(abi.encodePacked("\x19\x01", domain, structHash)),
            "EIP-712 digest"
        );
        assertEq(exchange.ORDER_TYPEHASH(), typeHash, "type hash");
    }

    // ------------------------------------------------------------------ roles

    function test_addAndRemoveRoles_byAdmin() public {
        vm.startPrank(admin);
        vm.expectEmit(address(exchange));
        emit IExchangeRoles.OperatorAdded(stranger);
        exchange.addOperator(stranger);
        exchange.addPauser(stranger);
        exchange.addRegistrar(stranger);
        assertTrue(
            exchange.isOperator(stranger) && exchange.isPauser(stranger) && exchange.isRegistrar(stranger),
            "all roles"
        );
        vm.expectEmit(address(exchange));
        emit IExchangeRoles.OperatorRemoved(stranger);
        exchange.removeOperator(stranger);
        assertFalse(exchange.isOperator(stranger), "operator removed");
        assertTrue(exchange.isPauser(stranger), "pauser kept");
        exchange.removePauser(stranger);
        exchange.removeRegistrar(stranger);
        vm.stopPrank();
        assertFalse(exchange.isPauser(stranger) || exchange.isRegistrar(stranger), "roles removed");
    }

    function test_RevertWhen_roleManagedByNonAdmin() public {
        bytes memory err = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(err);
        exchange.addOperator(stranger);
        vm.expectRevert(err);
        exchange.removeOperator(operator);
        vm.expectRevert(err);
        exchange.addPauser(stranger);
        vm.expectRevert(err);
        exchange.removePauser(stranger);
        vm.expectRevert(err);
        exchange.addRegistrar(stranger);
        vm.expectRevert(err);
        exchange.removeRegistrar(stranger);
        vm.expectRevert(err);
        exchange.setFeeRecipient(stranger);
        vm.expectRevert(err);
        exchange.rescue(address(usd), stranger, 1);
        vm.expectRevert(err);
        exchange.rescueERC1155(address(ctf), yes, stranger, 1);
        vm.expectRevert(err);
        exchange.transferOwnership(stranger);
        vm.stopPrank();
    }

    function test_adminTransfer_takesTwoSteps() public {
        vm.prank(admin);
        exchange.transferOwnership(stranger);
        assertEq(exchange.owner(), admin, "still admin until accepted");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        exchange.acceptOwnership();
        vm.prank(stranger);
        exchange.acceptOwnership();
        assertEq(exchange.owner(), stranger, "new admin");
    }

    // ------------------------------------------------------------------ pause

    function test_pause_stopsFillsButNotCancels() public {
        vm.prank(admin);
        exchange.addPauser(admin);
        vm.prank(admin);
        vm.expectEmit(address(exchange));
        emit IExchangeRoles.TradingPausedBy(admin);
        exchange.pauseTrading();
        assertTrue(exchange.tradingPaused(), "paused");

        Order memory order = _signed(alice, yes, BUY, 40 * USDC, 100 * USDC);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.TradingPaused.selector));
        exchange.fillOrder(order, 40 * USDC);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.TradingPaused.selector));
        exchange.fillOrders(_one(order), _one(40 * USDC));
        Order memory sell = _signed(bob, yes, SELL, 100 * USDC, 40 * USDC);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.TradingPaused.selector));
        exchange.matchOrders(order, _one(sell), 40 * USDC, _one(100 * USDC));

        vm.prank(alice);
        exchange.cancelOrder(order);
        vm.prank(alice);
        exchange.incrementNonce();
        assertEq(exchange.nonces(alice), 1, "nonce works while paused");

        vm.prank(admin);
        exchange.unpauseTrading();
        assertFalse(exchange.tradingPaused(), "unpaused");
        vm.prank(operator);
        exchange.fillOrder(sell, 100 * USDC);
    }

    function test_pause_coversOperatorsAddedWhilePausedAndClearsOnUnpause() public {
        address second = makeAddr("second operator");
        address third = makeAddr("third operator");
        _fund(second);
        _fund(third);
        vm.startPrank(admin);
        exchange.addPauser(admin);
        exchange.addOperator(second);
        exchange.pauseTrading();
        exchange.addOperator(third);
        // Adding an existing operator again keeps it paused.
        exchange.addOperator(second);
        vm.stopPrank();

        Order memory sell = _signed(bob, yes, SELL, 100 * USDC, 40 * USDC);
        address[3] memory operators = [operator, second, third];
        for (uint256 i; i < operators.length; ++i) {
            vm.prank(operators[i]);
            vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.TradingPaused.selector));
            exchange.fillOrder(sell, 10 * USDC);
        }

        // An operator removed while paused and re-added after unpausing trades; a removed one cannot.
        vm.startPrank(admin);
        exchange.removeOperator(second);
        exchange.unpauseTrading();
        exchange.addOperator(second);
        exchange.removeOperator(third);
        vm.stopPrank();
        assertFalse(exchange.isOperator(third), "third removed");
        vm.prank(third);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotOperator.selector, third));
        exchange.fillOrder(sell, 10 * USDC);
        vm.prank(operator);
        exchange.fillOrder(sell, 10 * USDC);
        vm.prank(second);
        exchange.fillOrder(sell, 10 * USDC);
        (, uint256 remaining) = exchange.getOrderStatus(exchange.hashOrder(sell));
        assertEq(remaining, 80 * USDC, "two fills after unpause");

        // Pausing again marks the operators present now, and only them.
        vm.prank(admin);
        exchange.pauseTrading();
        vm.prank(second);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.TradingPaused.selector));
        exchange.fillOrder(sell, 10 * USDC);
        vm.prank(third);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotOperator.selector, third));
        exchange.fillOrder(sell, 10 * USDC);
    }

    function test_removeOperator_ofNonOperatorOnlyEmits() public {
        vm.prank(admin);
        vm.expectEmit(address(exchange));
        emit IExchangeRoles.OperatorRemoved(stranger);
        exchange.removeOperator(stranger);
        assertTrue(exchange.isOperator(operator), "others kept");
        assertFalse(exchange.isOperator(stranger), "still not operator");
    }

    function test_RevertWhen_pauseByNonPauser() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotPauser.selector, admin));
        exchange.pauseTrading();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotPauser.selector, stranger));
        exchange.unpauseTrading();
    }

    // ------------------------------------------------------------------ fee recipient and rescue

    function test_setFeeRecipient_updatesAndEmits() public {
        vm.prank(admin);
        vm.expectEmit(address(exchange));
        emit IExchangeRoles.FeeRecipientSet(stranger);
        exchange.setFeeRecipient(stranger);
        assertEq(exchange.feeRecipient(), stranger, "fee recipient");
    }

    function test_RevertWhen_feeRecipientIsZero() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.ZeroAddress.selector));
        exchange.setFeeRecipient(address(0));
    }

    function test_rescue_returnsMistakenDeposits() public {
        vm.prank(alice);
        usd.transfer(address(exchange), 7 * USDC);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, address(exchange), yes, 3 * USDC, "");

        vm.startPrank(admin);
        vm.expectEmit(address(exchange));
        emit IAssetOperations.Rescued(address(usd), 0, stranger, 7 * USDC);
        exchange.rescue(address(usd), stranger, 7 * USDC);
        vm.expectEmit(address(exchange));
        emit IAssetOperations.Rescued(address(ctf), yes, stranger, 3 * USDC);
        exchange.rescueERC1155(address(ctf), yes, stranger, 3 * USDC);
        vm.stopPrank();
        assertEq(usd.balanceOf(stranger), 7 * USDC, "collateral rescued");
        assertEq(ctf.balanceOf(stranger, yes), 3 * USDC, "tokens rescued");
        _assertExchangeEmpty();
    }

    function test_RevertWhen_rescueToZeroAddress() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.ZeroAddress.selector));
        exchange.rescue(address(usd), address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.ZeroAddress.selector));
        exchange.rescueERC1155(address(ctf), yes, address(0), 1);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ registry

    /// @dev Prepares a plain condition and returns it with the positions of its first two outcomes.
    function _newCondition(bytes32 question, uint256 outcomes) internal returns (bytes32 id, uint256 a, uint256 b) {
        ctf.prepareCondition(oracle, question, outcomes);
        id = ctf.getConditionId(oracle, question, outcomes);
        a = _position(id, 1);
        b = _position(id, 2);
    }

    function test_registerToken_registersBothWays() public view {
        assertEq(exchange.getComplement(yes), no, "yes -> no");
        assertEq(exchange.getComplement(no), yes, "no -> yes");
        assertEq(exchange.getConditionId(no), conditionId, "condition");
        assertEq(exchange.getNegRiskAdapter(yes), address(0), "plain");
        assertTrue(exchange.isRegistered(yes) && exchange.isRegistered(no), "registered");
        assertFalse(exchange.isRegistered(12345), "unknown token");
    }

    function test_registerToken_byRegistrarEmitsBothDirections() public {
        (bytes32 id, uint256 a, uint256 b) = _newCondition(keccak256("second"), 2);
        vm.prank(admin);
        exchange.addRegistrar(stranger);
        vm.prank(stranger);
        vm.expectEmit(address(exchange));
        emit IExchangeRegistry.TokenRegistered(b, a, id, address(0));
        vm.expectEmit(address(exchange));
        emit IExchangeRegistry.TokenRegistered(a, b, id, address(0));
        exchange.registerToken(b, a, id, address(0));
        assertEq(exchange.getComplement(a), b, "registered by registrar");
    }

    function test_RevertWhen_registerTokenByStranger() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRoles.NotRegistrar.selector, stranger));
        exchange.registerToken(1, 2, conditionId, address(0));
    }

    function test_RevertWhen_registerTokenTwice() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRegistry.TokenAlreadyRegistered.selector, yes));
        exchange.registerToken(yes, no, conditionId, address(0));
        vm.expectRevert(abi.encodeWithSelector(IExchangeRegistry.TokenAlreadyRegistered.selector, no));
        exchange.registerToken(77, no, conditionId, address(0));
        vm.stopPrank();
    }

    function test_RevertWhen_registerTokenPairInvalid() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IExchangeRegistry.InvalidTokenPair.selector, 5, 5));
        exchange.registerToken(5, 5, conditionId, address(0));
        vm.expectRevert(abi.encodeWithSelector(IExchangeRegistry.InvalidTokenPair.selector, 0, 5));
        exchange.registerToken(0, 5, conditionId, address(0));
        vm.stopPrank();
    }

    function test_RevertWhen_plainPairIsNotTheConditionPositions() public {
        (bytes32 id, uint256 a, ) = _newCondition(keccak256("second"), 2);
        _expectRegisterReverts(
            abi.encodeWithSelector(IExchangeRegistry.NotConditionPositions.selector, a, 99, id),
            a,
            99,
            id,
            address(0)
        );
    }

    function test_RevertWhen_plainConditionHasMoreThanTwoOutcomes() public {
        (bytes32 id, uint256 a, uint256 b) = _newCondition(keccak256("three"), 3);
        _expectRegisterReverts(
            abi.encodeWithSelector(IExchangeRegistry.NotConditionPositions.selector, a, b, id),
            a,
            b,
            id,
            address(0)
        );
    }

    function test_registerToken_withAdapterApprovesIt() public {
        (MockNegRiskSplitter adapter, , , uint256 b) = _registerNegRiskPair();
        assertEq(exchange.getNegRiskAdapter(b), address(adapter), "adapter stored");
        assertEq(usd.allowance(address(exchange), address(adapter)), type(uint256).max, "collateral approved");
        assertTrue(ctf.isApprovedForAll(address(exchange), address(adapter)), "positions approved");
    }

    function test_RevertWhen_adapterPairIsPlainPositions() public {
        (bytes32 id, uint256 a, uint256 b) = _newCondition(keccak256("second"), 2);
        _expectRegisterReverts(
            abi.encodeWithSelector(IExchangeRegistry.PlainPositionsWithAdapter.selector, a, b, id),
            a,
            b,
            id,
            stranger
        );
    }
}

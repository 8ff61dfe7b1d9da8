// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "../lib/Test.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {Exchange} from "../../contracts/exchange/Exchange.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {Order, Side, SignatureType} from "../../contracts/libraries/OrderStructs.sol";
import {MockNegRiskSplitter} from "./MockNegRiskSplitter.sol";

/// @dev A public EOA order with no fee, no expiry and nonce 0, signed by its maker (unsigned yet).
function eoaOrder(
    uint256 salt,
    address maker,
    uint256 tokenId,
    uint8 side,
    uint256 makerAmount,
    uint256 takerAmount
) pure returns (Order memory order) {
    order.salt = salt;
    order.maker = maker;
    order.signer = maker;
    order.tokenId = tokenId;
    order.makerAmount = makerAmount;
    order.takerAmount = takerAmount;
    order.side = side;
    order.signatureType = uint8(SignatureType.EOA);
}

/// @notice Shared setup for exchange tests: tokens, a registered binary market, funded traders
/// with keys, and helpers that build and sign orders.
abstract contract ExchangeFixture is Test {
    uint8 internal constant BUY = uint8(Side.BUY);
    uint8 internal constant SELL = uint8(Side.SELL);
    uint256 internal constant USDC = 1e6;
    uint256 internal constant STAKE = 1_000_000 * USDC;
    bytes32 internal constant QUESTION = keccak256("Will the exchange settle?");

    ConditionalTokens internal ctf;
    TestUSD internal usd;
    Exchange internal exchange;

    address internal admin;
    address internal operator;
    address internal feeRecipient;
    address internal oracle;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol;
    uint256 internal carolKey;

    bytes32 internal conditionId;
    uint256 internal yes;
    uint256 internal no;
    uint256 private _salt;

    /// @dev Whether the exchange under test logs Polymarket's events (a deploy-time choice).
    function _polymarketEvents() internal pure virtual returns (bool) {
        return false;
    }

    function setUp() public virtual {
        admin = makeAddr("admin");
        operator = makeAddr("operator");
        feeRecipient = makeAddr("feeRecipient");
        oracle = makeAddr("oracle");
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        (carol, carolKey) = makeAddrAndKey("carol");

        usd = new TestUSD(address(this), false);
        ctf = new ConditionalTokens("");
        exchange = new Exchange(
            admin,
            IConditionalTokens(address(ctf)),
            IERC20(address(usd)),
            feeRecipient,
            "Forkcast",
            "1",
            _polymarketEvents()
        );
        vm.prank(admin);
        exchange.addOperator(operator);

        ctf.prepareCondition(oracle, QUESTION, 2);
        conditionId = ctf.getConditionId(oracle, QUESTION, 2);
        yes = _position(conditionId, 1);
        no = _position(conditionId, 2);
        vm.prank(admin);
        exchange.registerToken(yes, no, conditionId, address(0));

        _fund(alice);
        _fund(bob);
        _fund(carol);
        _fund(operator);
    }

    function _position(bytes32 condition, uint256 indexSet) internal view returns (uint256) {
        return ctf.getPositionId(IERC20(address(usd)), ctf.getCollectionId(bytes32(0), condition, indexSet));
    }

    /// @dev Gives `who` collateral plus YES and NO, with approvals to the exchange.
    function _fund(address who) internal {
        usd.mint(who, 2 * STAKE);
        vm.startPrank(who);
        usd.approve(address(ctf), type(uint256).max);
        ctf.splitPosition(IERC20(address(usd)), bytes32(0), conditionId, _partition(), STAKE);
        usd.approve(address(exchange), type(uint256).max);
        ctf.setApprovalForAll(address(exchange), true);
        vm.stopPrank();
    }

    function _partition() internal pure returns (uint256[] memory partition) {
        partition = new uint256[](2);
        partition[0] = 1;
        partition[1] = 2;
    }

    /// @dev A public EOA order with no fee, no expiry and a fresh salt.
    function _order(
        address maker,
        uint256 tokenId,
        uint8 side,
        uint256 makerAmount,
        uint256 takerAmount
    ) internal returns (Order memory) {
        return eoaOrder(++_salt, maker, tokenId, side, makerAmount, takerAmount);
    }

    function _sign(Order memory order, uint256 key) internal view returns (Order memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, exchange.hashOrder(order));
        order.signature = abi.encodePacked(r, s, v);
        return order;
    }

    function _keyOf(address who) internal view returns (uint256) {
        if (who == alice) return aliceKey;
        if (who == bob) return bobKey;
        return carolKey;
    }

    function _signed(
        address maker,
        uint256 tokenId,
        uint8 side,
        uint256 makerAmount,
        uint256 takerAmount
    ) internal returns (Order memory) {
        return _sign(_order(maker, tokenId, side, makerAmount, takerAmount), _keyOf(maker));
    }

    function _one(Order memory order) internal pure returns (Order[] memory orders) {
        orders = new Order[](1);
        orders[0] = order;
    }

    function _one(uint256 value) internal pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = value;
    }

    function _two(Order memory a, Order memory b) internal pure returns (Order[] memory orders) {
        orders = new Order[](2);
        orders[0] = a;
        orders[1] = b;
    }

    function _two(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        values[0] = a;
        values[1] = b;
    }

    /// @dev Expects the operator's one-maker match with these fills to revert with `err`.
    function _expectMatchReverts(
        bytes memory err,
        Order memory taker,
        Order memory maker,
        uint256 takerFill,
        uint256 makerFill
    ) internal {
        vm.prank(operator);
        vm.expectRevert(err);
        exchange.matchOrders(taker, _one(maker), takerFill, _one(makerFill));
    }

    /// @dev Prepares a binary condition, a mock neg-risk adapter whose wrapped positions `a` and `b`
    /// are its two outcomes, and registers the pair with that adapter.
    function _registerNegRiskPair() internal returns (MockNegRiskSplitter adapter, bytes32 id, uint256 a, uint256 b) {
        adapter = new MockNegRiskSplitter(IConditionalTokens(address(ctf)), IERC20(address(usd)));
        ctf.prepareCondition(oracle, keccak256("neg risk"), 2);
        id = ctf.getConditionId(oracle, keccak256("neg risk"), 2);
        a = adapter.positionId(id, 1);
        b = adapter.positionId(id, 2);
        vm.prank(admin);
        exchange.registerToken(a, b, id, address(adapter));
    }

    function _match(Order memory taker, Order memory maker, uint256 takerFill, uint256 makerFill) internal {
        vm.prank(operator);
        exchange.matchOrders(taker, _one(maker), takerFill, _one(makerFill));
    }

    /// @dev ceil(a * b / c), the exchange's rounding for what an order receives.
    function _ceilMulDiv(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        return (a * b + c - 1) / c;
    }

    function _assertExchangeEmpty() internal view {
        assertEq(usd.balanceOf(address(exchange)), 0, "exchange holds no collateral");
        assertEq(ctf.balanceOf(address(exchange), yes), 0, "exchange holds no YES");
        assertEq(ctf.balanceOf(address(exchange), no), 0, "exchange holds no NO");
    }
}

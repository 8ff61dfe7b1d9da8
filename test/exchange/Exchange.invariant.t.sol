// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExchangeFixture, eoaOrder} from "./ExchangeFixture.sol";
import {Test} from "../lib/Test.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {Exchange} from "../../contracts/exchange/Exchange.sol";
import {Order, Side} from "../../contracts/libraries/OrderStructs.sol";

/// @notice Drives the exchange with bounded random matches, fills and mistaken deposits, and
/// records in ghost variables what the invariants check.
contract ExchangeHandler is Test {
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SHARES = 10_000e6;
    uint8 private constant BUY = uint8(Side.BUY);
    uint8 private constant SELL = uint8(Side.SELL);

    Exchange public immutable exchange;
    ConditionalTokens public immutable ctf;
    TestUSD public immutable usd;
    address public immutable operator;
    uint256 public immutable yes;
    uint256 public immutable no;

    address[3] public actors;
    uint256[3] private _keys;
    uint256 private _salt;

    /// @notice Fills where an order got less than its signed price (net + signed fee) or gave more than its fill.
    uint256 public priceViolations;
    uint256 public settledMatches;
    uint256 public settledFills;
    uint256 public donatedUsd;
    uint256 public donatedYes;
    uint256 public donatedNo;
    /// @notice Cancelled or nonce-voided orders that could still be filled afterwards.
    uint256 public voidedOrdersFilled;

    struct Snapshot {
        uint256 usd;
        uint256 yes;
        uint256 no;
    }

    constructor(
        Exchange exchange_,
        ConditionalTokens ctf_,
        TestUSD usd_,
        address operator_,
        uint256 yes_,
        uint256 no_,
        address[3] memory actors_,
        uint256[3] memory keys_
    ) {
        exchange = exchange_;
        ctf = ctf_;
        usd = usd_;
        operator = operator_;
        yes = yes_;
        no = no_;
        actors = actors_;
        _keys = keys_;
    }

    // ------------------------------------------------------------------ actions

    struct MatchPlan {
        uint256 t;
        uint256 m;
        Order taker;
        Order maker;
        uint256 takerGives;
        uint256 makerFill;
    }

    /// @notice A taker order matched against one maker order of a random type, price and fill.
    function matchOrders(
        uint256 takerSeed,
        uint8 kind,
        uint256 shares,
        uint256 makerPriceBps,
        uint256 takerPriceBps,
        uint256 fillBps,
        uint256 feeSeed
    ) external {
        kind = uint8(bound(kind, 0, 2));
        MatchPlan memory plan;
        plan.t = bound(takerSeed, 0, 2);
        plan.m = (plan.t + 1) % 3;
        shares = bound(shares, 2, MAX_SHARES);
        makerPriceBps = bound(makerPriceBps, 1, BPS - 1);
        uint256 crossing = kind == 0 ? makerPriceBps : BPS - makerPriceBps;
        takerPriceBps = kind == 2 ? bound(takerPriceBps, 1, crossing) : bound(takerPriceBps, crossing, BPS);

        uint256 makerCollateral = (shares * makerPriceBps) / BPS;
        if (makerCollateral == 0) return;
        plan.maker =
            kind == 1
                ? _order(plan.m, no, BUY, makerCollateral, shares)
                : _order(plan.m, kind == 0 ? yes : no, SELL, shares, makerCollateral);
        plan.maker.feeRateBps = feeSeed % 1_001;
        plan.maker = _sign(plan.maker, plan.m);
        plan.makerFill = (bound(fillBps, 1, BPS) * plan.maker.makerAmount) / BPS;
        if (plan.makerFill == 0) plan.makerFill = 1;
        uint256 makerTaking =
            (plan.makerFill * plan.maker.takerAmount + plan.maker.makerAmount - 1) / plan.maker.makerAmount;

        bool takerBuys = kind != 2;
        plan.takerGives =
            kind == 0
                ? makerTaking
                : kind == 1
                    ? makerTaking - plan.makerFill
                    : plan.makerFill;
        if (plan.takerGives == 0) return;
        uint256 takerTaking =
            takerBuys ? (plan.takerGives * BPS) / takerPriceBps : (plan.takerGives * takerPriceBps) / BPS;
        if (takerTaking == 0) return;
        plan.taker = _order(plan.t, yes, takerBuys ? BUY : SELL, plan.takerGives, takerTaking);
        plan.taker.feeRateBps = (feeSeed / 1_001) % 1_001;
        plan.taker = _sign(plan.taker, plan.t);
        _settle(plan);
    }

    function _settle(MatchPlan memory plan) internal {
        Snapshot memory t0 = _snap(actors[plan.t]);
        Snapshot memory m0 = _snap(actors[plan.m]);
        Order[] memory makers = new Order[](1);
        makers[0] = plan.maker;
        uint256[] memory fills = new uint256[](1);
        fills[0] = plan.makerFill;
        vm.prank(operator);
        try exchange.matchOrders(plan.taker, makers, plan.takerGives, fills) {
            settledMatches += 1;
        } catch {
            return;
        }
        _checkOrder(plan.maker, m0, _snap(actors[plan.m]), plan.makerFill);
        _checkOrder(plan.taker, t0, _snap(actors[plan.t]), plan.takerGives);
    }

    /// @notice One order filled by the operator.
    function fillOrder(
        uint256 makerSeed,
        bool isBuy,
        uint256 makerAmount,
        uint256 priceBps,
        uint256 fillBps,
        uint256 fee
    ) external {
        uint256 m = bound(makerSeed, 0, 2);
        priceBps = bound(priceBps, 1, BPS);
        makerAmount = bound(makerAmount, 1, (MAX_SHARES * priceBps) / BPS + 1);
        uint256 takerAmount = isBuy ? (makerAmount * BPS) / priceBps : (makerAmount * priceBps) / BPS;
        if (takerAmount == 0) return;
        Order memory order = _order(m, isBuy ? yes : no, isBuy ? BUY : SELL, makerAmount, takerAmount);
        order.feeRateBps = fee % 1_001;
        order = _sign(order, m);
        uint256 fill = (bound(fillBps, 1, BPS) * makerAmount) / BPS;
        if (fill == 0) fill = 1;

        Snapshot memory before = _snap(actors[m]);
        vm.prank(operator);
        try exchange.fillOrder(order, fill) {
            settledFills += 1;
        } catch {
            return;
        }
        _checkOrder(order, before, _snap(actors[m]), fill);
    }

    /// @notice A taker matched against two makers at once: one COMPLEMENTARY and one MINT (taker
    /// buys YES) or one COMPLEMENTARY and one MERGE (taker sells YES), all at price 0.5 or better.
    function matchTwoMakers(
        uint256 takerSeed,
        bool takerBuys,
        uint256 sharesA,
        uint256 sharesB,
        uint256 feeSeed
    ) external {
        uint256 t = bound(takerSeed, 0, 2);
        uint256 m1 = (t + 1) % 3;
        uint256 m2 = (t + 2) % 3;
        sharesA = bound(sharesA, 1, MAX_SHARES) * 2; // even, so that price 0.5 divides exactly
        sharesB = bound(sharesB, 1, MAX_SHARES) * 2;
        Order[] memory makers = new Order[](2);
        uint256[] memory fills = new uint256[](2);
        uint256 takerGives;
        uint256 takerGets;
        if (takerBuys) {
            makers[0] = _order(m1, yes, SELL, sharesA, sharesA / 2); // complementary: sells YES at 0.5
            makers[1] = _order(m2, no, BUY, sharesB / 2, sharesB); // mint: bids 0.5 for NO
            (fills[0], fills[1]) = (sharesA, sharesB / 2);
            takerGives = sharesA / 2 + sharesB / 2;
            takerGets = sharesA + sharesB;
        } else {
            makers[0] = _order(m1, yes, BUY, sharesA / 2, sharesA); // complementary: bids 0.5 for YES
            makers[1] = _order(m2, no, SELL, sharesB, sharesB / 2); // merge: sells NO at 0.5
            (fills[0], fills[1]) = (sharesA / 2, sharesB);
            takerGives = sharesA + sharesB;
            takerGets = sharesA / 2 + sharesB / 2;
        }
        makers[0].feeRateBps = feeSeed % 1_001;
        makers[1].feeRateBps = (feeSeed / 1_001) % 1_001;
        makers[0] = _sign(makers[0], m1);
        makers[1] = _sign(makers[1], m2);
        Order memory taker = _order(t, yes, takerBuys ? BUY : SELL, takerGives, takerGets);
        taker.feeRateBps = (feeSeed / 1_002_001) % 1_001;
        taker = _sign(taker, t);

        Snapshot[3] memory before = [_snap(actors[t]), _snap(actors[m1]), _snap(actors[m2])];
        vm.prank(operator);
        try exchange.matchOrders(taker, makers, takerGives, fills) {
            settledMatches += 1;
        } catch {
            return;
        }
        _checkOrder(taker, before[0], _snap(actors[t]), takerGives);
        _checkOrder(makers[0], before[1], _snap(actors[m1]), fills[0]);
        _checkOrder(makers[1], before[2], _snap(actors[m2]), fills[1]);
    }

    /// @notice A maker voids an order (cancel or nonce increment); no fill of it may succeed later.
    function voidOrder(uint256 makerSeed, bool byNonce, uint256 amount) external {
        uint256 m = bound(makerSeed, 0, 2);
        amount = bound(amount, 2, MAX_SHARES);
        Order memory order = _sign(_order(m, yes, SELL, amount, amount / 2), m);
        vm.prank(actors[m]);
        if (byNonce) exchange.incrementNonce();
        else exchange.cancelOrder(order);
        vm.prank(operator);
        try exchange.fillOrder(order, amount) {
            voidedOrdersFilled += 1;
        } catch {}
    }

    /// @notice An actor sends collateral or outcome tokens to the exchange by mistake.
    function donate(uint256 actorSeed, uint8 asset, uint256 amount) external {
        address from = actors[bound(actorSeed, 0, 2)];
        asset = uint8(bound(asset, 0, 2));
        amount = bound(amount, 1, 1_000e6);
        vm.startPrank(from);
        if (asset == 0) {
            usd.transfer(address(exchange), amount);
            donatedUsd += amount;
        } else {
            uint256 id = asset == 1 ? yes : no;
            ctf.safeTransferFrom(from, address(exchange), id, amount, "");
            if (asset == 1) donatedYes += amount;
            else donatedNo += amount;
        }
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ checks

    /// @dev Given exactly `given` of its maker asset; received (net) + signed fee at its signed price.
    function _checkOrder(Order memory o, Snapshot memory b, Snapshot memory a, uint256 fill) internal {
        bool isBuy = o.side == BUY;
        uint256 otherToken = o.tokenId == yes ? no : yes;
        uint256 tokenBefore = o.tokenId == yes ? b.yes : b.no;
        uint256 tokenAfter = o.tokenId == yes ? a.yes : a.no;
        uint256 otherBefore = otherToken == yes ? b.yes : b.no;
        uint256 otherAfter = otherToken == yes ? a.yes : a.no;
        if (otherBefore != otherAfter) priceViolations += 1; // never touches the other token
        uint256 given;
        uint256 received;
        if (isBuy) {
            if (b.usd < a.usd || tokenAfter < tokenBefore) return _violation();
            given = b.usd - a.usd;
            received = tokenAfter - tokenBefore;
        } else {
            if (a.usd < b.usd || tokenBefore < tokenAfter) return _violation();
            given = tokenBefore - tokenAfter;
            received = a.usd - b.usd;
        }
        if (given > fill) return _violation();
        // Owed at the signed price: given * takerAmount / makerAmount (tokens on a BUY, collateral on a
        // SELL), less at most the signed fee on the shares traded.
        uint256 shares = isBuy ? (given * o.takerAmount + o.makerAmount - 1) / o.makerAmount : given;
        uint256 gross = received + _signedFee(o, shares);
        if (gross * o.makerAmount < given * o.takerAmount) _violation();
    }

    function _violation() internal {
        priceViolations += 1;
    }

    /// @dev Signed fee: rate * min(C, S - C) * shares / (makerAmount * 10_000), rounded up.
    function _signedFee(Order memory o, uint256 shares) internal pure returns (uint256) {
        bool isBuy = o.side == BUY;
        uint256 c = isBuy ? o.makerAmount : o.takerAmount;
        uint256 s = isBuy ? o.takerAmount : o.makerAmount;
        uint256 minLeg = c < s - c ? c : s - c;
        uint256 den = o.makerAmount * BPS;
        return (o.feeRateBps * minLeg * shares + den - 1) / den;
    }

    // ------------------------------------------------------------------ order helpers

    function _order(
        uint256 who,
        uint256 tokenId,
        uint8 side,
        uint256 makerAmount,
        uint256 takerAmount
    ) internal returns (Order memory order) {
        order = eoaOrder(++_salt, actors[who], tokenId, side, makerAmount, takerAmount);
        order.nonce = exchange.nonces(actors[who]);
    }

    function _sign(Order memory order, uint256 who) internal view returns (Order memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[who], exchange.hashOrder(order));
        order.signature = abi.encodePacked(r, s, v);
        return order;
    }

    function _snap(address who) internal view returns (Snapshot memory) {
        return Snapshot(usd.balanceOf(who), ctf.balanceOf(who, yes), ctf.balanceOf(who, no));
    }
}

/// @notice Money rules of the exchange under random matches, fills and mistaken deposits.
contract ExchangeInvariantTest is ExchangeFixture {
    ExchangeHandler internal handler;
    uint256 internal initialSupply;

    function setUp() public override {
        super.setUp();
        handler = new ExchangeHandler(
            exchange,
            ctf,
            usd,
            operator,
            yes,
            no,
            [alice, bob, carol],
            [aliceKey, bobKey, carolKey]
        );
        initialSupply = usd.totalSupply();
        targetContract(address(handler));
    }

    function _holders() internal view returns (address[6] memory) {
        return [alice, bob, carol, operator, feeRecipient, address(exchange)];
    }

    /// @notice (1) No order ever gives more than its fill or receives less than its signed price net of its signed fee.
    function invariant_noMakerGetsLessThanSignedPrice() public view {
        assertEq(handler.priceViolations(), 0, "an order was settled below its signed price");
    }

    /// @notice Cancelled and nonce-voided orders never move a maker's funds.
    function invariant_voidedOrdersNeverFill() public view {
        assertEq(handler.voidedOrdersFilled(), 0, "a voided order was filled");
    }

    /// @notice (2) Collateral is conserved: nothing is created or lost, and every outstanding
    /// YES/NO pair is backed by one unit of collateral in the conditional tokens contract.
    function invariant_collateralConservedAcrossExchangeAndCtf() public view {
        address[6] memory holders = _holders();
        uint256 usdHeld = usd.balanceOf(address(ctf));
        uint256 yesSupply;
        uint256 noSupply;
        for (uint256 i; i < holders.length; ++i) {
            usdHeld += usd.balanceOf(holders[i]);
            yesSupply += ctf.balanceOf(holders[i], yes);
            noSupply += ctf.balanceOf(holders[i], no);
        }
        assertEq(usd.totalSupply(), initialSupply, "no collateral minted or burned");
        assertEq(usdHeld, initialSupply, "all collateral with known holders");
        assertEq(yesSupply, usd.balanceOf(address(ctf)), "YES backed by CTF collateral");
        assertEq(noSupply, usd.balanceOf(address(ctf)), "NO backed by CTF collateral");
    }

    /// @notice (3) The exchange keeps nothing of its own after any call: only mistaken deposits.
    function invariant_exchangeHoldsOnlyMistakenDeposits() public view {
        assertEq(usd.balanceOf(address(exchange)), handler.donatedUsd(), "collateral");
        assertEq(ctf.balanceOf(address(exchange), yes), handler.donatedYes(), "YES");
        assertEq(ctf.balanceOf(address(exchange), no), handler.donatedNo(), "NO");
    }

    /// @notice The suite is not vacuous: the handler really settles trades.
    function test_handler_settlesMatchesAndFills() public {
        handler.matchOrders(0, 0, 100e6, 5_000, 6_000, 10_000, 0);
        handler.matchOrders(1, 1, 100e6, 4_000, 7_000, 5_000, 123_456);
        handler.matchOrders(2, 2, 100e6, 4_000, 5_000, 10_000, 9_999);
        handler.fillOrder(0, true, 40e6, 4_000, 10_000, 100);
        handler.matchTwoMakers(0, true, 10e6, 20e6, 5_000_000_000);
        handler.matchTwoMakers(1, false, 10e6, 20e6, 77);
        handler.voidOrder(2, true, 10e6);
        handler.voidOrder(1, false, 10e6);
        assertEq(handler.settledMatches(), 5, "five matches");
        assertEq(handler.settledFills(), 1, "one fill");
        invariant_noMakerGetsLessThanSignedPrice();
        invariant_voidedOrdersNeverFill();
        invariant_collateralConservedAcrossExchangeAndCtf();
        invariant_exchangeHoldsOnlyMistakenDeposits();
    }
}

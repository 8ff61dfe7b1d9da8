// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "../lib/Test.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";

/// @notice Drives random splits, merges, transfers, a report and redemptions on one binary and
/// one three-outcome condition, keeping ghost totals of collateral and position supply.
contract ConditionalTokensHandler is Test {
    ConditionalTokens public immutable ctf;
    TestUSD public immutable usd;
    address public immutable oracle;

    bytes32[2] public conditions;
    uint256[2] public slotCounts;
    address[3] public actors;

    /// @dev Collateral each condition holds, by the handler's own bookkeeping.
    mapping(uint256 condition => uint256 amount) public ghostCollateral;
    /// @dev Total supply of each position (condition, index set), by the handler's bookkeeping.
    mapping(uint256 condition => mapping(uint256 indexSet => uint256 supply)) public ghostSupply;
    mapping(uint256 condition => bool) public resolved;
    uint256 public redemptions;

    uint256 internal constant MAX_AMOUNT = 1_000_000e6;

    constructor(ConditionalTokens ctf_, address oracle_) {
        ctf = ctf_;
        usd = new TestUSD(address(this), false);
        oracle = oracle_;
        slotCounts = [uint256(2), 3];
        for (uint256 c; c < 2; ++c) {
            bytes32 questionId = keccak256(abi.encode("question", c));
            ctf.prepareCondition(oracle_, questionId, slotCounts[c]);
            conditions[c] = ctf.getConditionId(oracle_, questionId, slotCounts[c]);
        }
        for (uint256 a; a < 3; ++a) {
            actors[a] = address(uint160(0xA000 + a));
        }
        for (uint256 a; a < 3; ++a) {
            usd.mint(actors[a], 100 * MAX_AMOUNT);
            vm.prank(actors[a]);
            usd.approve(address(ctf), type(uint256).max);
        }
    }

    // ------------------------------------------------------------------ partitions

    /// @dev The partitions with at least two parts of the full set of condition c, and, for the
    /// three-outcome condition, of its sub-unions.
    function _partition(uint256 c, uint256 seed) internal pure returns (uint256[] memory p) {
        if (c == 0) {
            p = new uint256[](2);
            (p[0], p[1]) = (1, 2);
            return p;
        }
        uint256 pick = seed % 7;
        if (pick == 0) {
            p = new uint256[](3);
            (p[0], p[1], p[2]) = (1, 2, 4);
            return p;
        }
        p = new uint256[](2);
        if (pick == 1) (p[0], p[1]) = (1, 6);
        else if (pick == 2) (p[0], p[1]) = (2, 5);
        else if (pick == 3) (p[0], p[1]) = (4, 3);
        else if (pick == 4)
            (p[0], p[1]) = (1, 2); // sub-partition of {A,B}
        else if (pick == 5)
            (p[0], p[1]) = (1, 4); // sub-partition of {A,C}
        else (p[0], p[1]) = (2, 4); // sub-partition of {B,C}
    }

    function _union(uint256[] memory p) internal pure returns (uint256 u) {
        for (uint256 i; i < p.length; ++i) {
            u |= p[i];
        }
    }

    function _full(uint256 c) internal view returns (uint256) {
        return (1 << slotCounts[c]) - 1;
    }

    function _pos(uint256 c, uint256 indexSet) internal view returns (uint256) {
        return ctf.getPositionId(IERC20(address(usd)), ctf.getCollectionId(bytes32(0), conditions[c], indexSet));
    }

    // ------------------------------------------------------------------ actions

    function split(uint256 actorSeed, uint256 conditionSeed, uint256 partitionSeed, uint256 amount) external {
        address actor = actors[actorSeed % 3];
        uint256 c = conditionSeed % 2;
        uint256[] memory p = _partition(c, partitionSeed);
        uint256 union = _union(p);
        amount = bound(amount, 1, MAX_AMOUNT);
        if (union != _full(c)) {
            uint256 held = ctf.balanceOf(actor, _pos(c, union));
            if (held == 0) return;
            amount = bound(amount, 1, held);
        }
        vm.prank(actor);
        ctf.splitPosition(IERC20(address(usd)), bytes32(0), conditions[c], p, amount);
        if (union == _full(c)) ghostCollateral[c] += amount;
        else ghostSupply[c][union] -= amount;
        for (uint256 i; i < p.length; ++i) {
            ghostSupply[c][p[i]] += amount;
        }
    }

    function merge(uint256 actorSeed, uint256 conditionSeed, uint256 partitionSeed, uint256 amount) external {
        address actor = actors[actorSeed % 3];
        uint256 c = conditionSeed % 2;
        uint256[] memory p = _partition(c, partitionSeed);
        uint256 maxMerge = type(uint256).max;
        for (uint256 i; i < p.length; ++i) {
            uint256 held = ctf.balanceOf(actor, _pos(c, p[i]));
            if (held < maxMerge) maxMerge = held;
        }
        if (maxMerge == 0) return;
        amount = bound(amount, 1, maxMerge);
        vm.prank(actor);
        ctf.mergePositions(IERC20(address(usd)), bytes32(0), conditions[c], p, amount);
        uint256 union = _union(p);
        if (union == _full(c)) ghostCollateral[c] -= amount;
        else ghostSupply[c][union] += amount;
        for (uint256 i; i < p.length; ++i) {
            ghostSupply[c][p[i]] -= amount;
        }
    }

    function transfer(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 conditionSeed,
        uint256 indexSet,
        uint256 amount
    ) external {
        address from = actors[fromSeed % 3];
        address to = actors[toSeed % 3];
        uint256 c = conditionSeed % 2;
        indexSet = bound(indexSet, 1, _full(c));
        uint256 id = _pos(c, indexSet);
        uint256 held = ctf.balanceOf(from, id);
        if (held == 0) return;
        amount = bound(amount, 1, held);
        vm.prank(from);
        ctf.safeTransferFrom(from, to, id, amount, "");
    }

    function report(uint256 conditionSeed, uint256 a, uint256 b, uint256 d) external {
        uint256 c = conditionSeed % 2;
        if (resolved[c]) return;
        uint256[] memory payouts = new uint256[](slotCounts[c]);
        payouts[0] = bound(a, 0, 3);
        payouts[1] = bound(b, payouts[0] == 0 ? 1 : 0, 3);
        if (c == 1) payouts[2] = bound(d, 0, 3);
        vm.prank(oracle);
        ctf.reportPayouts(keccak256(abi.encode("question", c)), payouts);
        resolved[c] = true;
    }

    function redeem(uint256 actorSeed, uint256 conditionSeed) external {
        uint256 c = conditionSeed % 2;
        if (!resolved[c]) return;
        address actor = actors[actorSeed % 3];
        uint256 full = _full(c);
        uint256[] memory sets = new uint256[](full);
        for (uint256 s = 1; s <= full; ++s) {
            sets[s - 1] = s;
            ghostSupply[c][s] -= ctf.balanceOf(actor, _pos(c, s));
        }
        uint256 before = usd.balanceOf(actor);
        vm.prank(actor);
        ctf.redeemPositions(IERC20(address(usd)), bytes32(0), conditions[c], sets);
        ghostCollateral[c] -= usd.balanceOf(actor) - before;
        ++redemptions;
    }

    // ------------------------------------------------------------------ views for invariants

    function actualSupply(uint256 c, uint256 indexSet) external view returns (uint256 total) {
        uint256 id = _pos(c, indexSet);
        for (uint256 a; a < 3; ++a) {
            total += ctf.balanceOf(actors[a], id);
        }
    }

    function fullIndexSet(uint256 c) external view returns (uint256) {
        return _full(c);
    }
}

contract ConditionalTokensInvariantTest is Test {
    ConditionalTokens internal ctf;
    TestUSD internal usd;
    ConditionalTokensHandler internal handler;

    function setUp() public {
        ctf = new ConditionalTokens("");
        handler = new ConditionalTokensHandler(ctf, makeAddr("oracle"));
        usd = handler.usd();
        targetContract(address(handler));
    }

    /// @notice The token contract holds exactly the collateral the conditions were funded with,
    /// net of merges and redemptions: nothing appears or disappears.
    function invariant_collateralHeldEqualsOutstandingBacking() public view {
        assertEq(
            usd.balanceOf(address(ctf)),
            handler.ghostCollateral(0) + handler.ghostCollateral(1),
            "collateral held != collateral funded - merged - redeemed"
        );
    }

    /// @notice Before resolution every outcome slot is covered by exactly the collateral backing
    /// (one full set per unit); after it, the collateral covers every redeemable payout.
    function invariant_positionsAreFullyBackedAndNeverOverRedeemable() public view {
        for (uint256 c; c < 2; ++c) {
            uint256 full = handler.fullIndexSet(c);
            bytes32 conditionId = handler.conditions(c);
            uint256 collateral = handler.ghostCollateral(c);
            if (!handler.resolved(c)) {
                for (uint256 slot = 1; slot <= full; slot <<= 1) {
                    uint256 covering;
                    for (uint256 s = 1; s <= full; ++s) {
                        if (s & slot != 0) covering += handler.ghostSupply(c, s);
                    }
                    assertEq(covering, collateral, "an outcome slot is not covered by exactly the backing");
                }
            } else {
                uint256 denominator = ctf.payoutDenominator(conditionId);
                uint256 owedTimesDenominator;
                for (uint256 s = 1; s <= full; ++s) {
                    uint256 numerator;
                    for (uint256 slot; slot < handler.slotCounts(c); ++slot) {
                        if (s & (1 << slot) != 0) numerator += ctf.payoutNumerators(conditionId, slot);
                    }
                    owedTimesDenominator += handler.ghostSupply(c, s) * numerator;
                }
                assertLe(owedTimesDenominator, collateral * denominator, "redeemable payouts exceed collateral");
            }
        }
    }

    /// @notice The handler's supply bookkeeping matches the real balances (so the rules above
    /// speak about the real token state).
    function invariant_ghostSupplyMatchesBalances() public view {
        for (uint256 c; c < 2; ++c) {
            uint256 full = handler.fullIndexSet(c);
            for (uint256 s = 1; s <= full; ++s) {
                assertEq(handler.actualSupply(c, s), handler.ghostSupply(c, s), "ghost supply drifted");
            }
        }
    }
}

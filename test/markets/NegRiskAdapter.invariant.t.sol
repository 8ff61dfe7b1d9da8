// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {Test} from "../lib/Test.sol";
import {BaseFixture} from "../lib/BaseFixture.sol";
import {TestUSD} from "../../contracts/tokens/TestUSD.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {NegRiskAdapter} from "../../contracts/markets/NegRiskAdapter.sol";
import {IWrappedCollateral} from "../../contracts/interfaces/IWrappedCollateral.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

/// @notice Random splits, merges, conversions, direct merges + unwraps, transfers, one resolution and
/// redemptions on one multi-outcome market.
contract NegRiskHandler is Test {
    uint256 public constant QUESTIONS = 4;
    uint256 public constant ACTORS = 3;
    uint256 private constant MAX_AMOUNT = 1_000e6;

    TestUSD public immutable usd;
    ConditionalTokens public immutable ctf;
    OptimisticOracle public immutable oracle;
    NegRiskAdapter public immutable adapter;
    IWrappedCollateral public immutable wcol;
    address public immutable feeRecipient;
    address public immutable proposer;
    bytes32 public immutable marketId;
    uint256 public immutable endTime;

    uint256 public ghostMinted;
    bool public ghostResolved;
    uint256 public ghostAnswer;

    constructor(TestUSD usd_, ConditionalTokens ctf_, OptimisticOracle oracle_, NegRiskAdapter adapter_) {
        usd = usd_;
        ctf = ctf_;
        oracle = oracle_;
        adapter = adapter_;
        wcol = IWrappedCollateral(adapter_.wrappedCollateral());
        feeRecipient = address(0xFEE);
        proposer = address(0xB0B);
        endTime = block.timestamp + 1 days;
        marketId = oracle_.openQuestion("who wins?", QUESTIONS, endTime, 0, 1e6, 0);
        adapter_.prepareMarket(marketId, 100, feeRecipient);
        for (uint256 i; i < ACTORS; ++i) {
            address actor = actorAt(i);
            vm.startPrank(actor);
            usd.approve(address(adapter_), type(uint256).max);
            ctf.setApprovalForAll(address(adapter_), true);
            vm.stopPrank();
        }
    }

    function actorAt(uint256 i) public pure returns (address) {
        return address(uint160(0xC000 + i));
    }

    function positionIds(uint256 k) public view returns (uint256 yesId, uint256 noId) {
        return adapter.positionIdsOf(adapter.conditionIdOf(marketId, k));
    }

    function split(uint256 actorSeed, uint256 k, uint256 amount) external {
        address actor = actorAt(actorSeed % ACTORS);
        k %= QUESTIONS;
        amount = bound(amount, 1, MAX_AMOUNT);
        usd.mint(actor, amount);
        ghostMinted += amount;
        bytes32 conditionId = adapter.conditionIdOf(marketId, k);
        vm.prank(actor);
        adapter.splitPosition(conditionId, amount);
    }

    function merge(uint256 actorSeed, uint256 k, uint256 amount) external {
        (address actor, bytes32 conditionId, uint256 sets) = _fullSets(actorSeed, k, amount);
        if (sets == 0) return;
        vm.prank(actor);
        adapter.mergePositions(conditionId, sets);
    }

    function convert(uint256 actorSeed, uint256 indexSet, uint256 amount) external {
        if (ghostResolved) return;
        address actor = actorAt(actorSeed % ACTORS);
        indexSet = bound(indexSet, 1, (1 << QUESTIONS) - 1);
        uint256 most = type(uint256).max;
        for (uint256 k; k < QUESTIONS; ++k) {
            if ((indexSet >> k) & 1 == 0) continue;
            (, uint256 noId) = positionIds(k);
            most = _min(most, ctf.balanceOf(actor, noId));
        }
        if (most == 0) return;
        amount = bound(amount, 1, most);
        vm.prank(actor);
        adapter.convertPositions(marketId, indexSet, amount);
    }

    function mergeDirectlyAndUnwrap(uint256 actorSeed, uint256 k, uint256 amount) external {
        (address actor, bytes32 conditionId, uint256 sets) = _fullSets(actorSeed, k, amount);
        if (sets == 0) return;
        uint256[] memory partition = new uint256[](2);
        partition[0] = 1;
        partition[1] = 2;
        vm.startPrank(actor);
        ctf.mergePositions(IERC20(address(wcol)), bytes32(0), conditionId, partition, sets);
        adapter.unwrap(sets / 2 + 1);
        vm.stopPrank();
    }

    function transferPosition(uint256 fromSeed, uint256 toSeed, uint256 k, bool yes, uint256 amount) external {
        address from = actorAt(fromSeed % ACTORS);
        address to = actorAt(toSeed % ACTORS);
        k %= QUESTIONS;
        (uint256 yesId, uint256 noId) = positionIds(k);
        uint256 id = yes ? yesId : noId;
        uint256 balance = ctf.balanceOf(from, id);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(from);
        ctf.safeTransferFrom(from, to, id, amount, "");
    }

    function resolve(uint256 answerSeed) external {
        if (ghostResolved) return;
        uint256 answer = answerSeed % (QUESTIONS + 1);
        if (answer == QUESTIONS) answer = Answers.INVALID;
        if (block.timestamp < endTime) vm.warp(endTime);
        usd.mint(proposer, 1e6);
        vm.startPrank(proposer);
        usd.approve(address(oracle), type(uint256).max);
        oracle.propose(marketId, answer);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 hours);
        oracle.settle(marketId);
        adapter.resolveMarket(marketId);
        ghostResolved = true;
        ghostAnswer = answer;
    }

    function redeem(uint256 actorSeed, uint256 k) external {
        if (!ghostResolved) return;
        address actor = actorAt(actorSeed % ACTORS);
        bytes32 conditionId = adapter.conditionIdOf(marketId, k % QUESTIONS);
        vm.prank(actor);
        adapter.redeemPositions(conditionId);
    }

    /// @dev The actor and question a seed picks, and a bounded number of full YES+NO sets the actor
    /// holds on that question (0 when it holds none).
    function _fullSets(
        uint256 actorSeed,
        uint256 k,
        uint256 amount
    ) private view returns (address actor, bytes32 conditionId, uint256 sets) {
        actor = actorAt(actorSeed % ACTORS);
        k %= QUESTIONS;
        (uint256 yesId, uint256 noId) = positionIds(k);
        uint256 most = _min(ctf.balanceOf(actor, yesId), ctf.balanceOf(actor, noId));
        conditionId = adapter.conditionIdOf(marketId, k);
        if (most > 0) sets = bound(amount, 1, most);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}

contract NegRiskAdapterInvariantTest is BaseFixture {
    ConditionalTokens private ctf;
    NegRiskAdapter private adapter;
    IWrappedCollateral private wcol;
    NegRiskHandler private handler;

    function setUp() public override {
        super.setUp();
        ctf = new ConditionalTokens("");
        // No question here is disputed: the arbiter never votes and no fee is taken.
        (, OptimisticOracle oracle) = _deployOracle(address(this), 0);
        adapter = new NegRiskAdapter(IConditionalTokens(address(ctf)), IERC20Metadata(address(usd)), oracle);
        wcol = IWrappedCollateral(adapter.wrappedCollateral());
        handler = new NegRiskHandler(usd, ctf, oracle, adapter);
        usd.transferOwnership(address(handler));
        targetContract(address(handler));
    }

    /// @notice Before resolution the adapter's collateral equals, for every possible winner and for
    /// "invalid", exactly what all outstanding positions and loose wrapped collateral would be worth;
    /// after resolution it covers the actual result.
    function invariant_collateralCoversEveryResolution() public view {
        uint256 n = handler.QUESTIONS();
        uint256 held = usd.balanceOf(address(adapter));
        uint256 loose = wcol.totalSupply() - wcol.balanceOf(address(ctf));
        if (handler.ghostResolved()) {
            uint256 answer = handler.ghostAnswer();
            if (answer == Answers.INVALID) {
                assertGe(n * held, n * loose + _invalidClaimsTimesN(n), "collateral covers invalid payouts");
            } else {
                assertGe(held, loose + _claimsIfWins(answer, n), "collateral covers the winner's payouts");
            }
            return;
        }
        for (uint256 w; w < n; ++w) {
            assertEq(held, loose + _claimsIfWins(w, n), "collateral == claims if outcome w wins");
        }
        assertEq(n * held, n * loose + _invalidClaimsTimesN(n), "collateral == claims if invalid");
    }

    /// @notice Collateral is only ever moved between actors, the adapter and the fee recipient.
    function invariant_totalCollateralConserved() public view {
        uint256 total = usd.balanceOf(address(adapter)) + usd.balanceOf(handler.feeRecipient());
        for (uint256 i; i < handler.ACTORS(); ++i) {
            total += usd.balanceOf(handler.actorAt(i));
        }
        assertEq(total, handler.ghostMinted(), "collateral conserved");
    }

    /// @notice No wrapped collateral ever stays in the adapter for a later caller.
    function invariant_adapterHoldsNoLooseWrappedCollateral() public view {
        assertEq(wcol.balanceOf(address(adapter)), 0, "adapter holds no wrapped collateral");
    }

    function _claimsIfWins(uint256 w, uint256 n) private view returns (uint256 claims) {
        for (uint256 i; i < handler.ACTORS(); ++i) {
            address actor = handler.actorAt(i);
            for (uint256 k; k < n; ++k) {
                (uint256 yesId, uint256 noId) = handler.positionIds(k);
                claims += k == w ? ctf.balanceOf(actor, yesId) : ctf.balanceOf(actor, noId);
            }
        }
    }

    function _invalidClaimsTimesN(uint256 n) private view returns (uint256 claims) {
        for (uint256 i; i < handler.ACTORS(); ++i) {
            address actor = handler.actorAt(i);
            for (uint256 k; k < n; ++k) {
                (uint256 yesId, uint256 noId) = handler.positionIds(k);
                claims += ctf.balanceOf(actor, yesId) + (n - 1) * ctf.balanceOf(actor, noId);
            }
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {BaseFixture} from "../lib/BaseFixture.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {IBettingPool, IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {BettingPool} from "../../contracts/pool/BettingPool.sol";
import {BettingPoolExtension} from "../../contracts/pool/BettingPoolExtension.sol";
import {BettingPoolLens} from "../../contracts/pool/BettingPoolLens.sol";
import {MockAnswerSource} from "./MockAnswerSource.sol";

/// @title PoolFixture
/// @notice Shared setup for the pool's tests: collateral, mock oracle, pool (with its extension),
/// roles, funded accounts, and helpers to create conditions and place bets.
abstract contract PoolFixture is BaseFixture {
    uint256 internal constant USD = 1e6;
    uint256 internal constant PROB_ONE = 1e12;
    uint256 internal constant ODDS_ONE = 1e12;
    uint256 internal constant MARGIN_BPS = 500;
    uint256 internal constant REINFORCEMENT = 10_000 * USD;
    uint256 internal constant START_DELAY = 7 days;

    MockAnswerSource internal oracle;
    IBettingPool internal pool;
    /// @dev Views that read the pool through extsload.
    BettingPoolLens internal lens;
    address internal maintainer;
    address internal lp;
    uint256 internal questionNonce;

    function setUp() public virtual override {
        super.setUp();
        maintainer = makeAddr("maintainer");
        lp = makeAddr("lp");
        oracle = new MockAnswerSource();
        BettingPoolExtension extension = new BettingPoolExtension(IERC20(address(usd)), IAnswerSource(address(oracle)));
        pool = IBettingPool(
            address(
                new BettingPool(
                    IERC20(address(usd)),
                    IAnswerSource(address(oracle)),
                    address(extension),
                    admin,
                    treasury
                )
            )
        );
        lens = new BettingPoolLens();
        vm.startPrank(admin);
        pool.grantRole(keccak256("MARKET_CREATOR_ROLE"), creator);
        pool.grantRole(keccak256("MAINTAINER_ROLE"), maintainer);
        pool.setReinforcementCap(creator, 1_000_000 * USD);
        vm.stopPrank();
        _fund(lp);
        _fund(alice);
        _fund(bob);
    }

    function _fund(address account) internal {
        address[] memory spenders = new address[](1);
        spenders[0] = address(pool);
        _mintAndApprove(account, 10_000_000 * USD, spenders);
    }

    function _deposit(address who, uint256 amount) internal returns (uint256 lpId) {
        vm.prank(who);
        lpId = pool.deposit(amount);
    }

    function _newQuestion(uint256 outcomes) internal returns (bytes32 questionId) {
        questionNonce += 1;
        questionId = keccak256(abi.encode("question", questionNonce));
        oracle.ask(questionId, outcomes);
    }

    function _even(uint256 outcomes) internal pure returns (uint256[] memory probabilities) {
        probabilities = new uint256[](outcomes);
        uint256 each = PROB_ONE / outcomes;
        for (uint256 i; i < outcomes; ++i) probabilities[i] = each;
        probabilities[0] += PROB_ONE - each * outcomes;
    }

    function _createCondition(uint256 outcomes) internal returns (uint256 conditionId, bytes32 questionId) {
        // A condition needs liquidity to carry it: seed the pool if a test has not deposited yet.
        if (pool.totalLiquidity() == 0) _deposit(lp, USD);
        questionId = _newQuestion(outcomes);
        vm.prank(creator);
        conditionId = pool.createCondition(
            questionId,
            _even(outcomes),
            REINFORCEMENT,
            MARGIN_BPS,
            block.timestamp + START_DELAY
        );
    }

    function _bet(address who, uint256 conditionId, uint256 outcome, uint256 amount) internal returns (uint256 betId) {
        vm.prank(who);
        betId = pool.bet(conditionId, outcome, amount, 0, block.timestamp);
    }

    /// @dev Seeds the pool with 100k of liquidity, opens a binary condition and has `who` bet on it.
    function _betOnNewBinary(
        address who,
        uint256 outcome,
        uint256 amount
    ) internal returns (uint256 betId, uint256 conditionId, bytes32 questionId) {
        _deposit(lp, 100_000 * USD);
        (conditionId, questionId) = _createCondition(2);
        betId = _bet(who, conditionId, outcome, amount);
    }

    /// @dev Two fresh binary conditions, as parlay legs need.
    function _twoBinaries() internal returns (uint256 a, bytes32 qa, uint256 b, bytes32 qb) {
        (a, qa) = _createCondition(2);
        (b, qb) = _createCondition(2);
    }

    function _parlay(address who, IBettingPoolBase.Leg[] memory legs, uint256 amount) internal returns (uint256 betId) {
        vm.prank(who);
        betId = pool.betParlay(legs, amount, 0, block.timestamp);
    }

    function _legs(
        uint256 c1,
        uint256 o1,
        uint256 c2,
        uint256 o2
    ) internal pure returns (IBettingPoolBase.Leg[] memory legs) {
        legs = new IBettingPoolBase.Leg[](2);
        legs[0] = IBettingPoolBase.Leg(c1, o1);
        legs[1] = IBettingPoolBase.Leg(c2, o2);
    }

    function _resolve(uint256 conditionId, bytes32 questionId, uint256 answer) internal {
        oracle.settle(questionId, answer);
        pool.resolveCondition(conditionId);
    }

    /// @dev Money rule: the pool's collateral covers the LP tree, open stakes, payouts and fees.
    function _obligations(int256 openStakes) internal view returns (uint256) {
        (, uint256 claimable, uint256 fees) = pool.totals();
        int256 total = int256(pool.totalLiquidity() + claimable + fees) + openStakes;
        return total > 0 ? uint256(total) : 0;
    }

    /// @dev What a parlay locks: its payout minus its stake.
    function _parlayLiability(uint256 betId) internal view returns (uint256) {
        IBettingPoolBase.ParlayView memory p = lens.getParlay(pool, betId);
        return p.payout - p.stake;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {BaseFixture} from "../lib/BaseFixture.sol";
import {ConditionalTokens} from "../../contracts/tokens/ConditionalTokens.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {CommitteeArbitrator} from "../../contracts/oracle/CommitteeArbitrator.sol";
import {OptimisticOracle} from "../../contracts/oracle/OptimisticOracle.sol";
import {NegRiskAdapter} from "../../contracts/markets/NegRiskAdapter.sol";
import {MarketFactory} from "../../contracts/markets/MarketFactory.sol";
import {IMarketFactory} from "../../contracts/interfaces/IMarketFactory.sol";
import {ITokenRegistry} from "../../contracts/interfaces/ITokenRegistry.sol";
import {IWrappedCollateral} from "../../contracts/interfaces/IWrappedCollateral.sol";
import {MockTokenRegistry} from "./mocks/MockTokenRegistry.sol";

/// @notice The whole market stack on a mock exchange registry, with funded, approving actors.
abstract contract MarketsFixture is BaseFixture {
    uint256 internal constant BOND = 100e6;
    uint256 internal constant REWARD = 5e6;
    uint256 internal constant FUNDS = 1_000_000e6;
    uint256 internal constant LIVENESS = 2 hours;
    uint256 internal constant MAX_QUESTIONS = 32;

    ConditionalTokens internal ctf;
    CommitteeArbitrator internal arbitrator;
    OptimisticOracle internal oracle;
    NegRiskAdapter internal adapter;
    IWrappedCollateral internal wcol;
    MockTokenRegistry internal registry;
    MarketFactory internal factory;

    address internal attacker;

    function setUp() public virtual override {
        super.setUp();
        attacker = makeAddr("attacker");

        ctf = new ConditionalTokens("");
        (arbitrator, oracle) = _deployOracle(arbiter, 1_000);
        adapter = new NegRiskAdapter(IConditionalTokens(address(ctf)), IERC20Metadata(address(usd)), oracle);
        wcol = IWrappedCollateral(adapter.wrappedCollateral());
        registry = new MockTokenRegistry();
        factory = new MarketFactory(
            IConditionalTokens(address(ctf)),
            IERC20(address(usd)),
            oracle,
            ITokenRegistry(address(registry)),
            adapter,
            MAX_QUESTIONS
        );
        registry.addRegistrar(address(factory));

        address[] memory spenders = new address[](4);
        spenders[0] = address(factory);
        spenders[1] = address(oracle);
        spenders[2] = address(adapter);
        spenders[3] = address(ctf);
        address[6] memory actors = [creator, alice, bob, proposer, disputer, attacker];
        for (uint256 i; i < actors.length; ++i) {
            _mintAndApprove(actors[i], FUNDS, spenders);
            vm.prank(actors[i]);
            ctf.setApprovalForAll(address(adapter), true);
        }
    }

    function _names(uint256 count) internal pure returns (string[] memory names) {
        names = new string[](count);
        for (uint256 k; k < count; ++k) {
            names[k] = string(abi.encodePacked("Candidate ", bytes1(uint8(65 + (k % 26))), bytes1(uint8(48 + k / 26))));
        }
    }

    function _params(
        string memory question,
        uint256 outcomes
    ) internal view returns (IMarketFactory.MarketParams memory p) {
        p.question = question;
        p.outcomeNames = outcomes == 2 ? _yesNo() : _names(outcomes);
        p.rules = "Resolves by the official announcement.";
        p.category = "Politics";
        p.imageUri = "ipfs://image";
        p.endTime = block.timestamp + 1 days;
        p.reward = REWARD;
        p.bond = BOND;
        p.liveness = 0;
    }

    function _yesNo() internal pure returns (string[] memory names) {
        names = new string[](2);
        names[0] = "Yes";
        names[1] = "No";
    }

    function _createBinary() internal returns (bytes32 marketId) {
        IMarketFactory.MarketParams memory p = _params("Will it rain in Lisbon tomorrow?", 2);
        vm.prank(creator);
        marketId = factory.createMarket(p);
    }

    function _createMulti(uint256 outcomes, uint256 feeBps) internal returns (bytes32 marketId) {
        IMarketFactory.MarketParams memory p = _params("Who wins the election?", outcomes);
        vm.prank(creator);
        marketId = factory.createMultiOutcomeMarket(p, feeBps);
    }

    /// @dev Undisputed answer through the oracle.
    function _answer(bytes32 questionId, uint256 answer) internal {
        uint256 endTime = oracle.getQuestion(questionId).endTime;
        if (block.timestamp < endTime) vm.warp(endTime);
        vm.prank(proposer);
        oracle.propose(questionId, answer);
        vm.warp(block.timestamp + LIVENESS);
        oracle.settle(questionId);
    }

    /// @dev The creator opens a multi-outcome question directly at the oracle (no factory).
    function _openDirect(uint256 outcomes) internal returns (bytes32 questionId) {
        vm.prank(creator);
        questionId = oracle.openQuestion("who wins?", outcomes, block.timestamp + 1 days, 0, BOND, 0);
    }

    /// @dev `who` splits `amount` on each of the first `count` questions of a multi-outcome market.
    function _splitEach(address who, bytes32 marketId, uint256 count, uint256 amount) internal {
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            vm.prank(who);
            adapter.splitPosition(conditionId, amount);
        }
    }

    /// @dev `who` converts the NO positions of `indexSet`; returns the collateral `who` received.
    function _convert(
        address who,
        bytes32 marketId,
        uint256 indexSet,
        uint256 amount
    ) internal returns (uint256 received) {
        uint256 before = usd.balanceOf(who);
        vm.prank(who);
        adapter.convertPositions(marketId, indexSet, amount);
        received = usd.balanceOf(who) - before;
    }

    /// @dev `who` redeems each of the first `count` questions of a resolved multi-outcome market.
    function _redeemAll(address who, bytes32 marketId, uint256 count) internal returns (uint256 total) {
        for (uint256 k; k < count; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            vm.prank(who);
            total += adapter.redeemPositions(conditionId);
        }
    }

    /// @dev YES that `who` holds on question `k` of a multi-outcome market.
    function _yes(address who, bytes32 marketId, uint256 k) internal view returns (uint256) {
        (uint256 yesId, ) = _yesNoIds(adapter.conditionIdOf(marketId, k));
        return ctf.balanceOf(who, yesId);
    }

    /// @dev NO that `who` holds on question `k` of a multi-outcome market.
    function _no(address who, bytes32 marketId, uint256 k) internal view returns (uint256) {
        (, uint256 noId) = _yesNoIds(adapter.conditionIdOf(marketId, k));
        return ctf.balanceOf(who, noId);
    }

    function _yesNoIds(bytes32 conditionId) internal view returns (uint256 yesId, uint256 noId) {
        return adapter.positionIdsOf(conditionId);
    }

    function _binaryIds(bytes32 conditionId) internal view returns (uint256 yesId, uint256 noId) {
        yesId = ctf.getPositionId(IERC20(address(usd)), ctf.getCollectionId(bytes32(0), conditionId, 1));
        noId = ctf.getPositionId(IERC20(address(usd)), ctf.getCollectionId(bytes32(0), conditionId, 2));
    }

    function _binaryPartition() internal pure returns (uint256[] memory partition) {
        partition = new uint256[](2);
        partition[0] = 1;
        partition[1] = 2;
    }
}

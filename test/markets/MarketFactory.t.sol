// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MarketsFixture} from "./MarketsFixture.sol";
import {MockTokenRegistry} from "./mocks/MockTokenRegistry.sol";
import {MarketFactory} from "../../contracts/markets/MarketFactory.sol";
import {IMarketFactory} from "../../contracts/interfaces/IMarketFactory.sol";
import {INegRiskAdapter} from "../../contracts/interfaces/INegRiskAdapter.sol";
import {IOptimisticOracle} from "../../contracts/interfaces/IOptimisticOracle.sol";
import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {ITokenRegistry} from "../../contracts/interfaces/ITokenRegistry.sol";
import {Answers} from "../../contracts/libraries/Answers.sol";

contract MarketFactoryTest is MarketsFixture {
    // ================================================================== createMarket

    function test_createMarket_opensQuestionPreparesConditionRegistersTokens() public {
        IMarketFactory.MarketParams memory p = _params("Will it rain in Lisbon tomorrow?", 2);
        bytes32 expectedId = factory.marketIdFor(p);
        bytes memory ancillary = abi.encode(p.question, p.outcomeNames, p.rules, p.endTime);
        assertEq(
            expectedId,
            oracle.questionIdFor(address(factory), ancillary, 2, p.endTime),
            "id = oracle question id"
        );
        bytes32 conditionId = factory.binaryConditionId(expectedId);
        (uint256 yesId, uint256 noId) = _binaryIds(conditionId);

        vm.prank(creator);
        bytes32 marketId = factory.createMarket(p);

        assertEq(marketId, expectedId, "market id");
        (
            IMarketFactory.MarketKind kind,
            address storedCreator,
            uint256 endTime,
            uint256 outcomes,
            bool resolved
        ) = factory.getMarket(marketId);
        assertTrue(kind == IMarketFactory.MarketKind.Binary, "binary");
        assertEq(storedCreator, creator, "creator");
        assertEq(endTime, p.endTime, "end time");
        assertEq(outcomes, 2, "two outcomes");
        assertFalse(resolved, "unresolved");

        assertEq(ctf.getOutcomeSlotCount(conditionId), 2, "condition prepared");
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(marketId);
        assertEq(q.requester, address(factory), "factory asked the question");
        assertEq(q.reward, REWARD, "reward");
        assertEq(q.liveness, LIVENESS, "default liveness");
        assertEq(usd.balanceOf(creator), FUNDS - REWARD, "creator paid the reward");
        assertEq(usd.balanceOf(address(oracle)), REWARD, "oracle holds it");
        assertEq(usd.balanceOf(address(factory)), 0, "factory keeps nothing");

        (uint256 complement, bytes32 registeredCondition, address negRisk) = registry.registry(yesId);
        assertEq(complement, noId, "YES registered with NO as complement");
        assertEq(registeredCondition, conditionId, "condition registered");
        assertEq(negRisk, address(0), "binary: no adapter");
    }

    function test_createMarket_emitsEverythingAnIndexerNeeds() public {
        IMarketFactory.MarketParams memory p = _params("Will it rain in Lisbon tomorrow?", 2);
        bytes32 marketId = factory.marketIdFor(p);
        bytes32[] memory conditions = new bytes32[](1);
        conditions[0] = factory.binaryConditionId(marketId);
        uint256[] memory yes = new uint256[](1);
        uint256[] memory no = new uint256[](1);
        (yes[0], no[0]) = _binaryIds(conditions[0]);
        vm.expectEmit(address(factory));
        emit IMarketFactory.MarketCreated(
            marketId,
            creator,
            IMarketFactory.MarketKind.Binary,
            conditions,
            yes,
            no,
            address(0),
            0,
            p
        );
        vm.prank(creator);
        factory.createMarket(p);
    }

    /// @dev Regression: preparing the condition first must not block market creation.
    function test_createMarket_regression_conditionPreparedByFrontRunner() public {
        IMarketFactory.MarketParams memory p = _params("Will it rain in Lisbon tomorrow?", 2);
        bytes32 marketId = factory.marketIdFor(p);
        vm.prank(attacker);
        ctf.prepareCondition(address(factory), marketId, 2);

        vm.prank(creator);
        factory.createMarket(p);
        (, address storedCreator, , , ) = factory.getMarket(marketId);
        assertEq(storedCreator, creator, "market created despite the front-run");
        assertEq(registry.registrations(), 1, "tokens registered");
    }

    function test_createMarket_zeroRewardAllowed() public {
        IMarketFactory.MarketParams memory p = _params("Zero reward?", 2);
        p.reward = 0;
        vm.prank(creator);
        factory.createMarket(p);
        assertEq(usd.balanceOf(creator), FUNDS, "nothing paid");
    }

    function test_RevertWhen_createMarket_emptyQuestion() public {
        IMarketFactory.MarketParams memory p = _params("", 2);
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.EmptyQuestion.selector));
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_endTimeNow() public {
        IMarketFactory.MarketParams memory p = _params("Past?", 2);
        p.endTime = block.timestamp;
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IMarketFactory.EndTimeNotInFuture.selector, block.timestamp, block.timestamp)
        );
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_endTimeInPast() public {
        IMarketFactory.MarketParams memory p = _params("Past?", 2);
        p.endTime = block.timestamp - 1;
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IMarketFactory.EndTimeNotInFuture.selector, block.timestamp - 1, block.timestamp)
        );
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_threeOutcomeNames() public {
        IMarketFactory.MarketParams memory p = _params("Three?", 3);
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.InvalidOutcomeNames.selector, 3, 2, 2));
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_emptyOutcomeName() public {
        IMarketFactory.MarketParams memory p = _params("Empty name?", 2);
        p.outcomeNames[1] = "";
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.EmptyOutcomeName.selector, 1));
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_duplicate() public {
        bytes32 marketId = _createBinary();
        IMarketFactory.MarketParams memory p = _params("Will it rain in Lisbon tomorrow?", 2);
        _expectRevertFrom(alice, abi.encodeWithSelector(IMarketFactory.MarketExists.selector, marketId));
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_zeroBond() public {
        IMarketFactory.MarketParams memory p = _params("No bond?", 2);
        p.bond = 0;
        _expectRevertFrom(creator, abi.encodeWithSelector(IOptimisticOracle.InvalidBond.selector, 0));
        factory.createMarket(p);
    }

    function test_RevertWhen_createMarket_factoryNotRegistrar() public {
        MockTokenRegistry other = new MockTokenRegistry();
        MarketFactory unregistered = new MarketFactory(
            IConditionalTokens(address(ctf)),
            IERC20(address(usd)),
            oracle,
            ITokenRegistry(address(other)),
            adapter,
            MAX_QUESTIONS
        );
        vm.prank(creator);
        usd.approve(address(unregistered), type(uint256).max);
        IMarketFactory.MarketParams memory p = _params("Registrar?", 2);
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(MockTokenRegistry.NotRegistrar.selector, address(unregistered))
        );
        unregistered.createMarket(p);
    }

    function testFuzz_createMarket_anyFutureEndTimeAndTerms(uint256 delay, uint256 reward, uint256 liveness) public {
        delay = bound(delay, 1, 3_650 days);
        reward = bound(reward, 0, 10_000e6);
        liveness = bound(liveness, 5 minutes, 30 days);
        _checkCreate(delay, reward, liveness);
    }

    function test_createMarket_anyFutureEndTimeAndTerms_fixedOneSecond() public {
        _checkCreate(1, 0, 5 minutes);
    }

    function _checkCreate(uint256 delay, uint256 reward, uint256 liveness) private {
        IMarketFactory.MarketParams memory p = _params("Fuzzed?", 2);
        p.endTime = block.timestamp + delay;
        p.reward = reward;
        p.liveness = liveness;
        vm.prank(creator);
        bytes32 marketId = factory.createMarket(p);
        IOptimisticOracle.QuestionView memory q = oracle.getQuestion(marketId);
        assertEq(q.endTime, p.endTime, "end time reaches the oracle");
        assertEq(q.reward, reward, "reward reaches the oracle");
        assertEq(q.liveness, liveness, "liveness reaches the oracle");
        assertEq(usd.balanceOf(creator), FUNDS - reward, "creator paid");
    }

    function test_RevertWhen_createMarket_endTimeBeyond40Bits() public {
        IMarketFactory.MarketParams memory p = _params("Far future?", 2);
        p.endTime = uint256(type(uint40).max) + 1;
        _expectRevertFrom(creator, abi.encodeWithSelector(IOptimisticOracle.InvalidEndTime.selector, p.endTime));
        factory.createMarket(p);
    }

    // ================================================================== createMultiOutcomeMarket

    function test_createMultiOutcomeMarket_preparesAndRegistersEveryQuestion() public {
        bytes32 marketId = _createMulti(4, 50);
        (IMarketFactory.MarketKind kind, , , uint256 outcomes, ) = factory.getMarket(marketId);
        assertTrue(kind == IMarketFactory.MarketKind.MultiOutcome, "multi");
        assertEq(outcomes, 4, "four outcomes");
        assertEq(oracle.outcomeCount(marketId), 4, "one oracle question with four outcomes");
        (uint256 count, uint256 feeBps, address feeRecipient, ) = adapter.getMarket(marketId);
        assertEq(count, 4, "four questions");
        assertEq(feeBps, 50, "fee");
        assertEq(feeRecipient, creator, "fee to creator");
        assertEq(registry.registrations(), 4, "four pairs registered");
        for (uint256 k; k < 4; ++k) {
            bytes32 conditionId = adapter.conditionIdOf(marketId, k);
            assertEq(ctf.getOutcomeSlotCount(conditionId), 2, "binary condition prepared");
            assertEq(adapter.marketOf(conditionId), marketId, "linked to the market");
            (uint256 yesId, uint256 noId) = _yesNoIds(conditionId);
            (uint256 complement, bytes32 registered, address negRisk) = registry.registry(yesId);
            assertEq(complement, noId, "complement");
            assertEq(registered, conditionId, "condition");
            assertEq(negRisk, address(adapter), "adapter registered as splitter");
        }
    }

    function testFuzz_createMultiOutcomeMarket_anyCount(uint256 count, uint256 feeBps) public {
        count = bound(count, 2, MAX_QUESTIONS);
        feeBps = bound(feeBps, 0, 500);
        _checkMulti(count, feeBps);
    }

    function test_createMultiOutcomeMarket_anyCount_fixedMaximum() public {
        _checkMulti(MAX_QUESTIONS, 500);
    }

    function _checkMulti(uint256 count, uint256 feeBps) private {
        bytes32 marketId = _createMulti(count, feeBps);
        (uint256 questions, uint256 storedFee, , ) = adapter.getMarket(marketId);
        assertEq(questions, count, "question count");
        assertEq(storedFee, feeBps, "fee");
        assertEq(registry.registrations(), count, "one registration per question");
        bytes32 last = adapter.conditionIdOf(marketId, count - 1);
        assertEq(ctf.getOutcomeSlotCount(last), 2, "last condition prepared");
    }

    function test_createMultiOutcomeMarket_regression_conditionsPreparedByFrontRunner() public {
        IMarketFactory.MarketParams memory p = _params("Who wins the election?", 3);
        bytes32 marketId = factory.marketIdFor(p);
        vm.startPrank(attacker);
        for (uint256 k; k < 3; ++k) {
            ctf.prepareCondition(address(adapter), keccak256(abi.encode(marketId, k)), 2);
        }
        vm.stopPrank();
        vm.prank(creator);
        factory.createMultiOutcomeMarket(p, 0);
        (uint256 count, , , ) = adapter.getMarket(marketId);
        assertEq(count, 3, "market prepared despite the front-run");
    }

    function test_RevertWhen_createMultiOutcomeMarket_tooManyOutcomes() public {
        IMarketFactory.MarketParams memory p = _params("Too many?", 33);
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.InvalidOutcomeNames.selector, 33, 2, 32));
        factory.createMultiOutcomeMarket(p, 0);
    }

    function test_RevertWhen_createMultiOutcomeMarket_oneOutcome() public {
        IMarketFactory.MarketParams memory p = _params("One?", 2);
        string[] memory one = new string[](1);
        one[0] = "Only";
        p.outcomeNames = one;
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.InvalidOutcomeNames.selector, 1, 2, 32));
        factory.createMultiOutcomeMarket(p, 0);
    }

    function test_RevertWhen_createMultiOutcomeMarket_feeTooHigh() public {
        IMarketFactory.MarketParams memory p = _params("Fee?", 3);
        _expectRevertFrom(creator, abi.encodeWithSelector(INegRiskAdapter.ConvertFeeTooHigh.selector, 501));
        factory.createMultiOutcomeMarket(p, 501);
    }

    function test_RevertWhen_createMultiOutcomeMarket_duplicate() public {
        bytes32 marketId = _createMulti(3, 0);
        IMarketFactory.MarketParams memory p = _params("Who wins the election?", 3);
        _expectRevertFrom(creator, abi.encodeWithSelector(IMarketFactory.MarketExists.selector, marketId));
        factory.createMultiOutcomeMarket(p, 0);
    }

    // ================================================================== resolveMarket

    function test_resolveMarket_yesPaysYesHolders() public {
        _checkBinaryResolution(0, 10e6, 0);
    }

    function test_resolveMarket_noPaysNoHolders() public {
        _checkBinaryResolution(1, 0, 10e6);
    }

    /// @dev Invalid in a binary market: YES and NO each pay half.
    function test_resolveMarket_invalidPaysHalfEach() public {
        _checkBinaryResolution(Answers.INVALID, 5e6, 5e6);
    }

    function _checkBinaryResolution(uint256 answer, uint256 yesPays, uint256 noPays) private {
        bytes32 marketId = _createBinary();
        bytes32 conditionId = factory.binaryConditionId(marketId);
        vm.prank(alice);
        ctf.splitPosition(IERC20(address(usd)), bytes32(0), conditionId, _binaryPartition(), 10e6);
        (, uint256 noId) = _binaryIds(conditionId);
        vm.prank(alice);
        ctf.safeTransferFrom(alice, bob, noId, 10e6, "");
        _answer(marketId, answer);

        vm.expectEmit(address(factory));
        emit IMarketFactory.MarketResolved(marketId, IMarketFactory.MarketKind.Binary, answer);
        vm.prank(attacker);
        factory.resolveMarket(marketId);

        uint256 aliceBefore = usd.balanceOf(alice);
        uint256 bobBefore = usd.balanceOf(bob);
        vm.prank(alice);
        ctf.redeemPositions(IERC20(address(usd)), bytes32(0), conditionId, _binaryPartition());
        vm.prank(bob);
        ctf.redeemPositions(IERC20(address(usd)), bytes32(0), conditionId, _binaryPartition());
        assertEq(usd.balanceOf(alice) - aliceBefore, yesPays, "YES holder payout");
        assertEq(usd.balanceOf(bob) - bobBefore, noPays, "NO holder payout");
        (, , , , bool resolved) = factory.getMarket(marketId);
        assertTrue(resolved, "resolved");
    }

    function test_RevertWhen_resolveMarket_unknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketFactory.UnknownMarket.selector, bytes32(uint256(1))));
        factory.resolveMarket(bytes32(uint256(1)));
    }

    function test_RevertWhen_resolveMarket_answerNotFinal() public {
        bytes32 marketId = _createBinary();
        vm.expectRevert(abi.encodeWithSelector(IAnswerSource.AnswerNotFinal.selector, marketId));
        factory.resolveMarket(marketId);
    }

    function test_RevertWhen_resolveMarket_twice() public {
        bytes32 marketId = _createBinary();
        _answer(marketId, 0);
        factory.resolveMarket(marketId);
        vm.expectRevert(abi.encodeWithSelector(IMarketFactory.MarketAlreadyResolved.selector, marketId));
        factory.resolveMarket(marketId);
    }

    function test_resolveMarket_multiOutcomeForwardsToAdapter() public {
        bytes32 marketId = _createMulti(3, 0);
        _answer(marketId, 2);
        factory.resolveMarket(marketId);
        (, , , bool adapterResolved) = adapter.getMarket(marketId);
        assertTrue(adapterResolved, "adapter resolved");
        bytes32 winner = adapter.conditionIdOf(marketId, 2);
        assertEq(ctf.payoutNumerators(winner, 0), 1, "question 2 resolved YES");
    }

    function test_resolveMarket_multiOutcomeAfterDirectAdapterResolution() public {
        bytes32 marketId = _createMulti(3, 0);
        _answer(marketId, 1);
        adapter.resolveMarket(marketId);
        factory.resolveMarket(marketId);
        (, , , , bool resolved) = factory.getMarket(marketId);
        assertTrue(resolved, "factory record resolved too");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";
import {IBettingPoolBase} from "../../contracts/interfaces/IBettingPool.sol";
import {BettingPool} from "../../contracts/pool/BettingPool.sol";
import {BettingPoolExtension} from "../../contracts/pool/BettingPoolExtension.sol";
import {PoolFixture} from "./PoolFixture.sol";

/// @notice BettingPool tests: deployment, roles and fees, condition creation and its guards, pause and resume.
contract BettingPoolAdminTest is PoolFixture {
    bytes32 internal constant ADMIN_ROLE = 0x00;
    bytes32 internal constant CREATOR_ROLE = keccak256("MARKET_CREATOR_ROLE");
    bytes32 internal constant MAINTAINER_ROLE = keccak256("MAINTAINER_ROLE");

    /// @dev Creates a condition on `questionId` with these probabilities and the default terms, as
    /// whoever the test pranks.
    function _createWith(bytes32 questionId, uint256[] memory probabilities) private returns (uint256) {
        return pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_extensionBuiltForAnotherOracle() public {
        BettingPoolExtension other = new BettingPoolExtension(IERC20(address(usd)), IAnswerSource(address(0xBEEF)));
        vm.expectRevert(abi.encodeWithSelector(IBettingPoolBase.ExtensionMismatch.selector, address(other)));
        new BettingPool(IERC20(address(usd)), IAnswerSource(address(oracle)), address(other), admin, treasury);
    }

    function test_RevertWhen_initializeTwice() public {
        vm.expectRevert(IBettingPoolBase.AlreadyInitialized.selector);
        pool.initialize(alice, alice);
    }

    function test_RevertWhen_extensionCalledDirectly() public {
        BettingPoolExtension extension = BettingPoolExtension(pool.extension());
        vm.expectRevert(IBettingPoolBase.NotDelegateCall.selector);
        extension.initialize(alice, alice);
    }

    function test_setFees_updatesConfig() public {
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.FeesSet(1_000, 500);
        vm.prank(admin);
        pool.setFees(1_000, 500);
        (uint256 treasuryFee, uint256 creatorFee, , ) = lens.config(pool);
        assertEq(treasuryFee, 1_000, "treasury fee");
        assertEq(creatorFee, 500, "creator fee");
    }

    function test_RevertWhen_treasuryFeeAboveCap() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IBettingPoolBase.FeeTooHigh.selector, 2_001, 2_000));
        pool.setFees(2_001, 0);
    }

    function test_RevertWhen_creatorFeeAboveCap() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IBettingPoolBase.FeeTooHigh.selector, 1_001, 1_000));
        pool.setFees(0, 1_001);
    }

    function test_RevertWhen_setFeesCallerLacksAdminRole() public {
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, ADMIN_ROLE)
        );
        pool.setFees(0, 0);
    }

    function test_setTreasury_updatesConfig() public {
        vm.prank(admin);
        pool.setTreasury(bob);
        (, , address current, ) = lens.config(pool);
        assertEq(current, bob, "treasury");
    }

    function test_RevertWhen_treasuryIsZero() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IBettingPoolBase.ZeroAddress.selector));
        pool.setTreasury(address(0));
    }

    function test_RevertWhen_setTreasuryCallerLacksAdminRole() public {
        _expectRevertFrom(
            bob,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, ADMIN_ROLE)
        );
        pool.setTreasury(bob);
    }

    function test_setWithdrawTimeout_updatesConfig() public {
        vm.prank(admin);
        pool.setWithdrawTimeout(1 days);
        (, , , uint256 timeout) = lens.config(pool);
        assertEq(timeout, 1 days, "timeout");
    }

    function test_RevertWhen_withdrawTimeoutTooLong() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IBettingPoolBase.AmountTooLarge.selector, 31 days, 30 days));
        pool.setWithdrawTimeout(31 days);
    }

    function test_RevertWhen_setWithdrawTimeoutCallerLacksAdminRole() public {
        _expectRevertFrom(
            lp,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, lp, ADMIN_ROLE)
        );
        pool.setWithdrawTimeout(0);
    }

    function test_setReinforcementCap_updatesCap() public {
        vm.prank(admin);
        pool.setReinforcementCap(bob, 77);
        (uint256 cap, uint256 used) = lens.reinforcementOf(pool, bob);
        assertEq(cap, 77, "cap");
        assertEq(used, 0, "used");
    }

    function test_RevertWhen_reinforcementCapForZeroAddress() public {
        _expectRevertFrom(admin, abi.encodeWithSelector(IBettingPoolBase.ZeroAddress.selector));
        pool.setReinforcementCap(address(0), 1);
    }

    function test_RevertWhen_setReinforcementCapCallerLacksAdminRole() public {
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, creator, ADMIN_ROLE)
        );
        pool.setReinforcementCap(creator, 1);
    }

    function test_createCondition_storesParametersAndSnapshotsDeposits() public {
        _deposit(lp, 1_000 * USD);
        _deposit(lp, 1_000 * USD);
        bytes32 questionId = _newQuestion(3);
        uint256[] memory probabilities = _even(3);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.ConditionCreated(
            1,
            questionId,
            creator,
            probabilities,
            REINFORCEMENT,
            MARGIN_BPS,
            block.timestamp + 1 days,
            2
        );
        vm.prank(creator);
        uint256 id = pool.createCondition(
            questionId,
            probabilities,
            REINFORCEMENT,
            MARGIN_BPS,
            block.timestamp + 1 days
        );
        IBettingPoolBase.ConditionView memory c = lens.getCondition(pool, id);
        assertEq(id, 1, "first id");
        assertEq(uint256(c.state), uint256(IBettingPoolBase.ConditionState.Active), "active");
        assertEq(c.outcomeCount, 3, "outcomes");
        assertEq(c.prefixDeposits, 2, "P&L goes to the two deposits made before");
        assertApproxEqAbs(c.totalFund, REINFORCEMENT, 3, "funds sum to the reinforcement (rounded down)");
        assertLe(c.totalFund, REINFORCEMENT, "never above it");
        assertEq(lens.minOpenPrefix(pool), 2, "smallest open prefix");
        (, uint256 used) = lens.reinforcementOf(pool, creator);
        assertEq(used, REINFORCEMENT, "cap used");
    }

    function test_RevertWhen_createConditionWithoutLiquidity() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.NoLiquidity.selector));
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_createConditionCallerLacksCreatorRole() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, CREATOR_ROLE)
        );
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_oneOutcome() public {
        bytes32 questionId = _newQuestion(1);
        uint256[] memory probabilities = new uint256[](1);
        probabilities[0] = PROB_ONE;
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.InvalidOutcomeCount.selector, 1));
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_twentyOneOutcomes() public {
        bytes32 questionId = _newQuestion(21);
        uint256[] memory probabilities = _even(21);
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.InvalidOutcomeCount.selector, 21));
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_questionHasOtherOutcomeCount() public {
        bytes32 questionId = _newQuestion(3);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IBettingPoolBase.OutcomeCountMismatch.selector, questionId, 3, 2)
        );
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_zeroReinforcement() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.ZeroAmount.selector));
        pool.createCondition(questionId, probabilities, 0, MARGIN_BPS, block.timestamp + 1);
    }

    function test_RevertWhen_marginAboveCap() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.MarginTooHigh.selector, 2_001, 2_000));
        pool.createCondition(questionId, probabilities, REINFORCEMENT, 2_001, block.timestamp + 1);
    }

    function test_RevertWhen_startTimeNotInFuture() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IBettingPoolBase.StartTimeInPast.selector, block.timestamp, block.timestamp)
        );
        pool.createCondition(questionId, probabilities, REINFORCEMENT, MARGIN_BPS, block.timestamp);
    }

    function test_RevertWhen_probabilitiesDoNotSumToOne() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        probabilities[1] -= 1;
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IBettingPoolBase.InvalidProbabilities.selector, PROB_ONE - 1)
        );
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_outcomeFundRoundsToZero() public {
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = new uint256[](2);
        probabilities[0] = PROB_ONE - 1;
        probabilities[1] = 1;
        _expectRevertFrom(creator, abi.encodeWithSelector(IBettingPoolBase.ZeroFund.selector, 1));
        _createWith(questionId, probabilities);
    }

    function test_RevertWhen_reinforcementCapExceeded() public {
        vm.prank(admin);
        pool.setReinforcementCap(creator, REINFORCEMENT + 5);
        _createCondition(2);
        bytes32 questionId = _newQuestion(2);
        uint256[] memory probabilities = _even(2);
        _expectRevertFrom(
            creator,
            abi.encodeWithSelector(IBettingPoolBase.ReinforcementCapExceeded.selector, creator, REINFORCEMENT, 5)
        );
        _createWith(questionId, probabilities);
    }

    function test_resolveCondition_releasesCreatorCap() public {
        (uint256 id, bytes32 q) = _createCondition(2);
        _resolve(id, q, 0);
        (, uint256 used) = lens.reinforcementOf(pool, creator);
        assertEq(used, 0, "cap released on resolution");
    }

    function test_pauseCondition_blocksBetsUntilResumed() public {
        _deposit(lp, 100_000 * USD);
        (uint256 id, ) = _createCondition(2);
        vm.expectEmit(address(pool));
        emit IBettingPoolBase.ConditionPaused(id);
        vm.prank(maintainer);
        pool.pauseCondition(id);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                id,
                IBettingPoolBase.ConditionState.Paused
            )
        );
        pool.bet(id, 0, USD, 0, block.timestamp);
        vm.prank(maintainer);
        pool.resumeCondition(id);
        _bet(alice, id, 0, USD);
        assertEq(lens.getBet(pool, 1).stake, USD, "bet accepted after resume");
    }

    function test_RevertWhen_pauseCallerLacksMaintainerRole() public {
        (uint256 id, ) = _createCondition(2);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, MAINTAINER_ROLE)
        );
        pool.pauseCondition(id);
    }

    function test_RevertWhen_resumeCallerLacksMaintainerRole() public {
        (uint256 id, ) = _createCondition(2);
        vm.prank(maintainer);
        pool.pauseCondition(id);
        _expectRevertFrom(
            alice,
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, MAINTAINER_ROLE)
        );
        pool.resumeCondition(id);
    }

    function test_RevertWhen_pauseNotActiveCondition() public {
        _expectRevertFrom(
            maintainer,
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                9,
                IBettingPoolBase.ConditionState.None
            )
        );
        pool.pauseCondition(9);
    }

    function test_RevertWhen_resumeActiveCondition() public {
        (uint256 id, ) = _createCondition(2);
        _expectRevertFrom(
            maintainer,
            abi.encodeWithSelector(
                IBettingPoolBase.ConditionNotActive.selector,
                id,
                IBettingPoolBase.ConditionState.Active
            )
        );
        pool.resumeCondition(id);
    }

    function test_supportsInterface_erc721AndAccessControl() public view {
        assertTrue(pool.supportsInterface(type(IERC721).interfaceId), "ERC-721");
        assertTrue(pool.supportsInterface(type(IAccessControl).interfaceId), "AccessControl");
        assertFalse(pool.supportsInterface(0xdeadbeef), "unknown interface");
    }
}

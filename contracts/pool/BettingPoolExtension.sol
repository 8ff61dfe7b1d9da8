// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAnswerSource} from "../interfaces/IAnswerSource.sol";
import {IBettingPoolManagement} from "../interfaces/IBettingPool.sol";
import {LiquidityTree} from "../libraries/LiquidityTree.sol";
import {OutcomeSlot} from "../libraries/OutcomeSlot.sol";
import {ParlayLegs} from "../libraries/ParlayLegs.sol";
import {PoolOdds} from "../libraries/PoolOdds.sol";
import {PrefixSet} from "../libraries/PrefixSet.sol";
import {BettingPoolStorage} from "./BettingPoolStorage.sol";
import {Extsload} from "./Extsload.sol";

/// @title BettingPoolExtension
/// @notice Administration, condition creation, parlays and views of a BettingPool. Deployed once
/// per collateral and oracle; the pool reaches it by delegatecall from its fallback, so every
/// function here reads and writes the pool's storage (same layout: BettingPoolStorage first; the
/// role table of AccessControl comes after it and only this half uses it).
contract BettingPoolExtension is BettingPoolStorage, AccessControl, Extsload, IBettingPoolManagement {
    using LiquidityTree for LiquidityTree.Tree;
    using PrefixSet for PrefixSet.Set;
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    address private immutable _self;

    constructor(IERC20 collateral_, IAnswerSource answers_) BettingPoolStorage(collateral_, answers_) {
        _self = address(this);
    }

    /// @dev State-changing functions only make sense on the pool's storage.
    modifier onlyDelegateCall() {
        if (address(this) == _self) revert NotDelegateCall();
        _;
    }

    /// @inheritdoc IBettingPoolManagement
    function initialize(address admin, address treasury) external onlyDelegateCall {
        if (_config.treasury != address(0)) revert AlreadyInitialized();
        if (admin == address(0) || treasury == address(0)) revert ZeroAddress();
        _config.treasury = treasury;
        _totals.minOpenPrefix = uint32(PrefixSet.NONE);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit TreasurySet(treasury);
    }

    /// @notice The collateral this extension was built for (the pool checks it matches).
    function collateral() external view returns (address) {
        return address(_collateral);
    }

    /// @notice The oracle this extension was built for (the pool checks it matches).
    function answerSource() external view returns (address) {
        return address(_answers);
    }

    // ------------------------------------------------------------------ admin

    /// @inheritdoc IBettingPoolManagement
    function setFees(uint256 treasuryFeeBps, uint256 creatorFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasuryFeeBps > MAX_TREASURY_FEE_BPS) revert FeeTooHigh(treasuryFeeBps, MAX_TREASURY_FEE_BPS);
        if (creatorFeeBps > MAX_CREATOR_FEE_BPS) revert FeeTooHigh(creatorFeeBps, MAX_CREATOR_FEE_BPS);
        _config.treasuryFeeBps = uint16(treasuryFeeBps);
        _config.creatorFeeBps = uint16(creatorFeeBps);
        emit FeesSet(treasuryFeeBps, creatorFeeBps);
    }

    /// @inheritdoc IBettingPoolManagement
    function setTreasury(address treasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury == address(0)) revert ZeroAddress();
        _config.treasury = treasury;
        emit TreasurySet(treasury);
    }

    /// @inheritdoc IBettingPoolManagement
    function setWithdrawTimeout(uint256 timeoutSeconds) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (timeoutSeconds > MAX_WITHDRAW_TIMEOUT_SECONDS) {
            revert AmountTooLarge(timeoutSeconds, MAX_WITHDRAW_TIMEOUT_SECONDS);
        }
        _config.withdrawTimeout = uint32(timeoutSeconds);
        emit WithdrawTimeoutSet(timeoutSeconds);
    }

    /// @inheritdoc IBettingPoolManagement
    function setReinforcementCap(address creator, uint256 cap) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (creator == address(0)) revert ZeroAddress();
        _creators[creator].cap = cap.toUint128();
        emit ReinforcementCapSet(creator, cap);
    }

    // ------------------------------------------------------------------ conditions

    /// @inheritdoc IBettingPoolManagement
    function createCondition(
        bytes32 questionId,
        uint256[] calldata probabilities,
        uint256 reinforcement,
        uint256 marginBps,
        uint256 startsAt
    ) external onlyRole(MARKET_CREATOR_ROLE) returns (uint256 conditionId) {
        _checkConditionParams(questionId, probabilities.length, reinforcement, marginBps, startsAt);
        uint256 used = _creators[msg.sender].used + reinforcement;
        uint256 cap = _creators[msg.sender].cap;
        if (used > cap) revert ReinforcementCapExceeded(msg.sender, reinforcement, cap + reinforcement - used);

        conditionId = ++_counters.lastConditionId;
        uint256 totalFund = _initOutcomes(conditionId, probabilities, reinforcement);
        uint256 prefix = _tree.leafCount;
        // Its P&L goes to the deposits made so far: there must be some value to carry it.
        if (_tree.total() == 0) revert NoLiquidity();
        Condition storage c = _conditions[conditionId];
        c.totalFund = uint128(totalFund); // <= reinforcement, a uint96
        c.prefix = uint32(prefix); // < PrefixSet.KEY_LIMIT, enforced at deposit
        c.startsAt = uint40(startsAt);
        c.marginBps = uint16(marginBps);
        c.outcomeCount = uint8(probabilities.length);
        c.state = ConditionState.Active;
        c.creator = msg.sender;
        c.reinforcement = uint96(reinforcement);
        c.questionId = questionId;
        _creators[msg.sender].used = uint128(used);
        _openPrefixes.add(prefix);
        _refreshMinOpenPrefix();
        emit ConditionCreated(
            conditionId,
            questionId,
            msg.sender,
            probabilities,
            reinforcement,
            marginBps,
            startsAt,
            prefix
        );
    }

    /// @inheritdoc IBettingPoolManagement
    function pauseCondition(uint256 conditionId) external onlyRole(MAINTAINER_ROLE) {
        Condition storage c = _conditions[conditionId];
        if (c.state != ConditionState.Active) revert ConditionNotActive(conditionId, c.state);
        c.state = ConditionState.Paused;
        emit ConditionPaused(conditionId);
    }

    /// @inheritdoc IBettingPoolManagement
    function resumeCondition(uint256 conditionId) external onlyRole(MAINTAINER_ROLE) {
        Condition storage c = _conditions[conditionId];
        if (c.state != ConditionState.Paused) revert ConditionNotActive(conditionId, c.state);
        c.state = ConditionState.Active;
        emit ConditionResumed(conditionId);
    }

    // ------------------------------------------------------------------ parlays

    /// @inheritdoc IBettingPoolManagement
    function betParlay(
        Leg[] calldata legs,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external nonReentrant returns (uint256 betId) {
        betId = _placeParlay(msg.sender, legs, amount, minOdds, deadline);
    }

    /// @inheritdoc IBettingPoolManagement
    function betParlayFor(
        address account,
        Leg[] calldata legs,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external nonReentrant returns (uint256 betId) {
        if (account == address(0)) revert ZeroAddress();
        betId = _placeParlay(account, legs, amount, minOdds, deadline);
    }

    /// @inheritdoc IBettingPoolManagement
    function settleParlay(uint256 betId) external nonReentrant returns (ParlayStatus status, uint256 amount) {
        if (_parlays[betId].legCount == 0) revert BetNotFound(betId);
        (status, amount) = _settleParlay(betId);
        if (status == ParlayStatus.Pending) revert ParlayPending(betId);
    }

    /// @inheritdoc IBettingPoolManagement
    function settleParlays(uint256[] calldata betIds) external nonReentrant returns (uint256 settled) {
        for (uint256 i; i < betIds.length; ++i) {
            if (_parlays[betIds[i]].legCount == 0) continue;
            (ParlayStatus status, ) = _settleParlay(betIds[i]);
            if (status != ParlayStatus.Pending) ++settled;
        }
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IBettingPoolManagement
    function quoteParlay(Leg[] calldata legs, uint256 amount) external view returns (uint256 odds, uint256 payout) {
        if (legs.length < MIN_PARLAY_LEGS || legs.length > MAX_PARLAY_LEGS) revert InvalidLegCount(legs.length);
        odds = ODDS_ONE;
        for (uint256 i; i < legs.length; ++i) {
            Condition storage c = _conditions[legs[i].conditionId];
            _requireBettable(c, legs[i].conditionId);
            if (legs[i].outcome >= c.outcomeCount) revert InvalidOutcome(legs[i].outcome, c.outcomeCount);
            uint256 fund = OutcomeSlot.fund(_outcomes[OutcomeSlot.key(legs[i].conditionId, legs[i].outcome)]);
            odds = PoolOdds.combine(
                odds,
                PoolOdds.quote(fund, c.totalFund, amount, c.marginBps, MAX_ODDS),
                MAX_PARLAY_ODDS
            );
        }
        payout = PoolOdds.payout(amount, odds);
    }

    /// @inheritdoc IBettingPoolManagement
    function lpPosition(uint256 lpId) external view returns (uint256 value, uint256 depositedAt) {
        return (_tree.leafValue(lpId), _tree.leafStamp(lpId));
    }

    /// @inheritdoc IBettingPoolManagement
    function parlayStatus(uint256 betId) external view returns (ParlayStatus status) {
        Parlay storage p = _parlays[betId];
        if (p.legCount == 0) revert BetNotFound(betId);
        return _parlayStatus(p);
    }

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return ERC721.supportsInterface(interfaceId) || AccessControl.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    function _checkConditionParams(
        bytes32 questionId,
        uint256 count,
        uint256 reinforcement,
        uint256 marginBps,
        uint256 startsAt
    ) private view {
        if (count < MIN_OUTCOMES || count > MAX_OUTCOMES) revert InvalidOutcomeCount(count);
        uint256 asked = _answers.outcomeCount(questionId);
        if (asked != count) revert OutcomeCountMismatch(questionId, asked, count);
        if (reinforcement == 0) revert ZeroAmount();
        if (reinforcement > MAX_REINFORCEMENT) revert AmountTooLarge(reinforcement, MAX_REINFORCEMENT);
        if (marginBps > MAX_MARGIN_BPS) revert MarginTooHigh(marginBps, MAX_MARGIN_BPS);
        if (startsAt <= block.timestamp) revert StartTimeInPast(startsAt, block.timestamp);
        if (startsAt > type(uint40).max) revert AmountTooLarge(startsAt, type(uint40).max);
    }

    function _initOutcomes(
        uint256 conditionId,
        uint256[] calldata probabilities,
        uint256 reinforcement
    ) private returns (uint256 totalFund) {
        uint256 probabilitySum;
        for (uint256 i; i < probabilities.length; ++i) {
            uint256 fund = PoolOdds.initialFund(reinforcement, probabilities[i]);
            if (fund == 0) revert ZeroFund(i);
            probabilitySum += probabilities[i];
            totalFund += fund;
            _outcomes[OutcomeSlot.key(conditionId, i)] = OutcomeSlot.pack(fund, 0);
        }
        if (probabilitySum != PoolOdds.PROBABILITY_ONE) revert InvalidProbabilities(probabilitySum);
    }

    function _placeParlay(
        address account,
        Leg[] calldata legs,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) private returns (uint256 betId) {
        uint256 legCount = legs.length;
        if (legCount < MIN_PARLAY_LEGS || legCount > MAX_PARLAY_LEGS) revert InvalidLegCount(legCount);
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_AMOUNT) revert AmountTooLarge(amount, MAX_AMOUNT);
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);

        uint256[] memory legOdds = new uint256[](legCount);
        uint256 odds = ODDS_ONE;
        uint256 prefix = PrefixSet.NONE;
        for (uint256 i; i < legCount; ++i) {
            uint256 legPrefix;
            (legOdds[i], legPrefix) = _takeLeg(legs, i, amount);
            odds = PoolOdds.combine(odds, legOdds[i], MAX_PARLAY_ODDS);
            if (legPrefix < prefix) prefix = legPrefix;
        }
        if (odds <= ODDS_ONE) revert OddsTooLow(odds);
        if (odds < minOdds) revert OddsBelowMinimum(odds, minOdds);
        uint256 payout = PoolOdds.payout(amount, odds);
        uint256 liability = payout - amount;
        for (uint256 i; i < legCount; ++i) {
            Condition storage c = _conditions[legs[i].conditionId];
            uint256 exposure = c.parlayExposure + liability;
            if (exposure > c.reinforcement) {
                revert ParlayExposureExceeded(legs[i].conditionId, exposure, c.reinforcement);
            }
            c.parlayExposure = uint128(exposure);
        }

        betId = ++_counters.lastBetId;
        _storeParlay(betId, legs, amount, payout, prefix);
        // Every leg is an open condition, so `prefix` >= the smallest open prefix: the minimum
        // does not move and the new reserve must fit under it like any other.
        _openPrefixes.add(prefix);
        _lockReserve(0, liability);
        _mint(account, betId);
        emit ParlayPlaced(betId, account, legs, legOdds, amount, odds, payout);

        _collateral.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Checks one parlay leg, quotes it with the parlay's stake as price impact and moves its
    /// funds like a single bet of that stake would.
    function _takeLeg(
        Leg[] calldata legs,
        uint256 index,
        uint256 amount
    ) private returns (uint256 legOdds, uint256 legPrefix) {
        uint256 conditionId = legs[index].conditionId;
        uint256 outcome = legs[index].outcome;
        for (uint256 j; j < index; ++j) {
            if (legs[j].conditionId == conditionId) revert DuplicateLeg(conditionId);
        }
        Condition storage c = _conditions[conditionId];
        _requireBettable(c, conditionId);
        if (outcome >= c.outcomeCount) revert InvalidOutcome(outcome, c.outcomeCount);
        uint256 key = OutcomeSlot.key(conditionId, outcome);
        uint256 packed = _outcomes[key];
        uint256 totalFund = c.totalFund;
        legOdds = PoolOdds.quote(OutcomeSlot.fund(packed), totalFund, amount, c.marginBps, MAX_ODDS);
        _outcomes[key] = OutcomeSlot.addFund(packed, amount);
        c.totalFund = uint128(totalFund + amount);
        legPrefix = c.prefix;
        emit OddsChanged(conditionId, outcome, OutcomeSlot.fund(packed) + amount, totalFund + amount);
    }

    function _storeParlay(uint256 betId, Leg[] calldata legs, uint256 amount, uint256 payout, uint256 prefix) private {
        Parlay storage p = _parlays[betId];
        p.stake = uint96(amount);
        p.payout = uint128(payout);
        p.legCount = uint8(legs.length);
        p.prefix = uint24(prefix);
        ParlayLegs.store(p.legs, legs);
    }

    function _settleParlay(uint256 betId) private returns (ParlayStatus status, uint256 amount) {
        Parlay storage p = _parlays[betId];
        status = _parlayStatus(p);
        if (status == ParlayStatus.Pending) return (status, 0);

        uint256 stake = p.stake;
        uint256 payout = p.payout;
        uint256 prefix = p.prefix;
        uint256 liability = payout - stake;
        uint256 legCount = p.legCount;
        for (uint256 i; i < legCount; ++i) {
            (uint256 conditionId, ) = _leg(p, i);
            Condition storage c = _conditions[conditionId];
            c.parlayExposure -= uint128(liability);
        }
        _totals.lockedReserve -= uint112(liability);
        _openPrefixes.remove(prefix);
        _refreshMinOpenPrefix();
        int256 lpDelta;
        if (status == ParlayStatus.Lost) {
            uint256 fee = (stake * _config.treasuryFeeBps) / BPS;
            _accrueFee(_config.treasury, fee);
            lpDelta = int256(stake - fee);
        } else if (status == ParlayStatus.Won) {
            lpDelta = -int256(liability);
            amount = payout;
        } else {
            amount = stake;
        }
        address holder = _betHolder(betId);
        delete _parlays[betId];
        _burn(betId);
        int256 lpResult = _creditLiquidity(prefix, lpDelta);
        emit ParlaySettled(betId, holder, status, amount, lpResult);

        if (amount != 0) _collateral.safeTransfer(holder, amount);
    }

    function _parlayStatus(Parlay storage p) private view returns (ParlayStatus) {
        bool pending;
        bool cancelled;
        uint256 legCount = p.legCount;
        for (uint256 i; i < legCount; ++i) {
            (uint256 conditionId, uint256 outcome) = _leg(p, i);
            Condition storage c = _conditions[conditionId];
            ConditionState state = c.state;
            if (state == ConditionState.Resolved) {
                if (c.winningOutcome != outcome) return ParlayStatus.Lost;
            } else if (state == ConditionState.Cancelled) {
                cancelled = true;
            } else {
                pending = true;
            }
        }
        if (pending) return ParlayStatus.Pending;
        return cancelled ? ParlayStatus.Void : ParlayStatus.Won;
    }

    function _refreshMinOpenPrefix() private {
        _totals.minOpenPrefix = uint32(_openPrefixes.min());
    }

    function _leg(Parlay storage p, uint256 index) private view returns (uint256 conditionId, uint256 outcome) {
        return ParlayLegs.load(p.legs, index);
    }
}

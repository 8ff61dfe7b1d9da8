// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAnswerSource} from "../interfaces/IAnswerSource.sol";
import {IBettingPoolActions, IBettingPoolManagement} from "../interfaces/IBettingPool.sol";
import {IPoolLPToken} from "../interfaces/IPoolLPToken.sol";
import {Answers} from "../libraries/Answers.sol";
import {LiquidityTree} from "../libraries/LiquidityTree.sol";
import {OutcomeSlot} from "../libraries/OutcomeSlot.sol";
import {PoolOdds} from "../libraries/PoolOdds.sol";
import {PrefixSet} from "../libraries/PrefixSet.sol";
import {BettingPoolExtension} from "./BettingPoolExtension.sol";
import {BettingPoolStorage} from "./BettingPoolStorage.sol";
import {PoolLPToken} from "./PoolLPToken.sol";

/// @title BettingPool
/// @notice Pooled-liquidity bookmaker for one collateral (see IBettingPool and docs/pool.md). This
/// contract serves the hot paths (liquidity, single bets, claims, cash-outs, resolution) and is
/// the bet ERC-721; every other call falls through to BettingPoolExtension, run by delegatecall on
/// this contract's storage (the two together exceed one contract's code size limit).
contract BettingPool is BettingPoolStorage, IBettingPoolActions {
    using LiquidityTree for LiquidityTree.Tree;
    using PrefixSet for PrefixSet.Set;
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    IPoolLPToken private immutable _lpToken;
    address private immutable _extension;

    /// @param collateral_ The ERC-20 stakes, deposits and payouts are in.
    /// @param answers_ The oracle conditions resolve from.
    /// @param extension_ A BettingPoolExtension built for the same collateral and oracle.
    /// @param admin Holds the admin role (fees, treasury, timeout, caps, role grants).
    /// @param treasury Accrues the treasury's fee share.
    constructor(
        IERC20 collateral_,
        IAnswerSource answers_,
        address extension_,
        address admin,
        address treasury
    ) BettingPoolStorage(collateral_, answers_) {
        if (extension_ == address(0)) revert ZeroAddress();
        if (
            BettingPoolExtension(extension_).collateral() != address(collateral_) ||
            BettingPoolExtension(extension_).answerSource() != address(answers_)
        ) revert ExtensionMismatch(extension_);
        _extension = extension_;
        _lpToken = new PoolLPToken();
        // Initialisation runs in the extension on this contract's storage (the role table lives there).
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = extension_.delegatecall(
            abi.encodeCall(IBettingPoolManagement.initialize, (admin, treasury))
        );
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    /// @notice Everything not served here runs in the extension, on this contract's storage.
    /// @dev A plain delegating proxy to an immutable-by-construction extension (no upgrade path):
    /// the two halves exist only because the pool exceeds the 24 KB code limit.
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
        address target = _extension;
        assembly ("memory-safe") {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) {
                revert(0, returndatasize())
            }
            return(0, returndatasize())
        }
    }

    // ------------------------------------------------------------------ resolution

    /// @inheritdoc IBettingPoolActions
    function resolveCondition(uint256 conditionId) external nonReentrant {
        Condition storage c = _conditions[conditionId];
        ConditionState state = c.state;
        if (state == ConditionState.None) revert ConditionNotFound(conditionId);
        if (state != ConditionState.Active && state != ConditionState.Paused) {
            revert ConditionClosed(conditionId, state);
        }
        // A view call to the trusted oracle; reverts with AnswerNotFinal until the answer is final.
        uint256 answer = _answers.finalAnswer(c.questionId);

        uint256 outcomeCount = c.outcomeCount;
        int256 netStakes = c.netStakes;
        Totals memory t = _totals;
        t.lockedReserve -= uint112(c.reserve); // every condition's reserve is part of the total
        c.reserve = 0;
        _creators[c.creator].used -= c.reinforcement;
        _openPrefixes.remove(c.prefix);
        t.minOpenPrefix = uint32(_openPrefixes.min());

        if (answer == Answers.INVALID || answer >= outcomeCount) {
            uint256 refundTotal = c.openStakes;
            c.state = ConditionState.Cancelled;
            t.claimable = (t.claimable + refundTotal).toUint112();
            _totals = t;
            int256 lpResult = _creditLiquidity(c.prefix, netStakes - int256(refundTotal));
            emit ConditionCancelled(conditionId, refundTotal, lpResult);
            return;
        }

        uint256 winning = _outcomes[OutcomeSlot.key(conditionId, answer)];
        uint256 payoutTotal = OutcomeSlot.owed(winning);
        c.state = ConditionState.Resolved;
        c.winningOutcome = uint8(answer);
        t.claimable = (t.claimable + payoutTotal).toUint112();
        _totals = t;
        int256 profit = netStakes - int256(payoutTotal);
        uint256 treasuryFee;
        uint256 creatorFee;
        if (profit > 0) {
            Config memory cfg = _config;
            treasuryFee = (uint256(profit) * cfg.treasuryFeeBps) / BPS;
            creatorFee = (uint256(profit) * cfg.creatorFeeBps) / BPS;
            _accrueFee(cfg.treasury, treasuryFee);
            _accrueFee(c.creator, creatorFee);
            profit -= int256(treasuryFee + creatorFee);
        }
        int256 lpResult = _creditLiquidity(c.prefix, profit);
        emit ConditionResolved(conditionId, answer, payoutTotal, lpResult, treasuryFee, creatorFee);
    }

    // ------------------------------------------------------------------ liquidity

    /// @inheritdoc IBettingPoolActions
    function deposit(uint256 amount) external nonReentrant returns (uint256 lpId) {
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_AMOUNT) revert AmountTooLarge(amount, MAX_AMOUNT);
        // Prefix lengths are PrefixSet keys, so the deposit count stays below its key limit.
        if (_tree.leafCount >= PrefixSet.KEY_LIMIT - 1) revert TooManyDeposits(PrefixSet.KEY_LIMIT - 1);

        lpId = _tree.push(amount, block.timestamp);
        _lpToken.mint(msg.sender, lpId);
        emit LiquidityDeposited(lpId, msg.sender, amount);

        _collateral.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IBettingPoolActions
    function withdraw(uint256 lpId, uint256 fractionBps) external nonReentrant returns (uint256 amount) {
        if (fractionBps == 0 || fractionBps > BPS) revert InvalidFraction(fractionBps);
        if (_lpToken.ownerOf(lpId) != msg.sender) revert NotTokenHolder(lpId, msg.sender);
        uint256 unlocksAt = _tree.leafStamp(lpId) + _config.withdrawTimeout;
        if (block.timestamp < unlocksAt) revert WithdrawLocked(lpId, unlocksAt);

        amount = _tree.removeFraction(lpId, fractionBps, BPS);
        // The smallest open prefix must still cover all locked reserve. Only deposits inside that
        // prefix can break it: any later deposit leaves the prefix's value untouched.
        Totals memory t = _totals;
        if (t.lockedReserve != 0 && lpId < t.minOpenPrefix) {
            uint256 covered = _tree.prefixSum(t.minOpenPrefix);
            if (covered < t.lockedReserve) {
                uint256 before = covered + amount;
                revert InsufficientFreeLiquidity(amount, before > t.lockedReserve ? before - t.lockedReserve : 0);
            }
        }
        if (fractionBps == BPS) _lpToken.burn(lpId);
        emit LiquidityWithdrawn(lpId, msg.sender, fractionBps, amount);

        _collateral.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ betting

    /// @inheritdoc IBettingPoolActions
    function bet(
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external nonReentrant returns (uint256 betId) {
        betId = _placeBet(msg.sender, conditionId, outcome, amount, minOdds, deadline);
    }

    /// @inheritdoc IBettingPoolActions
    function betFor(
        address account,
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) external nonReentrant returns (uint256 betId) {
        if (account == address(0)) revert ZeroAddress();
        betId = _placeBet(account, conditionId, outcome, amount, minOdds, deadline);
    }

    /// @inheritdoc IBettingPoolActions
    function claim(uint256 betId) external nonReentrant returns (uint256 amount) {
        Bet memory b = _bets[betId];
        if (b.stake == 0) revert BetNotFound(betId);
        if (_betHolder(betId) != msg.sender) revert NotTokenHolder(betId, msg.sender);
        Condition storage c = _conditions[b.conditionId];
        ConditionState state = c.state;
        if (state == ConditionState.Resolved) {
            if (c.winningOutcome != b.outcome) revert BetLost(betId);
            amount = b.payout;
        } else if (state == ConditionState.Cancelled) {
            amount = b.stake;
        } else {
            revert ConditionNotSettled(b.conditionId, state);
        }

        // The record goes, the NFT stays as a receipt: a second claim finds no bet.
        delete _bets[betId];
        // Resolution added every winning payout (or every live stake) to `claimable`.
        _totals.claimable -= uint112(amount);
        emit PayoutClaimed(betId, msg.sender, amount);

        _collateral.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IBettingPoolActions
    function cashOut(uint256 betId, uint256 minAmount) external nonReentrant returns (uint256 amount) {
        Bet memory b = _bets[betId];
        if (b.stake == 0) revert BetNotFound(betId);
        if (_betHolder(betId) != msg.sender) revert NotTokenHolder(betId, msg.sender);
        Condition storage c = _conditions[b.conditionId];
        _requireBettable(c, b.conditionId);
        uint256 key = OutcomeSlot.key(b.conditionId, b.outcome);
        uint256 packed = _outcomes[key];
        uint256 owedBefore = OutcomeSlot.owed(packed);
        // The bet's stake was added to these funds when it was placed and only cash-outs remove it.
        uint256 fund = OutcomeSlot.fund(packed) - b.stake;
        uint256 totalFund = c.totalFund - b.stake;
        amount = PoolOdds.cashOutValue(b.payout, fund, totalFund, c.marginBps);
        if (amount < minAmount) revert CashOutBelowMinimum(amount, minAmount);

        _outcomes[key] = OutcomeSlot.removeBet(packed, b.stake, b.payout);
        uint256 maxPayout = c.maxPayout;
        if (owedBefore == maxPayout) maxPayout = _maxOwed(b.conditionId, c.outcomeCount);
        c.totalFund = uint128(totalFund);
        c.maxPayout = uint128(maxPayout);
        c.netStakes -= int128(int256(amount));
        c.openStakes -= b.stake;
        _updateReserve(b.conditionId, c);
        delete _bets[betId];
        _burn(betId);
        emit OddsChanged(b.conditionId, b.outcome, fund, totalFund);
        emit BetCashedOut(betId, msg.sender, amount);

        _collateral.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IBettingPoolActions
    function claimFees() external nonReentrant returns (uint256 amount) {
        amount = _fees[msg.sender];
        if (amount == 0) revert NoFees(msg.sender);
        _fees[msg.sender] = 0;
        _counters.feesOwed -= uint128(amount);
        emit FeesClaimed(msg.sender, amount);

        _collateral.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IBettingPoolActions
    function freeLiquidity() external view returns (uint256) {
        Totals memory t = _totals;
        uint256 covered = _tree.prefixSum(t.minOpenPrefix);
        return covered > t.lockedReserve ? covered - t.lockedReserve : 0;
    }

    /// @inheritdoc IBettingPoolActions
    function totalLiquidity() external view returns (uint256) {
        return _tree.total();
    }

    /// @inheritdoc IBettingPoolActions
    function totals() external view returns (uint256 lockedReserve, uint256 claimable, uint256 feesOwed) {
        return (_totals.lockedReserve, _totals.claimable, _counters.feesOwed);
    }

    /// @inheritdoc IBettingPoolActions
    function depositCount() external view returns (uint256) {
        return _tree.leafCount;
    }

    /// @inheritdoc IBettingPoolActions
    function quote(
        uint256 conditionId,
        uint256 outcome,
        uint256 amount
    ) external view returns (uint256 odds, uint256 payout) {
        Condition storage c = _conditions[conditionId];
        _requireBettable(c, conditionId);
        if (outcome >= c.outcomeCount) revert InvalidOutcome(outcome, c.outcomeCount);
        uint256 fund = OutcomeSlot.fund(_outcomes[OutcomeSlot.key(conditionId, outcome)]);
        odds = PoolOdds.quote(fund, c.totalFund, amount, c.marginBps, MAX_ODDS);
        payout = PoolOdds.payout(amount, odds);
    }

    /// @inheritdoc IBettingPoolActions
    function quoteCashOut(uint256 betId) external view returns (uint256 amount) {
        Bet memory b = _bets[betId];
        if (b.stake == 0) revert BetNotFound(betId);
        Condition storage c = _conditions[b.conditionId];
        _requireBettable(c, b.conditionId);
        uint256 fund = OutcomeSlot.fund(_outcomes[OutcomeSlot.key(b.conditionId, b.outcome)]) - b.stake;
        amount = PoolOdds.cashOutValue(b.payout, fund, c.totalFund - b.stake, c.marginBps);
    }

    /// @inheritdoc IBettingPoolActions
    function collateral() external view returns (address) {
        return address(_collateral);
    }

    /// @inheritdoc IBettingPoolActions
    function answerSource() external view returns (address) {
        return address(_answers);
    }

    /// @inheritdoc IBettingPoolActions
    function lpToken() external view returns (address) {
        return address(_lpToken);
    }

    /// @inheritdoc IBettingPoolActions
    function extension() external view returns (address) {
        return _extension;
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IAccessControl).interfaceId || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    function _placeBet(
        address account,
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds,
        uint256 deadline
    ) private returns (uint256 betId) {
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_AMOUNT) revert AmountTooLarge(amount, MAX_AMOUNT);
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        (uint256 odds, uint256 payout) = _bookBet(conditionId, outcome, amount, minOdds);
        betId = ++_counters.lastBetId;
        _bets[betId] = Bet(uint64(conditionId), uint8(outcome), uint88(amount), uint96(payout));
        _mint(account, betId);
        emit BetPlaced(betId, conditionId, account, outcome, amount, odds, payout);

        _collateral.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Checks and prices a single bet and books it on its condition: funds, payout owed,
    /// stakes and reserve.
    function _bookBet(
        uint256 conditionId,
        uint256 outcome,
        uint256 amount,
        uint256 minOdds
    ) private returns (uint256 odds, uint256 payout) {
        Condition storage c = _conditions[conditionId];
        _requireBettable(c, conditionId);
        if (outcome >= c.outcomeCount) revert InvalidOutcome(outcome, c.outcomeCount);
        uint256 key = OutcomeSlot.key(conditionId, outcome);
        uint256 packed = _outcomes[key];
        uint256 fund = OutcomeSlot.fund(packed);
        uint256 totalFund = c.totalFund;
        odds = PoolOdds.quote(fund, totalFund, amount, c.marginBps, MAX_ODDS);
        if (odds <= ODDS_ONE) revert OddsTooLow(odds);
        if (odds < minOdds) revert OddsBelowMinimum(odds, minOdds);
        payout = PoolOdds.payout(amount, odds);

        // Funds and totals stay far below 2^128: they grow by stakes, each at most MAX_AMOUNT.
        packed = OutcomeSlot.addBet(packed, amount, payout);
        _outcomes[key] = packed;
        uint256 owed = OutcomeSlot.owed(packed);
        uint256 maxPayout = c.maxPayout;
        c.totalFund = uint128(totalFund + amount);
        c.maxPayout = uint128(owed > maxPayout ? owed : maxPayout);
        c.netStakes += int128(int256(amount));
        c.openStakes += uint128(amount);
        _updateReserve(conditionId, c);
        emit OddsChanged(conditionId, outcome, fund + amount, totalFund + amount);
    }

    /// @dev Recomputes a condition's reserve — its worst-case loss over every outcome winning and
    /// over a cancellation — and moves the pool's locked total by the difference.
    function _updateReserve(uint256 conditionId, Condition storage c) private {
        int256 net = c.netStakes;
        int256 worst = int256(uint256(c.maxPayout)) - net;
        int256 ifCancelled = int256(uint256(c.openStakes)) - net;
        if (ifCancelled > worst) worst = ifCancelled;
        uint256 reserve = worst > 0 ? uint256(worst) : 0;
        uint256 previous = c.reserve;
        if (reserve == previous) return;
        c.reserve = reserve.toUint120();
        uint256 locked = _lockReserve(previous, reserve);
        emit ReserveChanged(conditionId, reserve, locked);
    }

    function _maxOwed(uint256 conditionId, uint256 outcomeCount) private view returns (uint256 maxOwed) {
        for (uint256 i; i < outcomeCount; ++i) {
            uint256 owed = OutcomeSlot.owed(_outcomes[OutcomeSlot.key(conditionId, i)]);
            if (owed > maxOwed) maxOwed = owed;
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IMatching} from "../../interfaces/exchange/IMatching.sol";
import {Order} from "../../libraries/OrderStructs.sol";
import {OrderMath} from "../../libraries/OrderMath.sol";
import {OrderValidation} from "./OrderValidation.sol";

/// @title Matching
/// @notice Settlement: a taker order against maker orders (COMPLEMENTARY, MINT and MERGE fills in
/// one call) or orders against the calling operator, never moving a maker's funds beyond what it
/// signed.
/// @dev Two phases per call. Phase one checks every order, updates its status and computes every
/// amount; phase two moves tokens. Amounts moved are always computed from the orders, never from
/// the exchange's balances, so tokens sent here by mistake are never paid out. Complementary
/// fills move assets directly between maker and taker; MINT and MERGE fills of one match share a
/// single split or merge of a full set.
abstract contract Matching is ReentrancyGuardTransient, OrderValidation, IMatching {
    using SafeERC20 for IERC20;

    /// @dev Whether `OrdersMatched` and `FeeCharged` are logged (see `polymarketEvents`).
    bool private immutable _polymarketEvents;

    /// @dev One maker order's settlement, computed in phase one and paid in phase two.
    struct MakerFill {
        address maker;
        uint256 making;
        uint256 taking;
        uint256 fee;
        bool viaFullSet;
    }

    /// @dev A match's taker side and running totals, from the taker's point of view.
    struct MatchTotals {
        address taker;
        uint256 tokenId;
        uint256 complement;
        bool takerBuys;
        uint256 takerGives;
        uint256 takerGets;
        uint256 fullSets;
        uint256 fullSetMakersIn;
        uint256 fullSetMakersOut;
        uint256 complementaryFees;
        uint256 fullSetFees;
    }

    /// @param polymarketEvents_ Whether to log Polymarket's `OrdersMatched` and `FeeCharged` too.
    constructor(bool polymarketEvents_) {
        _polymarketEvents = polymarketEvents_;
    }

    /// @inheritdoc IMatching
    function polymarketEvents() external view returns (bool) {
        return _polymarketEvents;
    }

    /// @inheritdoc IMatching
    function matchOrders(
        Order calldata takerOrder,
        Order[] calldata makerOrders,
        uint256 takerFillAmount,
        uint256[] calldata makerFillAmounts
    ) external nonReentrant {
        // Checks and effects.
        _checkOperatorNotPaused();
        uint256 count = makerOrders.length;
        if (count == 0 || count != makerFillAmounts.length) revert LengthMismatch(count, makerFillAmounts.length);
        bytes32 takerHash = _checkAndConsume(takerOrder, takerFillAmount, msg.sender);
        MatchTotals memory totals = _openMatch(takerOrder);
        MakerFill[] memory fills = new MakerFill[](count);
        for (uint256 i; i < count; ++i) {
            fills[i] = _fillMakerOrder(makerOrders[i], makerFillAmounts[i], totals);
        }
        uint256 takerFee = _closeMatch(takerOrder, takerFillAmount, takerHash, totals);

        // Interactions.
        _settleMatch(takerFee, fills, totals);
    }

    /// @inheritdoc IMatching
    function fillOrder(Order calldata order, uint256 fillAmount) external nonReentrant {
        _checkOperatorNotPaused();
        _fillOrder(order, fillAmount);
    }

    /// @inheritdoc IMatching
    function fillOrders(Order[] calldata orders, uint256[] calldata fillAmounts) external nonReentrant {
        _checkOperatorNotPaused();
        uint256 count = orders.length;
        if (count == 0 || count != fillAmounts.length) revert LengthMismatch(count, fillAmounts.length);
        for (uint256 i; i < count; ++i) {
            _fillOrder(orders[i], fillAmounts[i]);
        }
    }

    /// @dev The taker side of a new match; the taker's token must be registered.
    function _openMatch(Order calldata takerOrder) private view returns (MatchTotals memory totals) {
        totals.taker = takerOrder.maker;
        totals.tokenId = takerOrder.tokenId;
        totals.complement = _complementOf(totals.tokenId);
        if (totals.complement == 0) revert TokenNotRegistered(totals.tokenId);
        totals.takerBuys = takerOrder.side == BUY;
    }

    /// @dev Checks the taker's totals against its order and fill amount, returns its fee, logs its
    /// fill and the match.
    function _closeMatch(
        Order calldata takerOrder,
        uint256 takerFillAmount,
        bytes32 takerHash,
        MatchTotals memory totals
    ) private returns (uint256 takerFee) {
        if (totals.takerGives > takerFillAmount) revert TakerOverspent(totals.takerGives, takerFillAmount);
        // The taker receives at least its price for the whole fill amount (cross-multiplied).
        if (totals.takerGets * takerOrder.makerAmount < takerFillAmount * takerOrder.takerAmount) {
            revert TakerUnderpaid(totals.takerGets, takerFillAmount);
        }
        bool takerBuys = totals.takerBuys;
        takerFee = OrderMath.feeRoundedUp(
            takerOrder.feeRateBps,
            takerBuys,
            takerOrder.makerAmount,
            takerOrder.takerAmount,
            takerBuys ? totals.takerGets : totals.takerGives
        );
        emit OrderFilled(
            takerHash,
            totals.taker,
            address(this),
            takerBuys ? COLLATERAL_ASSET_ID : totals.tokenId,
            takerBuys ? totals.tokenId : COLLATERAL_ASSET_ID,
            totals.takerGives,
            totals.takerGets,
            takerFee
        );
        if (_polymarketEvents) {
            emit OrdersMatched(
                takerHash,
                totals.taker,
                takerBuys ? COLLATERAL_ASSET_ID : totals.tokenId,
                takerBuys ? totals.tokenId : COLLATERAL_ASSET_ID,
                totals.takerGives,
                totals.takerGets
            );
        }
    }

    /// @dev Phase one for one maker order of a match: checks, status, amounts, event.
    function _fillMakerOrder(
        Order calldata order,
        uint256 making,
        MatchTotals memory totals
    ) private returns (MakerFill memory fill) {
        bytes32 orderHash = _checkAndConsume(order, making, totals.taker);
        bool makerBuys = order.side == BUY;
        bool takerBuys = totals.takerBuys;
        bool viaFullSet = makerBuys == takerBuys;
        uint256 expectedToken = viaFullSet ? totals.complement : totals.tokenId;
        if (order.tokenId != expectedToken) revert MismatchedTokenIds(totals.tokenId, order.tokenId, expectedToken);

        uint256 taking = OrderMath.takingAmountRoundedUp(making, order.makerAmount, order.takerAmount);
        uint256 fee =
            order.feeRateBps == 0
                ? 0
                : OrderMath.feeRoundedUp(
                    order.feeRateBps,
                    makerBuys,
                    order.makerAmount,
                    order.takerAmount,
                    makerBuys ? taking : making
                );
        // Fields of the zeroed return value, set one by one (no second allocation).
        fill.maker = order.maker;
        fill.making = making;
        fill.taking = taking;
        fill.fee = fee;
        fill.viaFullSet = viaFullSet;

        _addToTotals(totals, viaFullSet, making, taking, fee);
        emit OrderFilled(
            orderHash,
            order.maker,
            totals.taker,
            makerBuys ? COLLATERAL_ASSET_ID : order.tokenId,
            makerBuys ? order.tokenId : COLLATERAL_ASSET_ID,
            making,
            taking,
            fee
        );
    }

    /// @dev Adds one maker fill to the match totals, from the taker's point of view.
    function _addToTotals(
        MatchTotals memory totals,
        bool viaFullSet,
        uint256 making,
        uint256 taking,
        uint256 fee
    ) private pure {
        // Cannot overflow: every term is below 2^128 (making <= makerAmount, taking <= takerAmount,
        // fee <= taking) and a call carries far fewer than 2^64 orders.
        unchecked {
            if (!viaFullSet) {
                // COMPLEMENTARY: the taker pays the maker's taking (the fee part to the fee
                // recipient) and receives the maker's making.
                totals.takerGives += taking;
                totals.takerGets += making;
                totals.complementaryFees += fee;
            } else if (totals.takerBuys) {
                // MINT: `taking` full sets; the maker pays `making` of them, the taker the rest
                // (taking >= making as the maker's price is at most one) and receives `taking` tokens.
                totals.fullSets += taking;
                totals.fullSetMakersIn += making;
                totals.takerGives += taking - making;
                totals.takerGets += taking;
                totals.fullSetFees += fee;
            } else {
                // MERGE: `making` full sets; the taker gives `making` tokens and keeps what the maker
                // does not take (making >= taking as the maker's price is at most one).
                totals.fullSets += making;
                totals.fullSetMakersOut += taking;
                totals.takerGives += making;
                totals.takerGets += making - taking;
                totals.fullSetFees += fee;
            }
        }
    }

    /// @dev Phase two of a match: every transfer, the split or merge, and the fees.
    function _settleMatch(uint256 takerFee, MakerFill[] memory fills, MatchTotals memory totals) private {
        // The taker's proceeds that pass through the exchange (MINT: tokens; MERGE: collateral),
        // from which its fee is paid first.
        uint256 takerHeld = totals.takerBuys ? totals.fullSets : totals.fullSets - totals.fullSetMakersOut;
        uint256 takerFeeFromExchange = takerFee < takerHeld ? takerFee : takerHeld;

        _collectInputsAndSettleDirectLegs(fills, totals);
        if (totals.fullSets != 0) _payFullSetProceeds(fills, totals, takerHeld, takerFeeFromExchange);

        // Fees the taker pays from its own balance: complementary makers' fees in what it gives,
        // and the rest of its own fee in what it receives.
        address taker = totals.taker;
        uint256 complementaryFees = totals.complementaryFees;
        uint256 takerFeeFromTaker = takerFee - takerFeeFromExchange;
        if (complementaryFees == 0 && takerFeeFromTaker == 0) return;
        address recipient = _feeRecipient();
        uint256 tokenId = totals.tokenId;
        if (totals.takerBuys) {
            if (complementaryFees != 0) {
                if (_polymarketEvents) emit FeeCharged(recipient, COLLATERAL_ASSET_ID, complementaryFees);
                _collateral.safeTransferFrom(taker, recipient, complementaryFees);
            }
            if (takerFeeFromTaker != 0) {
                if (_polymarketEvents) emit FeeCharged(recipient, tokenId, takerFeeFromTaker);
                _transferPosition(taker, recipient, tokenId, takerFeeFromTaker);
            }
        } else {
            if (complementaryFees != 0) {
                if (_polymarketEvents) emit FeeCharged(recipient, tokenId, complementaryFees);
                _transferPosition(taker, recipient, tokenId, complementaryFees);
            }
            if (takerFeeFromTaker != 0) {
                if (_polymarketEvents) emit FeeCharged(recipient, COLLATERAL_ASSET_ID, takerFeeFromTaker);
                _collateral.safeTransferFrom(taker, recipient, takerFeeFromTaker);
            }
        }
    }

    /// @dev Moves every input of the full sets into the exchange (the taker's, then each MINT or
    /// MERGE maker's) and settles each COMPLEMENTARY fill directly between maker and taker.
    function _collectInputsAndSettleDirectLegs(MakerFill[] memory fills, MatchTotals memory totals) private {
        address taker = totals.taker;
        uint256 tokenId = totals.tokenId;
        bool takerBuys = totals.takerBuys;
        uint256 fullSets = totals.fullSets;
        if (fullSets != 0) {
            if (takerBuys) {
                uint256 takerCollateral = fullSets - totals.fullSetMakersIn;
                if (takerCollateral != 0) _collateral.safeTransferFrom(taker, address(this), takerCollateral);
            } else {
                _transferPosition(taker, address(this), tokenId, fullSets);
            }
        }
        uint256 count = fills.length;
        for (uint256 i; i < count; ++i) {
            MakerFill memory fill = fills[i];
            if (fill.viaFullSet) {
                if (takerBuys) _collateral.safeTransferFrom(fill.maker, address(this), fill.making);
                else _transferPosition(fill.maker, address(this), totals.complement, fill.making);
            } else if (takerBuys) {
                _transferPosition(fill.maker, taker, tokenId, fill.making);
                _collateral.safeTransferFrom(taker, fill.maker, fill.taking - fill.fee);
            } else {
                _collateral.safeTransferFrom(fill.maker, taker, fill.making);
                _transferPosition(taker, fill.maker, tokenId, fill.taking - fill.fee);
            }
        }
    }

    /// @dev Splits or merges the match's full sets once and pays out everything the exchange holds:
    /// each MINT/MERGE maker (net of fee), the taker, and the fees it holds.
    function _payFullSetProceeds(
        MakerFill[] memory fills,
        MatchTotals memory totals,
        uint256 takerHeld,
        uint256 takerFeeFromExchange
    ) private {
        uint256 tokenId = totals.tokenId;
        uint256 complement = totals.complement;
        bool takerBuys = totals.takerBuys;
        if (takerBuys) _splitFullSets(tokenId, totals.fullSets);
        else _mergeFullSets(tokenId, totals.fullSets);
        uint256 count = fills.length;
        for (uint256 i; i < count; ++i) {
            MakerFill memory fill = fills[i];
            if (!fill.viaFullSet) continue;
            if (takerBuys) _transferPosition(address(this), fill.maker, complement, fill.taking - fill.fee);
            else _collateral.safeTransfer(fill.maker, fill.taking - fill.fee);
        }
        uint256 toTaker = takerHeld - takerFeeFromExchange;
        if (takerBuys) {
            _transferPosition(address(this), totals.taker, tokenId, toTaker);
            uint256 fullSetFees = totals.fullSetFees;
            if (fullSetFees != 0) {
                address recipient = _feeRecipient();
                if (_polymarketEvents) emit FeeCharged(recipient, complement, fullSetFees);
                _transferPosition(address(this), recipient, complement, fullSetFees);
            }
            if (takerFeeFromExchange != 0) {
                address recipient = _feeRecipient();
                if (_polymarketEvents) emit FeeCharged(recipient, tokenId, takerFeeFromExchange);
                _transferPosition(address(this), recipient, tokenId, takerFeeFromExchange);
            }
        } else {
            if (toTaker != 0) _collateral.safeTransfer(totals.taker, toTaker);
            uint256 exchangeFees = totals.fullSetFees + takerFeeFromExchange;
            if (exchangeFees != 0) {
                address recipient = _feeRecipient();
                if (_polymarketEvents) emit FeeCharged(recipient, COLLATERAL_ASSET_ID, exchangeFees);
                _collateral.safeTransfer(recipient, exchangeFees);
            }
        }
    }

    /// @dev One operator fill: checks and effects, the event, then the transfers.
    function _fillOrder(Order calldata order, uint256 making) private {
        // Checks and effects.
        bytes32 orderHash = _checkAndConsume(order, making, msg.sender);
        uint256 tokenId = order.tokenId;
        if (_complementOf(tokenId) == 0) revert TokenNotRegistered(tokenId);
        bool isBuy = order.side == BUY;
        uint256 taking = OrderMath.takingAmountRoundedUp(making, order.makerAmount, order.takerAmount);
        uint256 fee = OrderMath.feeRoundedUp(
            order.feeRateBps,
            isBuy,
            order.makerAmount,
            order.takerAmount,
            isBuy ? taking : making
        );
        address maker = order.maker;
        emit OrderFilled(
            orderHash,
            maker,
            msg.sender,
            isBuy ? COLLATERAL_ASSET_ID : tokenId,
            isBuy ? tokenId : COLLATERAL_ASSET_ID,
            making,
            taking,
            fee
        );

        // Interactions: the operator is the counterparty.
        if (isBuy) {
            _collateral.safeTransferFrom(maker, msg.sender, making);
            _transferPosition(msg.sender, maker, tokenId, taking - fee);
            if (fee != 0) {
                address recipient = _feeRecipient();
                if (_polymarketEvents) emit FeeCharged(recipient, tokenId, fee);
                _transferPosition(msg.sender, recipient, tokenId, fee);
            }
        } else {
            _transferPosition(maker, msg.sender, tokenId, making);
            _collateral.safeTransferFrom(msg.sender, maker, taking - fee);
            if (fee != 0) {
                address recipient = _feeRecipient();
                if (_polymarketEvents) emit FeeCharged(recipient, COLLATERAL_ASSET_ID, fee);
                _collateral.safeTransferFrom(msg.sender, recipient, fee);
            }
        }
    }
}

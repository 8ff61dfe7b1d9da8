// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IConditionalTokens} from "../interfaces/IConditionalTokens.sol";
import {IExchange} from "../interfaces/IExchange.sol";
import {INegRiskSplitter} from "../interfaces/INegRiskSplitter.sol";
import {Order, OrderStatus, Side, SignatureType, TokenInfo} from "../libraries/OrderStructs.sol";
import {OrderMath} from "../libraries/OrderMath.sol";
import {PositionIds} from "../libraries/PositionIds.sol";

/// @title Exchange
/// @notice Settles signed limit orders on outcome tokens against each other (matchOrders) or
/// against an operator (fillOrder), never moving a maker's funds beyond what it signed.
/// @dev Two phases per call. Phase one checks every order, updates its status and computes every
/// amount; phase two moves tokens. Amounts moved are always computed from the orders, never from
/// the exchange's balances, so tokens sent here by mistake are never paid out (only `rescue`
/// moves them). Complementary fills move assets directly between maker and taker; MINT and
/// MERGE fills of one match share a single split or merge of a full set.
contract Exchange is IExchange, EIP712, Ownable2Step, ReentrancyGuardTransient, ERC1155Holder {
    using SafeERC20 for IERC20;

    /// @inheritdoc IExchange
    uint256 public constant MAX_FEE_RATE_BPS = 1_000;

    /// @inheritdoc IExchange
    bytes32 public constant ORDER_TYPEHASH = keccak256(
        "Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType)"
    );

    /// @dev Role bits in `_roles`.
    uint256 private constant ROLE_OPERATOR = 1;
    uint256 private constant ROLE_PAUSER = 2;
    uint256 private constant ROLE_REGISTRAR = 4;
    /// @dev Set in every operator's role word while trading is paused, so that a fill reads the
    /// operator role and the pause flag in one slot. `_config.paused` stays the source of truth.
    uint256 private constant OPERATOR_PAUSED = 8;

    /// @dev Asset id of the collateral in OrderFilled events.
    uint256 private constant COLLATERAL_ASSET_ID = 0;
    /// @dev Index sets of a binary condition's two outcomes.
    uint256 private constant INDEX_SET_FIRST = 1;
    uint256 private constant INDEX_SET_SECOND = 2;
    uint256 private constant BINARY_OUTCOME_SLOTS = 2;
    /// @dev Order amounts must fit in 128 bits so that every product of two fits in 256.
    uint256 private constant AMOUNT_BITS = 128;
    /// @dev Words of the Order struct hashed for EIP-712: the 12 static fields.
    uint256 private constant ORDER_STATIC_BYTES = 12 * 32;

    /// @dev ECDSA: signature length, the precompile, and the malleability bound (secp256k1n / 2).
    uint256 private constant ECDSA_SIGNATURE_BYTES = 65;
    uint256 private constant ECRECOVER_PRECOMPILE = 1;
    uint256 private constant SECP256K1_HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    uint8 private constant BUY = uint8(Side.BUY);
    uint8 private constant SELL = uint8(Side.SELL);
    uint8 private constant SIG_EOA = uint8(SignatureType.EOA);
    uint8 private constant SIG_1271 = uint8(SignatureType.POLY_1271);

    IConditionalTokens private immutable _ctf;
    IERC20 private immutable _collateral;

    /// @dev Read together on every fill: one slot.
    struct Config {
        address feeRecipient;
        bool paused;
    }

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

    Config private _config;
    mapping(address account => uint256 roleBits) private _roles;
    /// @dev Every current operator, so that pausing can mark each one's role word.
    address[] private _operators;
    mapping(address maker => uint256 nonce) private _nonces;
    mapping(bytes32 orderHash => OrderStatus) private _orderStatus;
    mapping(uint256 tokenId => TokenInfo) private _registry;

    /// @param admin_ The admin (two-step transferable owner).
    /// @param ctf_ The conditional tokens contract.
    /// @param collateral_ The ERC-20 collateral of every plain condition traded here.
    /// @param feeRecipient_ Where fees are paid.
    /// @param name_ EIP-712 domain name (deploy default "Forkcast").
    /// @param version_ EIP-712 domain version (deploy default "1").
    constructor(
        address admin_,
        IConditionalTokens ctf_,
        IERC20 collateral_,
        address feeRecipient_,
        string memory name_,
        string memory version_
    ) EIP712(name_, version_) Ownable(admin_) {
        if (address(ctf_) == address(0) || address(collateral_) == address(0) || feeRecipient_ == address(0)) {
            revert ZeroAddress();
        }
        _ctf = ctf_;
        _collateral = collateral_;
        _config.feeRecipient = feeRecipient_;
        emit FeeRecipientSet(feeRecipient_);
        collateral_.forceApprove(address(ctf_), type(uint256).max);
    }

    // ================================================================== settlement

    /// @inheritdoc IExchange
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

    /// @inheritdoc IExchange
    function fillOrder(Order calldata order, uint256 fillAmount) external nonReentrant {
        _checkOperatorNotPaused();
        _fillOrder(order, fillAmount);
    }

    /// @inheritdoc IExchange
    function fillOrders(Order[] calldata orders, uint256[] calldata fillAmounts) external nonReentrant {
        _checkOperatorNotPaused();
        uint256 count = orders.length;
        if (count == 0 || count != fillAmounts.length) revert LengthMismatch(count, fillAmounts.length);
        for (uint256 i; i < count; ++i) {
            _fillOrder(orders[i], fillAmounts[i]);
        }
    }

    // ================================================================== makers

    /// @inheritdoc IExchange
    function cancelOrder(Order calldata order) external {
        if (order.maker != msg.sender) revert NotOrderMaker(msg.sender, order.maker);
        bytes32 orderHash = hashOrder(order);
        OrderStatus storage status = _orderStatus[orderHash];
        if (status.isFilledOrCancelled) revert OrderNotFillable(orderHash);
        status.isFilledOrCancelled = true;
        emit OrderCancelled(orderHash, msg.sender);
    }

    /// @inheritdoc IExchange
    function cancelOrders(Order[] calldata orders) external {
        uint256 count = orders.length;
        for (uint256 i; i < count; ++i) {
            Order calldata order = orders[i];
            if (order.maker != msg.sender) revert NotOrderMaker(msg.sender, order.maker);
            bytes32 orderHash = hashOrder(order);
            OrderStatus storage status = _orderStatus[orderHash];
            if (status.isFilledOrCancelled) continue;
            status.isFilledOrCancelled = true;
            emit OrderCancelled(orderHash, msg.sender);
        }
    }

    /// @inheritdoc IExchange
    function incrementNonce() external {
        uint256 newNonce = _nonces[msg.sender] + 1;
        _nonces[msg.sender] = newNonce;
        emit NonceIncremented(msg.sender, newNonce);
    }

    // ================================================================== registry

    /// @inheritdoc IExchange
    function registerToken(uint256 token, uint256 complement, bytes32 conditionId, address negRiskAdapter) external {
        if (msg.sender != owner() && _roles[msg.sender] & ROLE_REGISTRAR == 0) revert NotRegistrar(msg.sender);
        if (token == complement || token == 0 || complement == 0) revert InvalidTokenPair(token, complement);
        if (_registry[token].complement != 0) revert TokenAlreadyRegistered(token);
        if (_registry[complement].complement != 0) revert TokenAlreadyRegistered(complement);
        if (negRiskAdapter == address(0)) {
            _checkPlainPositions(token, complement, conditionId);
        } else if (_isPlainPosition(token, conditionId) || _isPlainPosition(complement, conditionId)) {
            revert PlainPositionsWithAdapter(token, complement, conditionId);
        }

        _registry[token] = TokenInfo(complement, conditionId, negRiskAdapter);
        emit TokenRegistered(token, complement, conditionId, negRiskAdapter);
        _registry[complement] = TokenInfo(token, conditionId, negRiskAdapter);
        emit TokenRegistered(complement, token, conditionId, negRiskAdapter);

        if (negRiskAdapter != address(0)) {
            _collateral.forceApprove(negRiskAdapter, type(uint256).max);
            if (!_ctf.isApprovedForAll(address(this), negRiskAdapter)) _ctf.setApprovalForAll(negRiskAdapter, true);
        }
    }

    // ================================================================== admin

    /// @inheritdoc IExchange
    function addOperator(address account) external onlyOwner {
        uint256 roles = _roles[account];
        if (roles & ROLE_OPERATOR == 0) {
            _operators.push(account);
            roles |= ROLE_OPERATOR;
            if (_config.paused) roles |= OPERATOR_PAUSED;
            _roles[account] = roles;
        }
        emit OperatorAdded(account);
    }

    /// @inheritdoc IExchange
    function removeOperator(address account) external onlyOwner {
        if (_roles[account] & ROLE_OPERATOR != 0) {
            uint256 count = _operators.length;
            for (uint256 i; i < count; ++i) {
                if (_operators[i] == account) {
                    _operators[i] = _operators[count - 1];
                    _operators.pop();
                    break;
                }
            }
            _roles[account] &= ~(ROLE_OPERATOR | OPERATOR_PAUSED);
        }
        emit OperatorRemoved(account);
    }

    /// @inheritdoc IExchange
    function addPauser(address account) external onlyOwner {
        _roles[account] |= ROLE_PAUSER;
        emit PauserAdded(account);
    }

    /// @inheritdoc IExchange
    function removePauser(address account) external onlyOwner {
        _roles[account] &= ~ROLE_PAUSER;
        emit PauserRemoved(account);
    }

    /// @inheritdoc IExchange
    function addRegistrar(address account) external onlyOwner {
        _roles[account] |= ROLE_REGISTRAR;
        emit RegistrarAdded(account);
    }

    /// @inheritdoc IExchange
    function removeRegistrar(address account) external onlyOwner {
        _roles[account] &= ~ROLE_REGISTRAR;
        emit RegistrarRemoved(account);
    }

    /// @inheritdoc IExchange
    function pauseTrading() external {
        if (_roles[msg.sender] & ROLE_PAUSER == 0) revert NotPauser(msg.sender);
        _config.paused = true;
        _markOperators(true);
        emit TradingPausedBy(msg.sender);
    }

    /// @inheritdoc IExchange
    function unpauseTrading() external {
        if (_roles[msg.sender] & ROLE_PAUSER == 0) revert NotPauser(msg.sender);
        _config.paused = false;
        _markOperators(false);
        emit TradingUnpausedBy(msg.sender);
    }

    /// @inheritdoc IExchange
    function setFeeRecipient(address feeRecipient_) external onlyOwner {
        if (feeRecipient_ == address(0)) revert ZeroAddress();
        _config.feeRecipient = feeRecipient_;
        emit FeeRecipientSet(feeRecipient_);
    }

    /// @inheritdoc IExchange
    function rescue(address token, address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        emit Rescued(token, 0, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IExchange
    function rescueERC1155(address token, uint256 id, address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        emit Rescued(token, id, to, amount);
        IERC1155(token).safeTransferFrom(address(this), to, id, amount, "");
    }

    // ================================================================== views

    /// @inheritdoc IExchange
    function hashOrder(Order calldata order) public view returns (bytes32) {
        bytes32 typeHash = ORDER_TYPEHASH;
        bytes32 structHash;
        // Hashes the type hash followed by the 12 static fields exactly as they sit in calldata
        // (abi.encode of the same values). Every field narrower than a word is read through a
        // Solidity accessor (which rejects dirty bits) before any order is accepted.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), order, ORDER_STATIC_BYTES)
            structHash := keccak256(ptr, add(ORDER_STATIC_BYTES, 0x20))
        }
        return _hashTypedDataV4(structHash);
    }

    /// @inheritdoc IExchange
    function validateOrder(Order calldata order) external view {
        bytes32 orderHash = hashOrder(order);
        _checkOrder(order, orderHash);
        if (_orderStatus[orderHash].isFilledOrCancelled) revert OrderNotFillable(orderHash);
        if (_registry[order.tokenId].complement == 0) revert TokenNotRegistered(order.tokenId);
    }

    /// @inheritdoc IExchange
    function getOrderStatus(bytes32 orderHash) external view returns (bool isFilledOrCancelled, uint256 remaining) {
        OrderStatus memory status = _orderStatus[orderHash];
        return (status.isFilledOrCancelled, status.remaining);
    }

    /// @inheritdoc IExchange
    function nonces(address maker) external view returns (uint256) {
        return _nonces[maker];
    }

    /// @inheritdoc IExchange
    function getComplement(uint256 token) external view returns (uint256) {
        return _registry[token].complement;
    }

    /// @inheritdoc IExchange
    function getConditionId(uint256 token) external view returns (bytes32) {
        return _registry[token].conditionId;
    }

    /// @inheritdoc IExchange
    function getNegRiskAdapter(uint256 token) external view returns (address) {
        return _registry[token].negRiskAdapter;
    }

    /// @inheritdoc IExchange
    function isRegistered(uint256 token) external view returns (bool) {
        return _registry[token].complement != 0;
    }

    /// @inheritdoc IExchange
    function isOperator(address account) external view returns (bool) {
        return _roles[account] & ROLE_OPERATOR != 0;
    }

    /// @inheritdoc IExchange
    function isPauser(address account) external view returns (bool) {
        return _roles[account] & ROLE_PAUSER != 0;
    }

    /// @inheritdoc IExchange
    function isRegistrar(address account) external view returns (bool) {
        return _roles[account] & ROLE_REGISTRAR != 0;
    }

    /// @inheritdoc IExchange
    function tradingPaused() external view returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc IExchange
    function feeRecipient() external view returns (address) {
        return _config.feeRecipient;
    }

    /// @inheritdoc IExchange
    function ctf() external view returns (address) {
        return address(_ctf);
    }

    /// @inheritdoc IExchange
    function collateral() external view returns (address) {
        return address(_collateral);
    }

    /// @inheritdoc IExchange
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ================================================================== internals: checks

    /// @dev Reverts unless the caller is an operator and trading is live: one slot read (the
    /// operator's role word carries the pause mark). The fee recipient is read only for a fee.
    function _checkOperatorNotPaused() private view {
        uint256 roles = _roles[msg.sender];
        if (roles & ROLE_OPERATOR == 0) revert NotOperator(msg.sender);
        if (roles & OPERATOR_PAUSED != 0) revert TradingPaused();
    }

    /// @dev Sets or clears the pause mark in every operator's role word.
    function _markOperators(bool paused) private {
        uint256 count = _operators.length;
        for (uint256 i; i < count; ++i) {
            address operator = _operators[i];
            if (paused) _roles[operator] |= OPERATOR_PAUSED;
            else _roles[operator] &= ~OPERATOR_PAUSED;
        }
    }

    /// @dev Every check of an order that does not depend on its fill: amounts, price, fee rate,
    /// expiration, nonce and signature.
    function _checkOrder(Order calldata order, bytes32 orderHash) private view {
        uint256 makerAmount = order.makerAmount;
        uint256 takerAmount = order.takerAmount;
        uint8 side = order.side;
        if (makerAmount == 0 || takerAmount == 0) revert ZeroOrderAmount(makerAmount, takerAmount);
        if ((makerAmount | takerAmount) >> AMOUNT_BITS != 0) revert OrderAmountTooLarge(makerAmount, takerAmount);
        if (side > SELL) revert InvalidSide(side);
        // Price = collateral / tokens must be at most one.
        if (side == BUY ? makerAmount > takerAmount : takerAmount > makerAmount) {
            revert PriceAboveOne(side, makerAmount, takerAmount);
        }
        if (order.feeRateBps > MAX_FEE_RATE_BPS) revert FeeRateTooHigh(order.feeRateBps, MAX_FEE_RATE_BPS);
        uint256 expiration = order.expiration;
        if (expiration != 0 && expiration < block.timestamp) {
            revert OrderExpired(orderHash, expiration, block.timestamp);
        }
        address maker = order.maker;
        uint256 currentNonce = _nonces[maker];
        if (order.nonce != currentNonce) revert InvalidNonce(maker, order.nonce, currentNonce);
        _checkSignature(order, orderHash, maker);
    }

    function _checkSignature(Order calldata order, bytes32 orderHash, address maker) private view {
        uint8 signatureType = order.signatureType;
        address signer = order.signer;
        if (signatureType != SIG_EOA && signatureType != SIG_1271) revert UnsupportedSignatureType(signatureType);
        if (signer != maker) revert SignerNotMaker(signer, maker);
        bool valid =
            signatureType == SIG_EOA
                ? _isEcdsaSignatureOf(orderHash, order.signature, signer)
                : SignatureChecker.isValidERC1271SignatureNowCalldata(signer, orderHash, order.signature);
        if (!valid) revert InvalidSignature(orderHash, signer);
    }

    /// @dev Whether `signature` is a 65-byte ECDSA signature of `digest` by `signer`, with the same
    /// rules as OpenZeppelin's ECDSA (low `s` only, `v` in {27, 28}), read straight from calldata.
    function _isEcdsaSignatureOf(
        bytes32 digest,
        bytes calldata signature,
        address signer
    ) private view returns (bool valid) {
        if (signature.length != ECDSA_SIGNATURE_BYTES) return false;
        assembly ("memory-safe") {
            let r := calldataload(signature.offset)
            let s := calldataload(add(signature.offset, 0x20))
            let v := byte(0, calldataload(add(signature.offset, 0x40)))
            // Malleable signatures (s in the upper half of the curve order) are rejected.
            if iszero(gt(s, SECP256K1_HALF_ORDER)) {
                let ptr := mload(0x40)
                mstore(ptr, digest)
                mstore(add(ptr, 0x20), v)
                mstore(add(ptr, 0x40), r)
                mstore(add(ptr, 0x60), s)
                // The precompile returns nothing for an invalid signature (including v not 27/28).
                let ok := staticcall(gas(), ECRECOVER_PRECOMPILE, ptr, 0x80, 0x00, 0x20)
                valid := and(and(ok, eq(returndatasize(), 0x20)), eq(mload(0x00), signer))
            }
        }
    }

    /// @dev Checks an order and consumes `fillAmount` of it. `counterparty` is who it trades with
    /// (checked against a private order's `taker`).
    function _checkAndConsume(
        Order calldata order,
        uint256 fillAmount,
        address counterparty
    ) private returns (bytes32 orderHash) {
        orderHash = hashOrder(order);
        _checkOrder(order, orderHash);
        address taker = order.taker;
        if (taker != address(0) && taker != counterparty) revert NotOrderTaker(orderHash, taker, counterparty);

        OrderStatus storage status = _orderStatus[orderHash];
        (bool isFilledOrCancelled, uint256 remaining) = (status.isFilledOrCancelled, status.remaining);
        if (isFilledOrCancelled) revert OrderNotFillable(orderHash);
        if (remaining == 0) remaining = order.makerAmount;
        if (fillAmount == 0) revert ZeroFillAmount(orderHash);
        if (fillAmount > remaining) revert FillExceedsRemaining(orderHash, fillAmount, remaining);
        // Cannot underflow: checked just above.
        unchecked {
            remaining -= fillAmount;
        }
        // One slot write. Safe cast: remaining <= makerAmount < 2^128.
        (status.isFilledOrCancelled, status.remaining) = (remaining == 0, uint128(remaining));
    }

    /// @dev For a plain condition, the pair must be the two positions of a prepared binary
    /// condition over the exchange's collateral, so that splitting [1, 2] mints exactly them.
    function _checkPlainPositions(uint256 token, uint256 complement, bytes32 conditionId) private view {
        bool pairIsPositions = _isPlainPosition(token, conditionId) && _isPlainPosition(complement, conditionId);
        if (!pairIsPositions || _ctf.getOutcomeSlotCount(conditionId) != BINARY_OUTCOME_SLOTS) {
            revert NotConditionPositions(token, complement, conditionId);
        }
    }

    // ================================================================== internals: matching

    /// @dev The taker side of a new match; the taker's token must be registered.
    function _openMatch(Order calldata takerOrder) private view returns (MatchTotals memory totals) {
        totals.taker = takerOrder.maker;
        totals.tokenId = takerOrder.tokenId;
        totals.complement = _registry[totals.tokenId].complement;
        if (totals.complement == 0) revert TokenNotRegistered(totals.tokenId);
        totals.takerBuys = takerOrder.side == BUY;
    }

    /// @dev Checks the taker's totals against its order and fill amount, returns its fee, logs its fill.
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
        address recipient = _config.feeRecipient;
        if (totals.takerBuys) {
            if (complementaryFees != 0) _collateral.safeTransferFrom(taker, recipient, complementaryFees);
            if (takerFeeFromTaker != 0) _transferPosition(taker, recipient, totals.tokenId, takerFeeFromTaker);
        } else {
            if (complementaryFees != 0) _transferPosition(taker, recipient, totals.tokenId, complementaryFees);
            if (takerFeeFromTaker != 0) _collateral.safeTransferFrom(taker, recipient, takerFeeFromTaker);
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
            if (totals.fullSetFees != 0) {
                _transferPosition(address(this), _config.feeRecipient, complement, totals.fullSetFees);
            }
            if (takerFeeFromExchange != 0) {
                _transferPosition(address(this), _config.feeRecipient, tokenId, takerFeeFromExchange);
            }
        } else {
            if (toTaker != 0) _collateral.safeTransfer(totals.taker, toTaker);
            uint256 exchangeFees = totals.fullSetFees + takerFeeFromExchange;
            if (exchangeFees != 0) _collateral.safeTransfer(_config.feeRecipient, exchangeFees);
        }
    }

    function _fillOrder(Order calldata order, uint256 making) private {
        // Checks and effects.
        bytes32 orderHash = _checkAndConsume(order, making, msg.sender);
        uint256 tokenId = order.tokenId;
        if (_registry[tokenId].complement == 0) revert TokenNotRegistered(tokenId);
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
            if (fee != 0) _transferPosition(msg.sender, _config.feeRecipient, tokenId, fee);
        } else {
            _transferPosition(maker, msg.sender, tokenId, making);
            _collateral.safeTransferFrom(msg.sender, maker, taking - fee);
            if (fee != 0) _collateral.safeTransferFrom(msg.sender, _config.feeRecipient, fee);
        }
    }

    /// @dev Splits collateral into `amount` full sets of `tokenId`'s condition. A token that is a
    /// plain position of its condition over the exchange's collateral was registered without an
    /// adapter (registration enforces it), so the adapter slot is read only for the others.
    /// @dev `ctf.safeTransferFrom(from, to, id, amount, "")` without the generic call encoding; the
    /// conditional tokens contract is a known immutable, so no code-size check is needed.
    function _transferPosition(address from, address to, uint256 id, uint256 amount) private {
        address ctf_ = address(_ctf);
        bytes4 selector = IERC1155.safeTransferFrom.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), from)
            mstore(add(ptr, 0x24), to)
            mstore(add(ptr, 0x44), id)
            mstore(add(ptr, 0x64), amount)
            mstore(add(ptr, 0x84), 0xa0)
            mstore(add(ptr, 0xa4), 0)
            if iszero(call(gas(), ctf_, 0, ptr, 0xc4, 0, 0)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }

    function _splitFullSets(uint256 tokenId, uint256 amount) private {
        TokenInfo storage info = _registry[tokenId];
        bytes32 conditionId = info.conditionId;
        if (_isPlainPosition(tokenId, conditionId)) {
            _ctf.splitPosition(_collateral, bytes32(0), conditionId, _binaryPartition(), amount);
        } else {
            INegRiskSplitter(info.negRiskAdapter).splitPosition(conditionId, amount);
        }
    }

    /// @dev Merges `amount` full sets of `tokenId`'s condition into collateral (see _splitFullSets).
    function _mergeFullSets(uint256 tokenId, uint256 amount) private {
        TokenInfo storage info = _registry[tokenId];
        bytes32 conditionId = info.conditionId;
        if (_isPlainPosition(tokenId, conditionId)) {
            _ctf.mergePositions(_collateral, bytes32(0), conditionId, _binaryPartition(), amount);
        } else {
            INegRiskSplitter(info.negRiskAdapter).mergePositions(conditionId, amount);
        }
    }

    /// @dev Whether `tokenId` is one of the two positions of `conditionId` over the collateral.
    function _isPlainPosition(uint256 tokenId, bytes32 conditionId) private view returns (bool) {
        address collateral_ = address(_collateral);
        return
            tokenId == PositionIds.positionId(collateral_, PositionIds.collectionId(conditionId, INDEX_SET_FIRST)) ||
            tokenId == PositionIds.positionId(collateral_, PositionIds.collectionId(conditionId, INDEX_SET_SECOND));
    }

    function _binaryPartition() private pure returns (uint256[] memory partition) {
        partition = new uint256[](2);
        partition[0] = INDEX_SET_FIRST;
        partition[1] = INDEX_SET_SECOND;
    }
}

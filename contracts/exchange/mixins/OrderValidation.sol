// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IOrderValidation} from "../../interfaces/exchange/IOrderValidation.sol";
import {Order, OrderStatus, Side, SignatureType} from "../../libraries/OrderStructs.sol";
import {TokenRegistry} from "./TokenRegistry.sol";

/// @title OrderValidation
/// @notice Everything that decides whether a signed order may be filled, and by how much: its
/// EIP-712 hash, amounts, price, fee rate, expiration, the maker's nonce, its signature (65-byte
/// ECDSA or EIP-1271) and its settlement status (one slot per order hash). Makers void orders
/// here (cancel, increment the nonce).
abstract contract OrderValidation is EIP712, TokenRegistry, IOrderValidation {
    /// @inheritdoc IOrderValidation
    uint256 public constant MAX_FEE_RATE_BPS = 1_000;

    /// @inheritdoc IOrderValidation
    bytes32 public constant ORDER_TYPEHASH = keccak256(
        "Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType)"
    );

    uint8 internal constant BUY = uint8(Side.BUY);
    uint8 private constant SELL = uint8(Side.SELL);
    uint8 private constant SIG_EOA = uint8(SignatureType.EOA);
    uint8 private constant SIG_1271 = uint8(SignatureType.POLY_1271);

    /// @dev Order amounts must fit in 128 bits so that every product of two fits in 256.
    uint256 private constant AMOUNT_BITS = 128;
    /// @dev Words of the Order struct hashed for EIP-712: the 12 static fields.
    uint256 private constant ORDER_STATIC_BYTES = 12 * 32;

    /// @dev ECDSA: signature length, the precompile, and the malleability bound (secp256k1n / 2).
    uint256 private constant ECDSA_SIGNATURE_BYTES = 65;
    uint256 private constant ECRECOVER_PRECOMPILE = 1;
    uint256 private constant SECP256K1_HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    mapping(address maker => uint256 nonce) private _nonces;
    mapping(bytes32 orderHash => OrderStatus) private _orderStatus;

    /// @param name_ EIP-712 domain name (deploy default "Forkcast").
    /// @param version_ EIP-712 domain version (deploy default "1").
    constructor(string memory name_, string memory version_) EIP712(name_, version_) {}

    /// @inheritdoc IOrderValidation
    function cancelOrder(Order calldata order) external {
        if (order.maker != msg.sender) revert NotOrderMaker(msg.sender, order.maker);
        bytes32 orderHash = hashOrder(order);
        OrderStatus storage status = _orderStatus[orderHash];
        if (status.isFilledOrCancelled) revert OrderNotFillable(orderHash);
        status.isFilledOrCancelled = true;
        emit OrderCancelled(orderHash, msg.sender);
    }

    /// @inheritdoc IOrderValidation
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

    /// @inheritdoc IOrderValidation
    function incrementNonce() external {
        uint256 newNonce = _nonces[msg.sender] + 1;
        _nonces[msg.sender] = newNonce;
        emit NonceIncremented(msg.sender, newNonce);
    }

    /// @inheritdoc IOrderValidation
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

    /// @inheritdoc IOrderValidation
    function validateOrder(Order calldata order) external view {
        bytes32 orderHash = hashOrder(order);
        _checkOrder(order, orderHash);
        if (_orderStatus[orderHash].isFilledOrCancelled) revert OrderNotFillable(orderHash);
        if (_complementOf(order.tokenId) == 0) revert TokenNotRegistered(order.tokenId);
    }

    /// @inheritdoc IOrderValidation
    function getOrderStatus(bytes32 orderHash) external view returns (bool isFilledOrCancelled, uint256 remaining) {
        OrderStatus memory status = _orderStatus[orderHash];
        return (status.isFilledOrCancelled, status.remaining);
    }

    /// @inheritdoc IOrderValidation
    function nonces(address maker) external view returns (uint256) {
        return _nonces[maker];
    }

    /// @inheritdoc IOrderValidation
    function isValidNonce(address maker, uint256 nonce) external view returns (bool) {
        return _nonces[maker] == nonce;
    }

    /// @inheritdoc IOrderValidation
    function getMaxFeeRate() external pure returns (uint256) {
        return MAX_FEE_RATE_BPS;
    }

    /// @inheritdoc IOrderValidation
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Checks an order and consumes `fillAmount` of it. `counterparty` is who it trades with
    /// (checked against a private order's `taker`).
    function _checkAndConsume(
        Order calldata order,
        uint256 fillAmount,
        address counterparty
    ) internal returns (bytes32 orderHash) {
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
}

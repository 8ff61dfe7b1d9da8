// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order} from "../../libraries/OrderStructs.sol";

/// @title IOrderValidation
/// @notice What makes a signed order fillable: its EIP-712 hash and signature, amounts, price,
/// fee rate, expiration, the maker's nonce and the order's settlement status; and the maker's
/// ways to void orders (cancel, increment the nonce).
interface IOrderValidation {
    /// @notice The order's expiration is in the past.
    error OrderExpired(bytes32 orderHash, uint256 expiration, uint256 timestamp);
    /// @notice The order's nonce is not the maker's current nonce.
    error InvalidNonce(address maker, uint256 orderNonce, uint256 currentNonce);
    /// @notice The order's fee rate is above MAX_FEE_RATE_BPS.
    error FeeRateTooHigh(uint256 feeRateBps, uint256 maxFeeRateBps);
    /// @notice The order's makerAmount or takerAmount is zero.
    error ZeroOrderAmount(uint256 makerAmount, uint256 takerAmount);
    /// @notice The order's makerAmount or takerAmount does not fit in 128 bits.
    error OrderAmountTooLarge(uint256 makerAmount, uint256 takerAmount);
    /// @notice The order's price is above one (BUY: makerAmount > takerAmount; SELL: takerAmount > makerAmount).
    error PriceAboveOne(uint8 side, uint256 makerAmount, uint256 takerAmount);
    /// @notice The order's side is neither 0 (BUY) nor 1 (SELL).
    error InvalidSide(uint8 side);
    /// @notice The signature type is not supported (only 0 = EOA and 3 = EIP-1271).
    error UnsupportedSignatureType(uint8 signatureType);
    /// @notice The signer must be the maker (an EOA, or the maker's EIP-1271 wallet itself).
    error SignerNotMaker(address signer, address maker);
    /// @notice The signature does not verify for the order's hash and signer.
    error InvalidSignature(bytes32 orderHash, address signer);
    /// @notice A private order is filled by someone other than its named taker.
    error NotOrderTaker(bytes32 orderHash, address taker, address counterparty);
    /// @notice The order was fully filled or cancelled.
    error OrderNotFillable(bytes32 orderHash);
    /// @notice The fill amount is zero.
    error ZeroFillAmount(bytes32 orderHash);
    /// @notice The fill amount exceeds what is left of the order.
    error FillExceedsRemaining(bytes32 orderHash, uint256 fillAmount, uint256 remaining);
    /// @notice The caller is not the order's maker.
    error NotOrderMaker(address caller, address maker);

    /// @notice An order was cancelled by its maker.
    event OrderCancelled(bytes32 indexed orderHash, address indexed maker);
    /// @notice A maker's nonce was incremented: every order signed with an older nonce is void.
    event NonceIncremented(address indexed maker, uint256 newNonce);

    /// @notice Cancels one of the caller's orders. Reverts if it is already filled or cancelled.
    /// @param order The order; the caller must be its maker.
    function cancelOrder(Order calldata order) external;

    /// @notice Cancels several of the caller's orders; already filled or cancelled ones are skipped.
    /// @param orders The orders; the caller must be the maker of each.
    function cancelOrders(Order[] calldata orders) external;

    /// @notice Voids every order the caller signed with its current nonce.
    function incrementNonce() external;

    /// @notice The maximum fee rate an order may sign, in basis points (10%).
    function MAX_FEE_RATE_BPS() external view returns (uint256);

    /// @notice The maximum fee rate an order may sign, in basis points (Polymarket's CTF Exchange
    /// name for `MAX_FEE_RATE_BPS`).
    function getMaxFeeRate() external view returns (uint256);

    /// @notice keccak256 of the Order EIP-712 type string (Polymarket CTF Exchange V1).
    function ORDER_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 domain separator orders are signed under (name, version, chain id, this address).
    function domainSeparator() external view returns (bytes32);

    /// @notice The EIP-712 digest a maker signs for `order`.
    function hashOrder(Order calldata order) external view returns (bytes32);

    /// @notice Reverts with the reason `order` could not be filled now (ignoring balances,
    /// allowances and the `taker` restriction); returns if it could.
    function validateOrder(Order calldata order) external view;

    /// @notice The settlement state of an order hash.
    /// @return isFilledOrCancelled Whether the order is done.
    /// @return remaining Maker amount left; 0 with `isFilledOrCancelled == false` means untouched.
    function getOrderStatus(bytes32 orderHash) external view returns (bool isFilledOrCancelled, uint256 remaining);

    /// @notice A maker's current nonce.
    function nonces(address maker) external view returns (uint256);

    /// @notice Whether `nonce` is `maker`'s current nonce, i.e. orders signed with it are not void.
    function isValidNonce(address maker, uint256 nonce) external view returns (bool);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Which way an order trades its outcome token. ABI-encoded as uint8 in `Order.side`.
enum Side {
    /// @dev The maker gives collateral and receives `tokenId`.
    BUY,
    /// @dev The maker gives `tokenId` and receives collateral.
    SELL
}

/// @notice How an order's signature is checked. ABI-encoded as uint8 in `Order.signatureType`.
/// @dev The numbering is Polymarket's CTF Exchange V1 numbering plus EIP-1271 as 3. Only EOA and
/// POLY_1271 are accepted; the proxy-wallet and Safe-factory types are rejected.
enum SignatureType {
    EOA,
    POLY_PROXY,
    POLY_GNOSIS_SAFE,
    POLY_1271
}

/// @notice A signed limit order, field for field Polymarket's CTF Exchange V1 order.
/// @dev EIP-712 type: `Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,
/// uint256 makerAmount,uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,
/// uint8 side,uint8 signatureType)`. `side` and `signatureType` are plain uint8 so that an
/// out-of-range value reverts with a named error instead of an ABI decoding failure.
struct Order {
    /// @dev Entropy so that otherwise equal orders hash differently.
    uint256 salt;
    /// @dev The account whose funds move.
    address maker;
    /// @dev The account that signed: the maker itself (EOA) or the maker's EIP-1271 wallet (== maker).
    address signer;
    /// @dev Zero for a public order; otherwise the only counterparty allowed to fill it.
    address taker;
    /// @dev The outcome token (ERC-1155 id on the conditional tokens) bought or sold.
    uint256 tokenId;
    /// @dev What the maker gives in total: collateral on a BUY, tokens on a SELL.
    uint256 makerAmount;
    /// @dev What the maker receives at least in total: tokens on a BUY, collateral on a SELL.
    uint256 takerAmount;
    /// @dev Unix time after which the order is void; zero for none.
    uint256 expiration;
    /// @dev Must equal the maker's current nonce; `incrementNonce` voids every order with an older one.
    uint256 nonce;
    /// @dev Fee rate in basis points, charged on what the maker receives; at most MAX_FEE_RATE_BPS.
    uint256 feeRateBps;
    /// @dev Side as uint8: 0 = BUY, 1 = SELL.
    uint8 side;
    /// @dev SignatureType as uint8: 0 = EOA, 3 = POLY_1271.
    uint8 signatureType;
    /// @dev 65-byte ECDSA signature (EOA) or the wallet's EIP-1271 signature bytes.
    bytes signature;
}

/// @notice Settlement state of an order hash, one storage slot.
/// @dev `remaining == 0 && !isFilledOrCancelled` means the order was never touched: its whole
/// `makerAmount` is still available.
struct OrderStatus {
    bool isFilledOrCancelled;
    uint128 remaining;
}

/// @notice What the exchange knows about a tradable outcome token.
struct TokenInfo {
    /// @dev The other outcome token of the same binary condition; zero when unregistered.
    uint256 complement;
    /// @dev The binary condition whose full set (token + complement) is minted and merged.
    bytes32 conditionId;
    /// @dev Zero for a plain CTF condition over the exchange's collateral; otherwise the
    /// INegRiskSplitter that mints and merges the pair.
    address negRiskAdapter;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order} from "../libraries/OrderStructs.sol";

/// @title IExchange
/// @notice Settlement of signed limit orders on conditional-token outcome tokens, wire-compatible
/// with Polymarket's CTF Exchange V1 order model (same Order struct and EIP-712 type).
/// @dev Amounts are always in an order's own maker asset when passed in (fill amounts) and every
/// fill satisfies `received * makerAmount >= given * takerAmount` for each order, before fees.
/// Asset id 0 in events stands for the collateral; any other id is an outcome token.
interface IExchange {
    // ------------------------------------------------------------------ errors: roles and state

    /// @notice The caller is not an operator.
    error NotOperator(address caller);
    /// @notice The caller is not a pauser.
    error NotPauser(address caller);
    /// @notice The caller is neither the admin nor a registrar.
    error NotRegistrar(address caller);
    /// @notice Fills and matches are paused.
    error TradingPaused();
    /// @notice An address argument that must be set is zero.
    error ZeroAddress();

    // ------------------------------------------------------------------ errors: orders

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
    /// @notice The order's token is not registered.
    error TokenNotRegistered(uint256 tokenId);
    /// @notice The caller is not the order's maker.
    error NotOrderMaker(address caller, address maker);

    // ------------------------------------------------------------------ errors: matching

    /// @notice Orders and fill amounts differ in length, or there are none.
    error LengthMismatch(uint256 orders, uint256 fillAmounts);
    /// @notice A maker order's token does not fit the taker order (same token for opposite sides,
    /// the complement for the same side).
    error MismatchedTokenIds(uint256 takerTokenId, uint256 makerTokenId, uint256 expectedTokenId);
    /// @notice The taker order would give more than its fill amount.
    error TakerOverspent(uint256 spent, uint256 takerFillAmount);
    /// @notice The taker order would receive less than its price implies for its fill amount.
    error TakerUnderpaid(uint256 received, uint256 takerFillAmount);

    // ------------------------------------------------------------------ errors: registry

    /// @notice The token or its complement is already registered.
    error TokenAlreadyRegistered(uint256 tokenId);
    /// @notice Token and complement must be distinct and non-zero.
    error InvalidTokenPair(uint256 token, uint256 complement);
    /// @notice For a plain CTF condition the pair must be the condition's two positions over the
    /// exchange's collateral, on a prepared two-outcome condition.
    error NotConditionPositions(uint256 token, uint256 complement, bytes32 conditionId);
    /// @notice A pair minted through an adapter must not be the plain positions of its condition
    /// over the exchange's collateral (those are registered without an adapter).
    error PlainPositionsWithAdapter(uint256 token, uint256 complement, bytes32 conditionId);

    // ------------------------------------------------------------------ events

    /// @notice An order was (partly) filled: its maker gave `makerAmountFilled` of `makerAssetId`
    /// and received `takerAmountFilled - fee` of `takerAssetId`; `fee` went to the fee recipient.
    /// @dev Asset id 0 is the collateral. `taker` is the counterparty: the taker order's maker for a
    /// maker order, the operator for `fillOrder`, and this exchange for a match's taker order.
    event OrderFilled(
        bytes32 indexed orderHash,
        address indexed maker,
        address indexed taker,
        uint256 makerAssetId,
        uint256 takerAssetId,
        uint256 makerAmountFilled,
        uint256 takerAmountFilled,
        uint256 fee
    );
    /// @notice An order was cancelled by its maker.
    event OrderCancelled(bytes32 indexed orderHash, address indexed maker);
    /// @notice A maker's nonce was incremented: every order signed with an older nonce is void.
    event NonceIncremented(address indexed maker, uint256 newNonce);
    /// @notice A token was registered with its complement (emitted once per direction).
    event TokenRegistered(
        uint256 indexed token,
        uint256 indexed complement,
        bytes32 indexed conditionId,
        address negRiskAdapter
    );
    /// @notice An operator was added.
    event OperatorAdded(address indexed account);
    /// @notice An operator was removed.
    event OperatorRemoved(address indexed account);
    /// @notice A pauser was added.
    event PauserAdded(address indexed account);
    /// @notice A pauser was removed.
    event PauserRemoved(address indexed account);
    /// @notice A registrar was added.
    event RegistrarAdded(address indexed account);
    /// @notice A registrar was removed.
    event RegistrarRemoved(address indexed account);
    /// @notice Fills and matches were paused.
    event TradingPausedBy(address indexed pauser);
    /// @notice Fills and matches were resumed.
    event TradingUnpausedBy(address indexed pauser);
    /// @notice The fee recipient was set.
    event FeeRecipientSet(address indexed feeRecipient);
    /// @notice Tokens held by the exchange outside any settlement were sent out by the admin.
    /// @dev `id` is 0 for an ERC-20.
    event Rescued(address indexed token, uint256 indexed id, address indexed to, uint256 amount);

    // ------------------------------------------------------------------ settlement (operators)

    /// @notice Settles a taker order against maker orders, atomically.
    /// @dev Per maker order, by sides: opposite sides on the same token is COMPLEMENTARY (assets go
    /// directly between maker and taker); two BUYs of complementary tokens is MINT and two SELLs is
    /// MERGE (one split or merge of a full set for the whole match). Each maker receives
    /// `ceil(fill * takerAmount / makerAmount)`, less its fee. The taker order consumes
    /// `takerFillAmount` of its remaining amount, gives at most that, receives at least
    /// `takerFillAmount * takerAmount / makerAmount` (cross-multiplied check); price improvement
    /// stays with the taker. Operators only; not while paused.
    /// @param takerOrder The order being matched against the book.
    /// @param makerOrders The resting orders it is matched with.
    /// @param takerFillAmount Amount of the taker order's maker asset consumed.
    /// @param makerFillAmounts For each maker order, the amount of its maker asset filled.
    function matchOrders(
        Order calldata takerOrder,
        Order[] calldata makerOrders,
        uint256 takerFillAmount,
        uint256[] calldata makerFillAmounts
    ) external;

    /// @notice Fills an order with the calling operator as the counterparty.
    /// @dev The maker gives `fillAmount` of its maker asset to the operator; the operator pays the
    /// maker `ceil(fillAmount * takerAmount / makerAmount)` less the fee, and the fee to the fee
    /// recipient. Operators only; not while paused.
    /// @param order The order.
    /// @param fillAmount Amount of the order's maker asset filled.
    function fillOrder(Order calldata order, uint256 fillAmount) external;

    /// @notice `fillOrder` for several orders in one call.
    /// @param orders The orders.
    /// @param fillAmounts For each order, the amount of its maker asset filled.
    function fillOrders(Order[] calldata orders, uint256[] calldata fillAmounts) external;

    // ------------------------------------------------------------------ makers

    /// @notice Cancels one of the caller's orders. Reverts if it is already filled or cancelled.
    /// @param order The order; the caller must be its maker.
    function cancelOrder(Order calldata order) external;

    /// @notice Cancels several of the caller's orders; already filled or cancelled ones are skipped.
    /// @param orders The orders; the caller must be the maker of each.
    function cancelOrders(Order[] calldata orders) external;

    /// @notice Voids every order the caller signed with its current nonce.
    function incrementNonce() external;

    // ------------------------------------------------------------------ registry

    /// @notice Registers a tradable token and its complement, both ways.
    /// @dev Admin or registrars. `negRiskAdapter == address(0)`: a plain binary CTF condition over
    /// the exchange's collateral, whose two positions must be `token` and `complement`. Otherwise
    /// the adapter mints and merges the pair (INegRiskSplitter) and the exchange approves it for
    /// collateral and outcome tokens.
    /// @param token An outcome token id.
    /// @param complement The other outcome token of the same binary condition.
    /// @param conditionId The binary condition.
    /// @param negRiskAdapter The splitter for multi-outcome questions, or zero.
    function registerToken(uint256 token, uint256 complement, bytes32 conditionId, address negRiskAdapter) external;

    // ------------------------------------------------------------------ admin

    /// @notice Grants the operator role (may settle orders). Admin only.
    function addOperator(address account) external;

    /// @notice Revokes the operator role. Admin only.
    function removeOperator(address account) external;

    /// @notice Grants the pauser role. Admin only.
    function addPauser(address account) external;

    /// @notice Revokes the pauser role. Admin only.
    function removePauser(address account) external;

    /// @notice Grants the registrar role (may register tokens). Admin only.
    function addRegistrar(address account) external;

    /// @notice Revokes the registrar role. Admin only.
    function removeRegistrar(address account) external;

    /// @notice Stops fills and matches (cancels and nonce increments still work). Pausers only.
    function pauseTrading() external;

    /// @notice Resumes fills and matches. Pausers only.
    function unpauseTrading() external;

    /// @notice Sets where fees are paid. Admin only; must be non-zero.
    function setFeeRecipient(address feeRecipient) external;

    /// @notice Sends ERC-20 tokens held by the exchange (mistaken deposits) to `to`. Admin only.
    /// @dev The exchange holds nothing between calls, so anything it holds was sent by mistake.
    function rescue(address token, address to, uint256 amount) external;

    /// @notice Sends ERC-1155 tokens held by the exchange (mistaken deposits) to `to`. Admin only.
    function rescueERC1155(address token, uint256 id, address to, uint256 amount) external;

    // ------------------------------------------------------------------ views

    /// @notice The maximum fee rate an order may sign, in basis points (10%).
    function MAX_FEE_RATE_BPS() external view returns (uint256);

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

    /// @notice The complement of a registered token (0 if unregistered).
    function getComplement(uint256 token) external view returns (uint256);

    /// @notice The condition of a registered token (0 if unregistered).
    function getConditionId(uint256 token) external view returns (bytes32);

    /// @notice The neg-risk adapter of a registered token (0 for a plain CTF condition or unregistered).
    function getNegRiskAdapter(uint256 token) external view returns (address);

    /// @notice Whether a token is registered.
    function isRegistered(uint256 token) external view returns (bool);

    /// @notice Whether `account` is an operator.
    function isOperator(address account) external view returns (bool);

    /// @notice Whether `account` is a pauser.
    function isPauser(address account) external view returns (bool);

    /// @notice Whether `account` is a registrar.
    function isRegistrar(address account) external view returns (bool);

    /// @notice Whether fills and matches are paused.
    function tradingPaused() external view returns (bool);

    /// @notice Where fees are paid.
    function feeRecipient() external view returns (address);

    /// @notice The conditional tokens contract.
    function ctf() external view returns (address);

    /// @notice The collateral ERC-20.
    function collateral() external view returns (address);
}

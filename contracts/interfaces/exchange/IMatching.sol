// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order} from "../../libraries/OrderStructs.sol";

/// @title IMatching
/// @notice Settlement of signed orders by operators: a taker order against maker orders
/// (matchOrders), or orders against the operator itself (fillOrder, fillOrders).
/// @dev Amounts are always in an order's own maker asset when passed in (fill amounts) and every
/// fill satisfies `received * makerAmount >= given * takerAmount` for each order, before fees.
/// Asset id 0 in events stands for the collateral; any other id is an outcome token.
interface IMatching {
    /// @notice Orders and fill amounts differ in length, or there are none.
    error LengthMismatch(uint256 orders, uint256 fillAmounts);
    /// @notice A maker order's token does not fit the taker order (same token for opposite sides,
    /// the complement for the same side).
    error MismatchedTokenIds(uint256 takerTokenId, uint256 makerTokenId, uint256 expectedTokenId);
    /// @notice The taker order would give more than its fill amount.
    error TakerOverspent(uint256 spent, uint256 takerFillAmount);
    /// @notice The taker order would receive less than its price implies for its fill amount.
    error TakerUnderpaid(uint256 received, uint256 takerFillAmount);

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
    /// @notice A taker order was matched against maker orders: the taker gave `makerAmountFilled`
    /// of `makerAssetId` and received `takerAmountFilled` of `takerAssetId` (before its fee).
    /// @dev Emitted once per `matchOrders`, after the taker's `OrderFilled`, with the same fields
    /// as Polymarket's CTF Exchange event of that name; only if `polymarketEvents()`.
    event OrdersMatched(
        bytes32 indexed takerOrderHash,
        address indexed takerOrderMaker,
        uint256 makerAssetId,
        uint256 takerAssetId,
        uint256 makerAmountFilled,
        uint256 takerAmountFilled
    );
    /// @notice `amount` of asset `tokenId` (0 = collateral) was paid as fees to `receiver`.
    /// @dev One event per fee transfer: the fees of one match in the same asset from the same
    /// payer are paid (and logged) together; the per-order fee is in each `OrderFilled`. Only if
    /// `polymarketEvents()`.
    event FeeCharged(address indexed receiver, uint256 tokenId, uint256 amount);

    /// @notice Whether this deployment also logs Polymarket's `OrdersMatched` and `FeeCharged`,
    /// fixed at deployment.
    /// @dev Every fill is already in `OrderFilled` (with its fee), so these two only serve tooling
    /// written for Polymarket's exchange. They cost about 2,700 gas per match and 1,700 per fee
    /// transfer, over 1% of a match, so a default deployment leaves them out.
    function polymarketEvents() external view returns (bool);

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
}

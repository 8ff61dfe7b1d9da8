/** Exchange fills → trades, prices, volume; order cancellations and nonces. */
import { PRICE_SCALE } from "@forkcast/shared";
import { ponder } from "ponder:registry";
import { fill, makerNonce, market, marketOutcome, order, token } from "ponder:schema";

import { describeFill, logRow, priceE6, sameAddress } from "./lib.ts";

ponder.on("Exchange:OrderFilled", async ({ event, context }) => {
  const { orderHash, maker, taker, makerAmountFilled, takerAmountFilled, fee } = event.args;
  const trade = describeFill(event.args);
  // A match's taker order is filled against the exchange itself; its maker fills are the trades.
  const role = sameAddress(taker, event.log.address) ? "taker" : "maker";
  const price = priceE6(trade.collateral, trade.size);
  const tokenRow = await context.db.find(token, { id: trade.tokenId });

  await context.db.insert(fill).values(
    logRow(event, {
      orderHash,
      maker,
      taker,
      role,
      side: trade.side,
      tokenId: trade.tokenId,
      marketId: tokenRow?.marketId ?? null,
      conditionId: tokenRow?.conditionId ?? null,
      size: trade.size,
      collateral: trade.collateral,
      priceE6: price,
      fee,
      makerAmountFilled,
      takerAmountFilled,
      logIndex: event.log.logIndex,
    }),
  );

  await context.db
    .insert(order)
    .values({
      id: orderHash,
      maker,
      tokenId: trade.tokenId,
      side: trade.side,
      makerAmountFilled,
      takerAmountFilled,
      fillCount: 1,
      cancelled: false,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate((row) => ({
      makerAmountFilled: row.makerAmountFilled + makerAmountFilled,
      takerAmountFilled: row.takerAmountFilled + takerAmountFilled,
      fillCount: row.fillCount + 1,
      tokenId: trade.tokenId,
      side: trade.side,
      updatedAt: event.block.timestamp,
    }));

  if (role !== "maker" || !tokenRow) return;
  await context.db
    .update(token, { id: tokenRow.id })
    .set((row) => ({ lastPriceE6: price, volume: row.volume + trade.collateral }));
  const yesPrice = tokenRow.side === "yes" ? price : PRICE_SCALE - price;
  await context.db
    .update(marketOutcome, { id: tokenRow.conditionId })
    .set((row) => ({ lastPriceE6: yesPrice, volume: row.volume + trade.collateral }));
  await context.db
    .update(market, { id: tokenRow.marketId })
    .set((row) => ({ volume: row.volume + trade.collateral, tradeCount: row.tradeCount + 1 }));
});

ponder.on("Exchange:OrderCancelled", async ({ event, context }) => {
  await context.db
    .insert(order)
    .values({
      id: event.args.orderHash,
      maker: event.args.maker,
      tokenId: null,
      side: null,
      makerAmountFilled: 0n,
      takerAmountFilled: 0n,
      fillCount: 0,
      cancelled: true,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate({ cancelled: true, updatedAt: event.block.timestamp });
});

ponder.on("Exchange:NonceIncremented", async ({ event, context }) => {
  await context.db
    .insert(makerNonce)
    .values({ id: event.args.maker, nonce: event.args.newNonce, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ nonce: event.args.newNonce, updatedAt: event.block.timestamp });
});

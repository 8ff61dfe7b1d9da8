/**
 * Question texts for markets the exchange registered without one. A market made by a market
 * factory is registered in the transaction in which the factory emits `MarketCreated` with the
 * question: the text is read from that receipt, and trusted only when the emitter is one of the
 * exchange's registrars (the only accounts that can register tokens).
 */
import { abis } from "@forkcast/deployments";
import { parseEventLogs, type Address, type Hex } from "viem";

import { exchangeAbi } from "../chain/abi.js";
import type { ChainReader } from "../chain/chain.js";
import type { Market } from "../markets.js";

/** Binary: the factory's question; multi-outcome: "question — outcome name" for each condition. */
export function questionText(
  params: { question: string; outcomeNames: readonly string[] },
  conditionIds: readonly string[],
  conditionId: string,
): string | undefined {
  const index = conditionIds.findIndex((id) => id.toLowerCase() === conditionId.toLowerCase());
  if (index < 0) return undefined;
  if (conditionIds.length === 1) return params.question;
  return `${params.question} — ${params.outcomeNames[index] ?? `#${index}`}`;
}

/** The question of `market` from the transaction that registered its tokens, or undefined. */
export async function questionFromChain(chain: ChainReader, market: Market): Promise<string | undefined> {
  const exchange = chain.book.exchange;
  const registrations = await chain.client.getContractEvents({
    address: exchange,
    abi: exchangeAbi,
    eventName: "TokenRegistered",
    args: { token: market.tokens[0] },
    fromBlock: chain.book.startBlock,
  });
  for (const registration of registrations) {
    const receipt = await chain.client.getTransactionReceipt({ hash: registration.transactionHash as Hex });
    const created = parseEventLogs({ abi: abis.IMarketFactory, eventName: "MarketCreated", logs: receipt.logs });
    for (const event of created) {
      const text = questionText(event.args.params, event.args.conditionIds, market.id);
      if (text === undefined) continue;
      const trusted = (await chain.client.readContract({
        address: exchange,
        abi: exchangeAbi,
        functionName: "isRegistrar",
        args: [event.address as Address],
      })) as boolean;
      if (trusted) return text;
    }
  }
  return undefined;
}

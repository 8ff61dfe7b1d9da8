/** Order-book markets through the MarketFactory, and full sets split from collateral. */
import { type Hex, parseEventLogs } from "viem";

import { type SeedContext, type Wallet, USD } from "./context.ts";

export interface CreatedMarket {
  marketId: Hex;
  conditionIds: readonly Hex[];
  yes: readonly bigint[];
  no: readonly bigint[];
}

/** Creates a binary (or, with `multi`, a neg-risk multi-outcome) market with the demo's reward and bond. */
export async function createMarket(
  { factory, people, receipt, now }: SeedContext,
  question: string,
  outcomeNames: string[],
  category: string,
  endsIn: bigint,
  options: { liveness?: bigint; multi?: boolean; rules?: string } = {},
): Promise<CreatedMarket> {
  const params = {
    question,
    outcomeNames,
    rules: options.rules ?? `Resolves to the outcome that matches the official result of: ${question}`,
    category,
    imageUri: "",
    endTime: (await now()) + endsIn,
    reward: USD("5"),
    bond: USD("50"),
    liveness: options.liveness ?? 0n,
  };
  const as = { account: people.deployer.account };
  const hash = options.multi
    ? factory.write.createMultiOutcomeMarket([params, 100n], as)
    : factory.write.createMarket([params], as);
  const [created] = parseEventLogs({ abi: factory.abi, eventName: "MarketCreated", logs: (await receipt(hash)).logs });
  if (!created) throw new Error(`MarketCreated missing for "${question}"`);
  console.log(`seed: market "${question}"`);
  return {
    marketId: created.args.marketId,
    conditionIds: created.args.conditionIds,
    yes: created.args.yesTokenIds,
    no: created.args.noTokenIds,
  };
}

/** Splits `amount` of collateral into a full set of a binary condition for `who`. */
export async function split({ ctf, address, receipt }: SeedContext, who: Wallet, conditionId: Hex, amount: bigint) {
  return receipt(
    ctf.write.splitPosition([address("collateral"), `0x${"00".repeat(32)}`, conditionId, [1n, 2n], amount], {
      account: who.account,
    }),
  );
}

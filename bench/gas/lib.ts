import type { Hash } from "viem";

import type { Connection } from "./types.js";

/** Waits for a transaction and returns its receipt's gasUsed; throws if it reverted. */
export async function gasUsed(connection: Connection, hash: Hash | Promise<Hash>): Promise<bigint> {
  const publicClient = await connection.viem.getPublicClient();
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`benchmark transaction ${receipt.transactionHash} reverted`);
  return receipt.gasUsed;
}

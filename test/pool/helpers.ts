/**
 * Typed handles on the pool tests' helper contracts (test/pool/*.sol): Hardhat generates
 * typings only for contracts under contracts/, not for test helpers.
 */
import { getContract, parseAbi } from "viem";

import type { Connection } from "../../bench/gas/types.js";

export const mockAnswerSourceAbi = parseAbi([
  "function ask(bytes32 questionId, uint256 count)",
  "function settle(bytes32 questionId, uint256 answer)",
  "function finalAnswer(bytes32 questionId) view returns (uint256)",
  "function isAnswerFinal(bytes32 questionId) view returns (bool)",
  "function outcomeCount(bytes32 questionId) view returns (uint256)",
]);

export async function deployMockAnswerSource(viem: Connection["viem"]) {
  const deployed = await viem.deployContract("MockAnswerSource", []);
  const [wallet] = await viem.getWalletClients();
  if (!wallet) throw new Error("no wallet client");
  return getContract({
    address: deployed.address,
    abi: mockAnswerSourceAbi,
    client: { public: await viem.getPublicClient(), wallet },
  });
}

export const depositBatcherAbi = parseAbi([
  "function depositMany(address pool, address token, uint256 amount, uint256 count)",
]);

/** The bench's helper that makes many LP deposits in one transaction (test/pool/DepositBatcher.sol). */
export async function deployDepositBatcher(viem: Connection["viem"]) {
  const deployed = await viem.deployContract("DepositBatcher", []);
  const [wallet] = await viem.getWalletClients();
  if (!wallet) throw new Error("no wallet client");
  return getContract({
    address: deployed.address,
    abi: depositBatcherAbi,
    client: { public: await viem.getPublicClient(), wallet },
  });
}

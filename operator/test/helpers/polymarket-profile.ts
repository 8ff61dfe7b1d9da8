/**
 * LOCAL TESTING ONLY — the "Polymarket profile" of the local stack: a node running as chain 137
 * with our Exchange placed at Polymarket's CTF Exchange address under Polymarket's EIP-712 domain
 * name, so that `@polymarket/clob-client`'s own `createOrder` / `createAndPostOrder` (which sign
 * only for Polymarket's addresses on 137/80002) work unchanged. Never for a public network: it
 * rewrites code and storage with the node's `hardhat_setCode` / `hardhat_setStorageAt`.
 */
import { encodeAbiParameters, keccak256, maxUint256, pad, toHex, type Address, type Hex } from "viem";

import type { LocalChain } from "./chain.js";

export const POLYGON_CHAIN_ID = 137;
/** Polymarket's CTF Exchange on Polygon (the client's `getContractConfig(137).exchange`). */
export const POLYMARKET_EXCHANGE: Address = "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E";
export const POLYMARKET_DOMAIN_NAME = "Polymarket CTF Exchange";
/** Plain storage slots the Exchange constructor writes (owner, pending owner, EIP-712 fallbacks, config). */
const EXCHANGE_SLOTS = 16;
/** OpenZeppelin ERC20 `_allowances` mapping slot (TestUSD). */
const ERC20_ALLOWANCES_SLOT = 1n;

function allowanceSlot(owner: Address, spender: Address): Hex {
  const inner = keccak256(
    encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [owner, ERC20_ALLOWANCES_SLOT]),
  );
  return keccak256(encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [spender, inner]));
}

/**
 * Places a just-deployed Exchange (no roles or tokens yet) at `target`: its runtime code (the
 * immutables ride along; EIP-712 rebuilds the domain separator for the new address), the
 * storage its constructor wrote, and the collateral approval of the CTF it made.
 */
export async function placeExchangeAt(
  chain: LocalChain,
  deployed: Address,
  target: Address,
  deps: { ctf: Address; collateral: Address },
): Promise<Address> {
  const code = (await chain.rpc("eth_getCode", [deployed, "latest"])) as Hex;
  await chain.rpc("hardhat_setCode", [target, code]);
  for (let slot = 0; slot < EXCHANGE_SLOTS; slot++) {
    const key = pad(toHex(slot), { size: 32 });
    const value = (await chain.rpc("eth_getStorageAt", [deployed, key, "latest"])) as Hex;
    await chain.rpc("hardhat_setStorageAt", [target, key, pad(value, { size: 32 })]);
  }
  const original = (await chain.rpc("eth_getStorageAt", [
    deps.collateral,
    allowanceSlot(deployed, deps.ctf),
    "latest",
  ])) as Hex;
  if (BigInt(original) !== maxUint256)
    throw new Error("the collateral approval layout is not OpenZeppelin ERC20's: cannot place the exchange");
  await chain.rpc("hardhat_setStorageAt", [
    deps.collateral,
    allowanceSlot(target, deps.ctf),
    pad(original, { size: 32 }),
  ]);
  return target;
}

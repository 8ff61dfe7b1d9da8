/**
 * The accounts of the local chain, derived from Hardhat's public default mnemonic (every local
 * node funds them). Never use them on a public chain.
 */
import { type HDAccount, mnemonicToAccount } from "viem/accounts";
import { bytesToHex } from "viem";

/** Hardhat's default, public development mnemonic. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Account indices with a fixed job on the local chain. */
export const ACCOUNT_INDEX = {
  deployer: 0,
  alice: 1,
  bob: 2,
  carol: 3,
  dave: 4,
  /** Signs the operator service's settlement transactions. */
  operator: 18,
  /** Signs the keeper's transactions (settling oracle answers, resolving markets, parlays). */
  keeper: 19,
} as const;

export interface DemoAccount {
  name: string;
  address: `0x${string}`;
  privateKey: `0x${string}`;
}

export function devAccount(index: number): HDAccount {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
}

export function devPrivateKey(index: number): `0x${string}` {
  const key = devAccount(index).getHdKey().privateKey;
  if (!key) throw new Error(`no private key derived for dev account ${index}`);
  return bytesToHex(key);
}

/** The people of the demo: funded with ETH and tUSD by the seed. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = (["deployer", "alice", "bob", "carol", "dave"] as const).map(
  (name) => ({
    name,
    address: devAccount(ACCOUNT_INDEX[name]).address,
    privateKey: devPrivateKey(ACCOUNT_INDEX[name]),
  }),
);

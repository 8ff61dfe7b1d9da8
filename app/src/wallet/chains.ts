/** The chains the app talks to: the local Hardhat node and Sepolia. RPC URLs come from env. */
import { defineChain } from "viem";
import { sepolia } from "wagmi/chains";

const env = import.meta.env;

export const LOCAL_RPC_URL: string = env.VITE_RPC_URL ?? "http://127.0.0.1:8545";
export const LOCAL_CHAIN_ID: number = Number(env.VITE_LOCAL_CHAIN_ID ?? 31337);

export const localChain = defineChain({
  id: LOCAL_CHAIN_ID,
  name: "Local (Hardhat)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [LOCAL_RPC_URL] } },
  testnet: true,
});

export const sepoliaChain = env.VITE_SEPOLIA_RPC_URL
  ? { ...sepolia, rpcUrls: { default: { http: [env.VITE_SEPOLIA_RPC_URL] } } }
  : sepolia;

export const appChains = [localChain, sepoliaChain] as const;

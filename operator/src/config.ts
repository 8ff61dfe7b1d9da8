/**
 * Configuration from the environment, overridable by `--flag=value` arguments
 * (`--port=9000` sets OPERATOR_PORT). Parsed once with a schema; the operator key is kept
 * out of every printable form of the config.
 */
import path from "node:path";

import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";

import type { Deployment } from "@forkcast/deployments";
import { readAddressBookFile } from "@forkcast/deployments/node";

import { parseCorsOrigins } from "./api/cors.js";

/** Tick sizes in price units: Polymarket's 0.1 / 0.01 / 0.001 / 0.0001 (its client rounds only for these). */
export const TICK_SIZES = [100_000, 10_000, 1_000, 100] as const;
const tickSize = z.coerce
  .number()
  .int()
  .refine((t) => (TICK_SIZES as readonly number[]).includes(t), {
    message: `tick size must be one of ${TICK_SIZES.join(", ")} price units (0.1, 0.01, 0.001, 0.0001)`,
  });

const hexKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 32-byte hex private key");

const envSchema = z.object({
  OPERATOR_RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  OPERATOR_CHAIN_ID: z.coerce.number().int().positive().default(31337),
  OPERATOR_ADDRESS_BOOK: z.string().optional(),
  OPERATOR_PRIVATE_KEY: hexKey.optional(),
  OPERATOR_HOST: z.string().default("127.0.0.1"),
  OPERATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  DATABASE_URL: z.string().optional(),
  OPERATOR_DATA_DIR: z.string().default(".operator/pgdata"),
  OPERATOR_DOMAIN_NAME: z.string().default("Forkcast"),
  OPERATOR_DOMAIN_VERSION: z.string().default("1"),
  OPERATOR_MARKETS_FILE: z.string().optional(),
  OPERATOR_DEFAULT_TICK_SIZE: tickSize.default(10_000),
  OPERATOR_DEFAULT_MIN_SIZE: z.coerce.bigint().default(5_000_000n),
  OPERATOR_DEFAULT_FEE_RATE_BPS: z.coerce.number().int().min(0).max(1_000).default(0),
  OPERATOR_CONFIRMATIONS: z.coerce.number().int().min(1).default(1),
  OPERATOR_POLL_MS: z.coerce.number().int().positive().default(250),
  OPERATOR_SETTLE_BATCH_MS: z.coerce.number().int().min(0).default(50),
  OPERATOR_MAX_MAKERS_PER_MATCH: z.coerce.number().int().positive().default(20),
  OPERATOR_RATE_LIMIT_PER_SEC: z.coerce.number().positive().default(500),
  OPERATOR_RATE_LIMIT_BURST: z.coerce.number().positive().default(2_000),
  OPERATOR_IP_RATE_LIMIT_PER_SEC: z.coerce.number().positive().default(5_000),
  OPERATOR_IP_RATE_LIMIT_BURST: z.coerce.number().positive().default(20_000),
  OPERATOR_SIGNATURE_WORKERS: z.coerce.number().int().min(0).default(1),
  /** Server secret the Polymarket-style API keys are derived from (hex, at least 32 bytes). */
  OPERATOR_API_KEY_SECRET: z
    .string()
    .regex(/^(0x)?([0-9a-fA-F]{2}){32,}$/, "must be at least 32 bytes of hex")
    .optional(),
  OPERATOR_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  OPERATOR_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  OPERATOR_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((raw, ctx) => {
      try {
        return parseCorsOrigins(raw);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
});

export interface AddressBook {
  readonly exchange: Address;
  readonly conditionalTokens: Address;
  readonly collateral: Address;
  /** First block to scan for exchange events. */
  readonly startBlock: bigint;
}

/** The contracts the operator uses, from a chain's address book (one schema: `@forkcast/deployments`). */
export function operatorContracts(deployment: Deployment): AddressBook {
  return {
    exchange: getAddress(deployment.contract("exchange").address),
    conditionalTokens: getAddress(deployment.contract("conditionalTokens").address),
    collateral: getAddress(deployment.contract("collateral").address),
    startBlock: BigInt(deployment.deployBlock),
  };
}

export interface Config {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly addressBookPath: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly domainName: string;
  readonly domainVersion: string;
  readonly marketsFile: string | undefined;
  readonly defaults: { readonly tickSize: number; readonly minSize: bigint; readonly feeRateBps: number };
  readonly confirmations: number;
  readonly pollMs: number;
  readonly settleBatchMs: number;
  readonly maxMakersPerMatch: number;
  /** Per maker, taken after the maker's signature is verified. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Per client address, taken before any work on a request. */
  readonly ipRateLimit: { readonly perSecond: number; readonly burst: number };
  readonly signatureWorkers: number;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Browser origins allowed to call the API (CORS); empty = no CORS headers, `*` = any. */
  readonly corsOrigins: readonly string[];
  /** Never printed: see `toJSON`. */
  readonly operatorKey: Hex | undefined;
  /** Never printed: the secret API-key credentials are derived from (docs/operator-api.md). */
  readonly apiKeySecret: string | undefined;
  /** A key that sent heartbeats and then stays silent this long has its open orders cancelled. */
  readonly heartbeatTimeoutMs: number;
}

/** Maps `--some-flag=value` to OPERATOR_SOME_FLAG (and `--database-url` to DATABASE_URL). */
export function flagsToEnv(argv: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`unrecognised argument ${arg}: use --name=value`);
    const name = (match[1] as string).replaceAll("-", "_").toUpperCase();
    env[name === "DATABASE_URL" ? name : `OPERATOR_${name}`] = match[2] as string;
  }
  return env;
}

export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const merged = { ...env, ...flagsToEnv(argv) };
  const result = envSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid operator configuration: ${problems}`);
  }
  const e = result.data;
  const config: Config = {
    rpcUrl: e.OPERATOR_RPC_URL,
    chainId: e.OPERATOR_CHAIN_ID,
    addressBookPath: e.OPERATOR_ADDRESS_BOOK ?? path.join("deployments", `${e.OPERATOR_CHAIN_ID}.json`),
    host: e.OPERATOR_HOST,
    port: e.OPERATOR_PORT,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.OPERATOR_DATA_DIR,
    domainName: e.OPERATOR_DOMAIN_NAME,
    domainVersion: e.OPERATOR_DOMAIN_VERSION,
    marketsFile: e.OPERATOR_MARKETS_FILE,
    defaults: {
      tickSize: e.OPERATOR_DEFAULT_TICK_SIZE,
      minSize: e.OPERATOR_DEFAULT_MIN_SIZE,
      feeRateBps: e.OPERATOR_DEFAULT_FEE_RATE_BPS,
    },
    confirmations: e.OPERATOR_CONFIRMATIONS,
    pollMs: e.OPERATOR_POLL_MS,
    settleBatchMs: e.OPERATOR_SETTLE_BATCH_MS,
    maxMakersPerMatch: e.OPERATOR_MAX_MAKERS_PER_MATCH,
    rateLimit: { perSecond: e.OPERATOR_RATE_LIMIT_PER_SEC, burst: e.OPERATOR_RATE_LIMIT_BURST },
    ipRateLimit: { perSecond: e.OPERATOR_IP_RATE_LIMIT_PER_SEC, burst: e.OPERATOR_IP_RATE_LIMIT_BURST },
    signatureWorkers: e.OPERATOR_SIGNATURE_WORKERS,
    logLevel: e.OPERATOR_LOG_LEVEL,
    corsOrigins: e.OPERATOR_CORS_ORIGINS,
    operatorKey: e.OPERATOR_PRIVATE_KEY as Hex | undefined,
    apiKeySecret: e.OPERATOR_API_KEY_SECRET?.replace(/^0x/, "").toLowerCase(),
    heartbeatTimeoutMs: e.OPERATOR_HEARTBEAT_TIMEOUT_MS,
  };
  Object.defineProperty(config, "operatorKey", { enumerable: false });
  Object.defineProperty(config, "apiKeySecret", { enumerable: false });
  Object.defineProperty(config, "toJSON", {
    enumerable: false,
    value: () => ({
      ...config,
      defaults: { ...config.defaults, minSize: config.defaults.minSize.toString() },
      databaseUrl: config.databaseUrl ? "<set>" : undefined,
      operatorKey: config.operatorKey ? "<set>" : undefined,
      apiKeySecret: config.apiKeySecret ? "<set>" : undefined,
    }),
  });
  return config;
}

/**
 * Reads `config.addressBookPath` (OPERATOR_ADDRESS_BOOK, default deployments/<chainId>.json).
 * A DeploymentError names the file and what is wrong: missing (deploy first), another chain,
 * or a contract the operator needs that the book lacks.
 */
export function readAddressBook(config: Config): AddressBook {
  return operatorContracts(readAddressBookFile(config.addressBookPath, config.chainId));
}

/** Optional per-market overrides: question, tick size, min size, fee rate, status. */
export const marketsFileSchema = z.array(
  z.object({
    conditionId: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
    question: z.string().default(""),
    tickSize: tickSize.optional(),
    minSize: z.coerce.bigint().optional(),
    feeRateBps: z.number().int().min(0).max(1_000).optional(),
    status: z.enum(["open", "closed"]).optional(),
  }),
);
export type MarketsFile = z.infer<typeof marketsFileSchema>;

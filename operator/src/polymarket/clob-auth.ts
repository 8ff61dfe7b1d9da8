/**
 * Polymarket's L1 authentication: the wallet signs the `ClobAuth` EIP-712 message (domain
 * `ClobAuthDomain`, version 1, the chain id, no verifying contract) and sends it in the
 * POLY_ADDRESS / POLY_SIGNATURE / POLY_TIMESTAMP / POLY_NONCE headers.
 */
import { recoverTypedDataAddress, type Address, type Hex } from "viem";

import { structTypes } from "@forkcast/shared";

import { ApiError } from "../errors.js";

export const CLOB_AUTH_DOMAIN_NAME = "ClobAuthDomain";
export const CLOB_AUTH_VERSION = "1";
export const CLOB_AUTH_MESSAGE = "This message attests that I control the given wallet";
export const CLOB_AUTH_TYPES = structTypes("ClobAuth(address address,string timestamp,uint256 nonce,string message)");

/** L1 and L2 headers whose POLY_TIMESTAMP is further than this from the operator's clock are refused. */
export const AUTH_WINDOW_SECONDS = 300;

export interface L1Headers {
  readonly address: string | undefined;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly nonce: string | undefined;
}

export interface L1Identity {
  readonly address: Address;
  readonly nonce: bigint;
}

export function checkTimestamp(timestamp: string | undefined, nowSeconds: number): void {
  if (!timestamp || !/^\d{1,15}$/.test(timestamp))
    throw new ApiError("UNAUTHORIZED", "POLY_TIMESTAMP must be unix seconds");
  if (Math.abs(nowSeconds - Number(timestamp)) > AUTH_WINDOW_SECONDS)
    throw new ApiError(
      "UNAUTHORIZED",
      `POLY_TIMESTAMP ${timestamp} is more than ${AUTH_WINDOW_SECONDS} s from the operator's clock (${nowSeconds})`,
    );
}

/** Verifies the L1 headers and returns the lower-case address and the nonce they prove. */
export async function verifyL1(headers: L1Headers, chainId: number, nowSeconds: number): Promise<L1Identity> {
  const { address, signature, timestamp } = headers;
  const nonceText = headers.nonce ?? "0";
  if (!address || !/^0x[0-9a-fA-F]{40}$/.test(address))
    throw new ApiError("UNAUTHORIZED", "POLY_ADDRESS must be the signing wallet's 0x address");
  if (!signature || !/^0x[0-9a-fA-F]{130}$/.test(signature))
    throw new ApiError("UNAUTHORIZED", "POLY_SIGNATURE must be a 65-byte ClobAuth EIP-712 signature");
  if (!/^\d{1,78}$/.test(nonceText)) throw new ApiError("UNAUTHORIZED", "POLY_NONCE must be a decimal integer");
  checkTimestamp(timestamp, nowSeconds);
  const nonce = BigInt(nonceText);
  let recovered: Address;
  try {
    recovered = await recoverTypedDataAddress({
      domain: { name: CLOB_AUTH_DOMAIN_NAME, version: CLOB_AUTH_VERSION, chainId },
      types: CLOB_AUTH_TYPES,
      primaryType: "ClobAuth",
      message: { address: address as Address, timestamp: String(timestamp), nonce, message: CLOB_AUTH_MESSAGE },
      signature: signature as Hex,
    });
  } catch {
    throw new ApiError("UNAUTHORIZED", "POLY_SIGNATURE is not a valid signature");
  }
  if (recovered.toLowerCase() !== address.toLowerCase())
    throw new ApiError(
      "UNAUTHORIZED",
      `the ClobAuth signature (chain ${chainId}) does not come from POLY_ADDRESS ${address}`,
    );
  return { address: address.toLowerCase() as Address, nonce };
}

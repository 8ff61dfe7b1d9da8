/**
 * EOA signature recovery on the fast order digest with native libsecp256k1 (≈ 28x viem's
 * pure-JS recovery). The one place the exchange's EOA rules (Exchange._isEcdsaSignatureOf) are
 * mirrored: exactly 65 bytes, s in [1, secp256k1n / 2], v ∈ {27, 28} only (the ecrecover
 * precompile refuses 0/1), so nothing accepted here can fail the exchange's check.
 */
import secp256k1 from "secp256k1";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "viem";

/** The exchange's EOA signature length and the two v values its ecrecover accepts. */
export const ECDSA_SIGNATURE_BYTES = 65;
export const ECDSA_V_EVEN = 27;
export const ECDSA_V_ODD = 28;

/** secp256k1n / 2, big-endian: OpenZeppelin rejects s above it (signature malleability). */
const HALF_N = Uint8Array.from(Buffer.from("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", "hex"));

/** True when the 32-byte big-endian s at bytes[32..64) is zero or above HALF_N. */
function badS(bytes: Uint8Array): boolean {
  let zero = true;
  let decided = false;
  let above = false;
  for (let i = 0; i < 32; i++) {
    const b = bytes[32 + i] as number;
    if (b !== 0) zero = false;
    if (!decided) {
      const h = HALF_N[i] as number;
      if (b !== h) {
        decided = true;
        above = b > h;
      }
    }
  }
  return zero || above;
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

/** Decodes 0x-prefixed hex; returns undefined on any bad character or odd length. */
export function hexToBytesStrict(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || hex[0] !== "0" || (hex[1] !== "x" && hex[1] !== "X")) return undefined;
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = HEX[hex.charCodeAt(2 + 2 * i) & 127] ?? -1;
    const lo = HEX[hex.charCodeAt(3 + 2 * i) & 127] ?? -1;
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Public key → address, memoised: the same makers sign many orders, so this saves a keccak per order. */
const ADDRESS_CACHE = new Map<string, string>();
const ADDRESS_CACHE_LIMIT = 100_000;

function addressOf(uncompressedPublicKey: Uint8Array): string {
  const key = Buffer.from(uncompressedPublicKey.buffer, uncompressedPublicKey.byteOffset + 1, 64).toString("latin1");
  let address = ADDRESS_CACHE.get(key);
  if (address === undefined) {
    address = bytesToHex(keccak_256(uncompressedPublicKey.subarray(1)).subarray(12));
    if (ADDRESS_CACHE.size >= ADDRESS_CACHE_LIMIT) ADDRESS_CACHE.clear();
    ADDRESS_CACHE.set(key, address);
  }
  return address;
}

/** Lower-case address that signed `digest`, or undefined when the signature is invalid. */
export function recoverAddress(digest: Uint8Array, signature: string): string | undefined {
  const bytes = hexToBytesStrict(signature);
  if (!bytes || bytes.length !== ECDSA_SIGNATURE_BYTES) return undefined;
  const v = bytes[64] as number;
  if (v !== ECDSA_V_EVEN && v !== ECDSA_V_ODD) return undefined;
  const recid = v - ECDSA_V_EVEN;
  if (badS(bytes)) return undefined;
  try {
    const publicKey = secp256k1.ecdsaRecover(bytes.subarray(0, 64), recid, digest, false);
    return addressOf(publicKey);
  } catch {
    return undefined;
  }
}

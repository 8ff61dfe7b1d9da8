/**
 * Invalid WebSocket frames (RFC 6455 violations) and hostile channel messages for the
 * hostile-input suite. A frame case is one connection: the handshake, then the frames; the
 * server must close that socket (and only that socket) or answer with an error message.
 */
import type { Prng } from "../prng.js";
import { frame } from "./wire.js";

export interface FrameCase {
  readonly category: "ws-invalid-frames";
  readonly note: string;
  readonly path: "/ws/market" | "/ws/user";
  readonly frames: Buffer[];
  /** "close": the server must close the socket; "reply": it must answer (valid frames); "either". */
  readonly expect: "close" | "reply" | "either";
}

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const CONTINUATION = 0x0;
const RESERVED_OPCODES = [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf];
/** The operator's WebSocket payload limit (64 KiB). */
const MAX_PAYLOAD = 64 * 1024;

const closePayload = (code: number, reason = ""): Buffer => {
  const b = Buffer.alloc(2 + reason.length);
  b.writeUInt16BE(code, 0);
  b.write(reason, 2);
  return b;
};

/** One text message as fragments: a TEXT frame, then CONTINUATION frames, FIN on the last. */
const fragments = (payloads: readonly Buffer[]): Buffer[] =>
  payloads.map((payload, i) =>
    frame({ opcode: i === 0 ? TEXT : CONTINUATION, fin: i === payloads.length - 1, payload }),
  );

export function invalidFrames(rng: Prng, n: number, tokenId: bigint): FrameCase[] {
  const subscribe = Buffer.from(JSON.stringify({ type: "market", assets_ids: [tokenId.toString()] }));
  const builders: (() => Omit<FrameCase, "category" | "path">)[] = [
    ...RESERVED_OPCODES.map((opcode) => () => ({
      note: `reserved opcode 0x${opcode.toString(16)}`,
      frames: [frame({ opcode, payload: rng.bytes(rng.int(100)) })],
      expect: "close" as const,
    })),
    () => ({
      note: "unmasked client frame",
      frames: [frame({ opcode: TEXT, payload: subscribe, mask: false })],
      expect: "close",
    }),
    () => ({
      note: "lying mask (mask bit set, payload not masked)",
      frames: [frame({ opcode: TEXT, payload: subscribe, lyingMask: true })],
      expect: "either",
    }),
    () => ({
      note: "RSV bits without an extension",
      frames: [frame({ opcode: TEXT, payload: subscribe, rsv: 1 + rng.int(7) })],
      expect: "close",
    }),
    () => ({
      note: "control frame over 125 bytes",
      frames: [frame({ opcode: PING, payload: rng.bytes(126 + rng.int(1000)) })],
      expect: "close",
    }),
    () => ({
      note: "fragmented control frame",
      frames: [frame({ opcode: PING, fin: false, payload: Buffer.from("x") })],
      expect: "close",
    }),
    () => ({
      note: "continuation without a first fragment",
      frames: [frame({ opcode: CONTINUATION, payload: subscribe })],
      expect: "close",
    }),
    () => ({
      note: "new text frame inside a fragmented message",
      frames: [
        frame({ opcode: TEXT, fin: false, payload: subscribe.subarray(0, 5) }),
        frame({ opcode: TEXT, payload: subscribe }),
      ],
      expect: "close",
    }),
    () => ({
      note: "invalid UTF-8 in a text frame",
      frames: [frame({ opcode: TEXT, payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0xfe, 0x7d]) })],
      expect: "close",
    }),
    () => ({
      note: "close frame with a 1-byte payload",
      frames: [frame({ opcode: CLOSE, payload: Buffer.from([3]) })],
      expect: "close",
    }),
    () => ({
      note: "close frame with an invalid code",
      frames: [
        frame({ opcode: CLOSE, payload: closePayload(rng.pick([0, 999, 1004, 1005, 1006, 2999, 5000, 65535])) }),
      ],
      expect: "close",
    }),
    () => ({
      note: "64-bit length with the top bit set",
      frames: [frame({ opcode: TEXT, payload: Buffer.from("{}"), declaredLength: (1n << 63n) + 5n })],
      expect: "close",
    }),
    () => ({
      note: "64-bit length of 2^53",
      frames: [frame({ opcode: BINARY, payload: Buffer.from("{}"), declaredLength: 1n << 53n })],
      expect: "close",
    }),
    () => ({
      note: "one text frame over the payload limit",
      frames: [frame({ opcode: TEXT, payload: Buffer.alloc(MAX_PAYLOAD + 1 + rng.int(4096), 0x20) })],
      expect: "close",
    }),
    () => ({
      note: "fragments adding up to more than the payload limit",
      frames: fragments([Buffer.alloc(30_000, 0x20), Buffer.alloc(30_000, 0x20), Buffer.alloc(10_000, 0x20)]),
      expect: "close",
    }),
    () => ({
      note: "valid message in three fragments",
      frames: fragments([subscribe.subarray(0, 4), subscribe.subarray(4, 10), subscribe.subarray(10)]),
      expect: "reply",
    }),
    () => ({
      note: "valid ping between fragments",
      frames: [
        frame({ opcode: TEXT, fin: false, payload: subscribe.subarray(0, 4) }),
        frame({ opcode: PING, payload: Buffer.from("hi") }),
        frame({ opcode: CONTINUATION, payload: subscribe.subarray(4) }),
      ],
      expect: "reply",
    }),
    () => ({
      note: "binary garbage",
      frames: [frame({ opcode: BINARY, payload: rng.bytes(1 + rng.int(2000)) })],
      expect: "either",
    }),
    () => ({
      note: "truncated frame header then silence",
      frames: [frame({ opcode: TEXT, payload: subscribe }).subarray(0, 1 + rng.int(5))],
      expect: "either",
    }),
    () => ({
      note: "frame bytes split one by one",
      frames: [...frame({ opcode: TEXT, payload: subscribe })].map((b) => Buffer.from([b])),
      expect: "reply",
    }),
  ];
  return Array.from({ length: n }, (_, i) => {
    const built = (builders[i % builders.length] ?? builders[0])?.();
    if (!built) throw new Error("no frame builder");
    return { category: "ws-invalid-frames", path: rng.int(2) === 0 ? "/ws/market" : "/ws/user", ...built };
  });
}

/** Hostile text messages on an open channel: each must get an error event (or be a harmless valid message). */
export function badMessages(rng: Prng, n: number): string[] {
  const samples: (() => string)[] = [
    () => "{",
    () => "",
    () => "null",
    () => "[]",
    () => "42",
    () => '"market"',
    () => JSON.stringify({ type: "market", assets_ids: "1" }),
    () => JSON.stringify({ type: "market", assets_ids: [] }),
    () => JSON.stringify({ type: "market", assets_ids: [1, 2] }),
    () => JSON.stringify({ type: "market", assets_ids: ["-1", "1e5", "0x10"] }),
    () => JSON.stringify({ type: "market", assets_ids: [(1n << 256n).toString() + "0"] }),
    () => JSON.stringify({ type: "market", operation: "drop", assets_ids: ["1"] }),
    () => JSON.stringify({ type: "user", address: "0x" + "zz".repeat(20) }),
    () => JSON.stringify({ type: "user", address: 5 }),
    () => JSON.stringify({ type: "user", address: "0x" + "11".repeat(20), markets: ["nope"] }),
    () => JSON.stringify({ type: "nonsense", __proto__: { polluted: true } }),
    () => `${"[".repeat(5000)}${"]".repeat(5000)}`,
    () => `{"type":"market","assets_ids":["1\u0000"]}`,
    () => rng.bytes(1 + rng.int(200)).toString("latin1"),
    () => "PING ",
    () => "ping",
  ];
  return Array.from({ length: n }, (_, i) => (samples[i % samples.length] ?? samples[0] ?? (() => "{"))());
}

/**
 * Turns V8 `.cpuprofile` files (from `node --cpu-prof`) into a per-stage CPU breakdown of the
 * operator's order intake. Each sample is charged to the stage of the nearest frame (leaf first)
 * that a rule recognises, so time in a library (zod, noble, pg) counts for the stage that called
 * it, and a builtin with no source (BigInt, JSON.stringify) counts for its nearest known caller.
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const STAGES = [
  "HTTP parse",
  "socket I/O",
  "JSON parse",
  "schema (zod)",
  "intake logic",
  "EIP-712 hashing",
  "signature recovery",
  "worker dispatch",
  "funds check",
  "engine",
  "persistence",
  "response",
  "WS fan-out",
  "GC",
  "native, unattributed",
  "other",
] as const;
export type Stage = (typeof STAGES)[number];

const has = (f: CallFrame, ...parts: string[]): boolean => parts.some((p) => f.url.includes(p));

/** First match wins, per frame; frames are tried leaf first. */
const RULES: [Stage, (f: CallFrame) => boolean][] = [
  ["GC", (f) => f.functionName === "(garbage collector)"],
  ["native, unattributed", (f) => f.functionName === "(program)"],
  ["signature recovery", (f) => has(f, "/node_modules/secp256k1/", "operator/src/intake/signature.ts")],
  [
    "EIP-712 hashing",
    (f) => has(f, "packages/shared/src/eip712", "@noble/hashes", "/viem/_esm/utils/signature/hashTypedData"),
  ],
  ["schema (zod)", (f) => has(f, "/node_modules/zod/", "operator/src/intake/schema.ts", "operator/src/api/schemas.ts")],
  ["JSON parse", (f) => f.url === "" && f.functionName === "parse"],
  ["persistence", (f) => has(f, "operator/src/db/", "@electric-sql/pglite", "/node_modules/pg", "postgres-")],
  ["engine", (f) => has(f, "operator/src/engine/")],
  ["funds check", (f) => has(f, "operator/src/funds.ts", "operator/src/core/ledger.ts")],
  [
    "WS fan-out",
    (f) =>
      has(
        f,
        "/node_modules/ws/",
        "operator/src/api/ws",
        "operator/src/bus.ts",
        "operator/src/core/feed.ts",
        "operator/src/core/outbox.ts",
      ),
  ],
  ["response", (f) => has(f, "node:_http_outgoing") || (has(f, "api/fastpath.ts") && f.functionName === "send")],
  ["HTTP parse", (f) => has(f, "node:_http_server", "node:_http_common", "node:_http_incoming")],
  ["socket I/O", (f) => has(f, "node:net", "node:internal/streams", "node:stream", "node:internal/stream_base")],
  [
    "worker dispatch",
    (f) =>
      has(f, "operator/src/intake/workers.ts", "operator/src/intake/sigworker.ts", "operator/src/intake/wire-order.ts"),
  ],
  [
    "intake logic",
    (f) =>
      has(
        f,
        "operator/src/service.ts",
        "operator/src/lifecycle/",
        "operator/src/core/context.ts",
        "operator/src/api/facade.ts",
        "operator/src/api/body.ts",
        "operator/src/api/limits.ts",
        "operator/src/api/request",
        "operator/src/intake/validate.ts",
        "operator/src/ratelimit.ts",
        "operator/src/markets.ts",
        "operator/src/api/fastpath.ts",
      ),
  ],
];

export interface Breakdown {
  /** Non-idle sampled CPU per stage, microseconds. */
  stages: Record<Stage, number>;
  /** Sampled non-idle CPU in the window, microseconds. */
  busyUs: number;
  /** The heaviest unattributed leaf frames ("other"), for refining the rules. */
  topOther: { frame: string; us: number }[];
}

export function emptyBreakdown(): Breakdown {
  return { stages: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>, busyUs: 0, topOther: [] };
}

/** Adds the samples of `profile` that fall inside `windowUs` (monotonic µs) to `into`. */
export function addProfile(into: Breakdown, profile: CpuProfile, windowUs: [number, number]): void {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) byId.set(node.id, node);
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOf = new Map<number, Stage | "idle">();
  const classify = (id: number): Stage | "idle" => {
    const cached = stageOf.get(id);
    if (cached) return cached;
    let stage: Stage | "idle" = "other";
    const leaf = byId.get(id);
    if (leaf?.callFrame.functionName === "(idle)") stage = "idle";
    else
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        const rule = frame && RULES.find(([, test]) => test(frame));
        if (rule) {
          stage = rule[0];
          break;
        }
      }
    stageOf.set(id, stage);
    return stage;
  };
  const other = new Map<string, number>(into.topOther.map((o) => [o.frame, o.us]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < windowUs[0] || t > windowUs[1]) continue;
    const id = profile.samples[i] as number;
    // A sample stands for the interval up to the next one.
    const us = profile.timeDeltas[i + 1] ?? delta;
    const stage = classify(id);
    if (stage === "idle") continue;
    into.stages[stage] += us;
    into.busyUs += us;
    if (stage === "other") {
      const f = byId.get(id)?.callFrame;
      const key = `${f?.functionName || "(anonymous)"} ${f?.url ?? ""}`;
      other.set(key, (other.get(key) ?? 0) + us);
    }
  }
  into.topOther = [...other]
    .map(([frame, us]) => ({ frame, us }))
    .sort((a, b) => b.us - a.us)
    .slice(0, 15);
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
}

/**
 * Wire-level clients for the hostile-input suite: HTTP requests with any method, headers and
 * body (node:http, keep-alive), raw bytes on a fresh TCP socket, and raw WebSocket frames after
 * a real upgrade handshake. None of them throws on a hostile outcome: they report it.
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { connect, type Socket } from "node:net";

export interface HttpOutcome {
  /** HTTP status, or 0 when no response arrived (connection reset, timeout). */
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly retryAfter?: string;
  /** Socket error or timeout when status is 0. */
  readonly failure?: string;
}

const MAX_READ_BYTES = 1024 * 1024;

export function httpAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

export function sendHttp(
  agent: Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  timeoutMs = 15_000,
): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let partial: HttpOutcome | undefined;
    const done = (outcome: HttpOutcome): void => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    // An explicit length on every body: Node sends DELETE bodies without one otherwise.
    const allHeaders = body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) };
    const req = request(
      { agent, host: base.hostname, port: base.port, method, path, headers: allHeaders, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        partial = { status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: "" };
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_READ_BYTES) chunks.push(chunk);
        });
        const finish = (): void =>
          done({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
            retryAfter: res.headers["retry-after"],
          });
        res.on("end", finish);
        res.on("error", finish);
        res.on("aborted", finish);
      },
    );
    req.on("timeout", () => {
      req.destroy();
      done({ status: 0, contentType: "", body: "", failure: `no response within ${timeoutMs} ms` });
    });
    // A server may answer early (413) and close while the body is still being written: the answer counts.
    req.on("error", (error: NodeJS.ErrnoException) =>
      done(partial ?? { status: 0, contentType: "", body: "", failure: error.code ?? error.message }),
    );
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export interface RawOutcome {
  /** Parsed status of the first response, 0 when none. */
  readonly status: number;
  readonly body: string;
  readonly closedByServer: boolean;
  readonly failure?: string;
}

/** Writes `bytes`, half-closes after `halfCloseAfterMs`, and reads until the server closes or `timeoutMs`. */
export function sendRaw(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let failure: string | undefined;
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      closedByServer = true;
      socket.end();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      failure = error.code ?? error.message;
      closedByServer = closedByServer || error.code === "ECONNRESET";
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const split = text.indexOf("\r\n\r\n");
      resolve({
        status: match?.[1] ? Number(match[1]) : 0,
        body: split >= 0 ? text.slice(split + 4) : "",
        closedByServer,
        failure,
      });
    });
    socket.write(bytes);
  });
}

// ------------------------------------------------------------------ WebSocket frames

export interface FrameSpec {
  readonly fin?: boolean;
  /** Bits 0b100 = RSV1, 0b010 = RSV2, 0b001 = RSV3. */
  readonly rsv?: number;
  readonly opcode: number;
  readonly payload?: Buffer;
  /** Client frames must be masked; false sends an unmasked frame. */
  readonly mask?: boolean;
  /** Set the mask bit and key but send the payload unmasked (a lying mask). */
  readonly lyingMask?: boolean;
  /** Declared payload length when it should differ from the real one. */
  readonly declaredLength?: bigint;
}

export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const mask = spec.mask ?? true;
  const length = spec.declaredLength ?? BigInt(payload.length);
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, (mask ? 0x80 : 0) | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  if (!spec.lyingMask) for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, body]);
}

export interface WsRawOutcome {
  /** The handshake answered 101. */
  readonly upgraded: boolean;
  /** Status of a refused upgrade (e.g. 429), 0 if upgraded or no answer. */
  readonly refusedStatus: number;
  readonly closedByServer: boolean;
  /** Close code of the server's close frame, if it sent one. */
  readonly closeCode?: number;
  /** Text frames the server sent (after the handshake). */
  readonly texts: string[];
}

/** Parses server frames (unmasked) from a buffer; returns the frames and the unconsumed rest. */
function parseServerFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const b0 = buffer[offset] ?? 0;
    const b1 = buffer[offset + 1] ?? 0;
    let length = b1 & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (buffer.length - offset < header + length) break;
    frames.push({ opcode: b0 & 0x0f, payload: buffer.subarray(offset + header, offset + header + length) });
    offset += header + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/**
 * Opens `path` with a real handshake, writes `frames` (each chunk as its own write), and watches
 * for `watchMs` (or until the first text frame with `endOnText`): whether the server closes, with
 * which code, and what it sends.
 */
export function rawWebSocket(
  host: string,
  port: number,
  path: string,
  frames: readonly Buffer[],
  watchMs: number,
  endOnText = false,
): Promise<WsRawOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port });
    const key = randomBytes(16).toString("base64");
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let refusedStatus = 0;
    let closedByServer = false;
    let closeCode: number | undefined;
    const texts: string[] = [];
    const timer = setTimeout(() => socket.destroy(), watchMs);
    socket.on("connect", () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString("latin1");
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
        buffer = buffer.subarray(end + 4);
        if (status !== 101) {
          refusedStatus = status;
          socket.end();
          return;
        }
        upgraded = true;
        for (const f of frames) socket.write(f);
      }
      const parsed = parseServerFrames(buffer);
      buffer = Buffer.from(parsed.rest);
      for (const f of parsed.frames) {
        if (f.opcode === 0x1) {
          texts.push(f.payload.toString("utf8"));
          if (endOnText) socket.destroy();
        }
        if (f.opcode === 0x8) {
          closedByServer = true;
          closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : undefined;
          socket.end();
        }
      }
    });
    socket.on("end", () => {
      closedByServer = true;
      socket.end();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET") closedByServer = true;
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ upgraded, refusedStatus, closedByServer, closeCode, texts });
    });
  });
}

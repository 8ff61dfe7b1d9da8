/**
 * Reading a request body on Node's raw request with a hard limit. A body over the limit (by its
 * Content-Length or as it streams) is answered 413 at once; the rest is read and discarded before
 * the connection closes, so the client reads the answer, and a client that stops sending is cut
 * off after a grace period.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { ApiError, sendJson, writeJsonHead } from "../errors.js";
import { REQUEST_ID_HEADER } from "./request-id.js";

/** How long a rejected body may keep arriving before the connection is closed. */
const DRAIN_GRACE_MS = 2_000;

/**
 * Answers 413 and closes the connection only once the client has sent the rest of its body
 * (a lingering close). Closing a socket with unread bytes makes the kernel send a reset, and a
 * reset can discard the answer before the client has read it (the client sees EPIPE or
 * ECONNRESET instead of the 413). So the answer is written at once but the response is finished,
 * which is what makes Node close the socket, only after the body ends or the grace period
 * passes; the bytes read meanwhile are discarded.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number, requestId: string): void {
  const error = new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${limit} bytes`);
  const text = JSON.stringify(error.body(requestId));
  writeJsonHead(res, error.status, text, { connection: "close", [REQUEST_ID_HEADER]: requestId });
  if (req.complete) {
    res.end(text);
    return;
  }
  res.write(text);
  const finish = (): void => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(() => {
    finish();
    req.destroy();
  }, DRAIN_GRACE_MS);
  timer.unref();
  req.once("end", finish);
  req.once("close", finish);
  req.resume();
}

/** The whole body, or undefined when it was over `limit` (already answered 413) or the request broke off. */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  requestId: string,
): Promise<Buffer | undefined> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && !/^\d{1,15}$/.test(declared)) {
    const error = new ApiError("INVALID_REQUEST", "Content-Length must be a decimal byte count");
    sendJson(res, error.status, error.body(requestId), { connection: "close", [REQUEST_ID_HEADER]: requestId });
    req.resume();
    return Promise.resolve(undefined);
  }
  if (declared !== undefined && Number(declared) > limit) {
    tooLarge(req, res, limit, requestId);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      done = true;
      req.off("data", onData);
      tooLarge(req, res, limit, requestId);
      resolve(undefined);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.once("error", () => {
      if (done) return;
      done = true;
      resolve(undefined);
    });
    req.once("close", () => {
      if (done) return;
      done = true;
      resolve(undefined);
    });
  });
}

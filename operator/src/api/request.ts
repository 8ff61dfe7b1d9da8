/**
 * What every Hono route module shares: the app's environment (the request id), the module
 * signature, and JSON body reading (Content-Type checked, 415 otherwise).
 */
import type { Context, Hono } from "hono";

import { ApiError } from "../errors.js";
import type { OperatorApi } from "./facade.js";

export interface ApiEnv {
  Variables: { requestId: string };
}

export type ApiApp = Hono<ApiEnv>;

/** A group of routes on one resource; `createHttpApp` mounts each module in turn. */
export type RouteModule = (app: ApiApp, api: OperatorApi) => void;

/** True for `application/json` with optional parameters (`; charset=utf-8`). */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && /^application\/json\s*(;.*)?$/i.test(header.trim());
}

export function requireJsonContentType(header: string | undefined): void {
  if (!isJsonContentType(header))
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "this route takes a JSON body: send Content-Type: application/json");
}

/** Parses the request body as JSON after checking its Content-Type. */
export async function jsonBody(c: Context<ApiEnv>): Promise<unknown> {
  requireJsonContentType(c.req.header("content-type"));
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("INVALID_REQUEST", "body must be JSON");
  }
}

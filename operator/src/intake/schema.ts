/**
 * Order intake's wire schemas, defined once in `@forkcast/shared/protocol` (Polymarket's CLOB
 * body shapes where they fit: `{ order, owner, orderType }`, side "BUY"/"SELL" or 0/1, integers
 * as decimal strings). A parsed body's `order` is the exchange's `SignedOrder`.
 */
import { parseWire, postOrderSchema, type PostOrder } from "@forkcast/shared/protocol";

import { ApiError } from "../errors.js";

export {
  cancelSchema,
  MAX_BATCH_ORDERS,
  orderJsonSchema,
  orderTypeSchema,
  postOrderSchema,
  postOrdersSchema,
  type CancelBody,
  type PostOrder,
} from "@forkcast/shared/protocol";

/** Parses a `POST /order` body (one pass) or throws INVALID_REQUEST naming each bad field. */
export function parsePostOrder(json: unknown): PostOrder {
  const result = parseWire(postOrderSchema, json, "body");
  if (!result.ok) throw new ApiError("INVALID_REQUEST", result.message);
  return result.value;
}

/**
 * `@forkcast/shared/protocol`: every wire type between the operator, the indexer and the app,
 * each defined once as a zod schema with its TypeScript type inferred from it (docs/protocol.md).
 */
export * from "./errors.js";
export * from "./fields.js";
export * from "./order.js";
export * from "./operator.js";
export * from "./indexer.js";
export * from "./parse.js";

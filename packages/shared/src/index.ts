export * from "./order.js";
export * from "./eip712.js";
export * from "./math.js";
export * from "./question.js";
export * from "./units.js";
export * from "./enums.js";
export * from "./revert.js";

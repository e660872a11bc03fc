export * from "./types.js";
export * from "./steps.js";
export * from "./provider.js";
export * from "./schema/config.js";

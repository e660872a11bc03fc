export * from "./types.js";
export * from "./steps.js";
export * from "./provider.js";
export * from "./schema/config.js";
export * from "./schema/index.js";
export * from "./schema/default-prompts.js";
export * from "./tokens.js";
export { build, createMemo, type BuildMemo, type BuildOptions } from "./build.js";
export { countOf, nameFew, type BuildSummary } from "./summary.js";
export { FatalBuildError, type Logger } from "./context.js";
export { cacheDirOf } from "./cache.js";
export { parseSource } from "./parse.js";
export { scan } from "./scan.js";
export { chunkSource, chunkSettings } from "./chunk.js";
export { confirmByRule } from "./resolve/confirm-rule.js";
export {
  attributeKey,
  isIdentifier,
  measuredKey,
  singular,
  subjectKey,
} from "./resolve/keys.js";
export { readValue, valuesAgree } from "./resolve/values.js";

/**
 * The entry `@wiki/compiler/core`: the build, the schema layer and the shared types, without
 * the Markdown parser, the tokenizer or the graph library. A build loads those only when it runs
 * its stages, so a build that finds nothing changed, and a command that only reads the schema,
 * start faster. The package's main entry (`index.ts`) exports all of this too.
 */
export * from "./types.js";
export * from "./provider.js";
export * from "./schema/config.js";
export * from "./schema/index.js";
export * from "./schema/default-prompts.js";
export { build, createMemo, type BuildMemo, type BuildOptions } from "./build.js";
export { countOf, nameFew, type BuildSummary } from "./summary.js";
export { FatalBuildError, type Logger } from "./context.js";
export { cacheDirOf } from "./cache.js";
export { manifestName } from "./output/manifest.js";
export { scan } from "./scan.js";
export { confirmByRule } from "./resolve/confirm-rule.js";

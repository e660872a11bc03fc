// Public interface of the schema layer; `config.ts` is exported by the package index itself.
export * from "./problems.js";
export * from "./fields.js";
export * from "./hosts.js";
export * from "./load.js";
export * from "./settings.js";
export * from "./prompts.js";
export * from "./versions.js";
export * from "./templates.js";
export * from "./placeholders.js";
export * from "./render.js";
export * from "./json-schema.js";
export * from "./file-names.js";
export { checkGlob, checkSourceGlob, unmatchedGlobs } from "./globs.js";
export { closestName, editDistance } from "./suggest.js";

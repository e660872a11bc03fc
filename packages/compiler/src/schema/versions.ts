/**
 * Prompt versions: short hashes of what a model step sends besides its input. Every cache key of
 * a step includes that step's version, so a change to one prompt re-runs that step only.
 */
import { createHash } from "node:crypto";
import { jsonSchemaOf, type StepName } from "../steps.js";
import { defaultConfig, type WikiConfig } from "./config.js";
import { findPlaceholders } from "./placeholders.js";
import { promptSteps } from "./prompts.js";

/**
 * Placeholders that the settings fill, with the value each one reads. A change to one of these
 * settings changes the versions of the steps whose prompts use the placeholder.
 */
const settingPlaceholders: Record<string, (config: WikiConfig) => string> = {
  language: (config) => config.language,
  entity_types: (config) => JSON.stringify(config.entityTypes),
};

/** Returns a 12-hex-digit sha256 of the parts, each preceded by its length so parts cannot blur. */
export function shortHash(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex").slice(0, 12);
}

/**
 * Returns the version of each step and of all steps together. A step's version covers its
 * prompt text, the JSON Schema its answer must match, and the settings its placeholders read
 * (`language`, `entityTypes`).
 */
export function promptVersionsOf(
  prompts: Record<StepName, string>,
  config: WikiConfig = defaultConfig,
): { version: string; versions: Record<StepName, string> } {
  const versionOf = (step: StepName) => {
    const names = new Set(findPlaceholders(prompts[step]).map((use) => use.name));
    const settings = [...names].sort().flatMap((name) => {
      const read = settingPlaceholders[name];
      return read === undefined ? [] : [name, read(config)];
    });
    return shortHash([step, prompts[step], JSON.stringify(jsonSchemaOf(step)), ...settings]);
  };
  const versions = {
    analyze: versionOf("analyze"),
    write: versionOf("write"),
    confirm: versionOf("confirm"),
    overview: versionOf("overview"),
  };
  return { version: shortHash(promptSteps.map((step) => versions[step])), versions };
}

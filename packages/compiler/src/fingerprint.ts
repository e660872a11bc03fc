/**
 * The fingerprint of a build's inputs: the sources' paths and hashes, the settings that change
 * the output, the prompt versions, the provider and model, and the compiler's output format.
 * When it equals the one recorded by the last build and no output file was touched, the build
 * has nothing to do. Its parts are recorded too, so the next build can report what changed.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Provider } from "./provider.js";
import { compareCodePoints } from "./scan.js";
import type { WikiConfig } from "./schema/config.js";
import type { Source } from "./types.js";

/**
 * A hash of the compiler's own code, so that a new version of `wiki` never takes the output of
 * an older one for up to date.
 */
const codeVersion = hashFolder(path.dirname(fileURLToPath(import.meta.url)));

function hashFolder(dir: string): string {
  const hash = createHash("sha256");
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
        hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex").slice(0, 12);
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/** Changes whenever a change to the compiler changes what it writes for the same inputs. */
export const outputFormatVersion = "2";

/**
 * Settings that change how a build runs but not what it writes: where and how fast the model
 * is reached, and the names requested on the command line (the provider and model actually
 * used are in the provider's identity).
 */
const runSettings = new Set<string>([
  "hosts",
  "concurrency",
  "timeoutMs",
  "connectTimeoutMs",
  "provider",
  "model",
]);

/** The parts of the inputs besides the sources, each as a short comparable string. */
export interface InputParts {
  format: string;
  /** sha256 of the settings that change the output. */
  settings: string;
  /** Version of each step's prompt. */
  prompts: Record<string, string>;
  /** Provider, model, digest, options and chunk size, as one readable line. */
  provider: string;
}

export interface BuildInputs {
  fingerprint: string;
  parts: InputParts;
  /** sha256 of each source, by path relative to the raw folder. */
  sources: Record<string, string>;
}

export function buildInputs(
  sources: Pick<Source, "path" | "sha256">[],
  config: WikiConfig,
  promptVersions: Record<string, string>,
  provider: Provider,
  templates: Record<string, string> = {},
): BuildInputs {
  const outputSettings = Object.fromEntries(
    Object.entries(config).filter(([key]) => !runSettings.has(key)),
  );
  const { identity } = provider;
  const parts: InputParts = {
    format: [outputFormatVersion, codeVersion, shortHash(stableJson(templates))].join(" "),
    settings: createHash("sha256").update(stableJson(outputSettings)).digest("hex"),
    prompts: { ...promptVersions },
    provider: [
      identity.provider,
      identity.model,
      identity.digest || "-",
      identity.options || "-",
      `chunks ${provider.chunkTokens}`,
    ].join(" "),
  };
  const hash = createHash("sha256").update(JSON.stringify(parts));
  for (const source of sources) hash.update(`\0${source.path}\0${source.sha256}`);
  return {
    fingerprint: hash.digest("hex"),
    parts,
    sources: Object.fromEntries(sources.map((source) => [source.path, source.sha256])),
  };
}

/** JSON with the keys of every object sorted, so equal settings always give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => compareCodePoints(a, b)))
      : item,
  );
}

/**
 * The offline provider: the embedded extractor that builds a wiki with no model server. It reads
 * entities and claims by general rules and wink-nlp's part-of-speech tags, writes extractive
 * prose, confirms contradictions by rule and writes no community overviews.
 */
import {
  confirmByRule,
  noUsage,
  type Provider,
  type ProviderIdentity,
  type StepResult,
} from "@wiki/compiler/core";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `options` is a hash of the extractor's own code, so a change to its rules never reuses
 * answers cached by an older version.
 */
const identity: ProviderIdentity = {
  provider: "offline",
  model: "offline-extractor",
  digest: "",
  options: rulesVersion(),
};

function rulesVersion(): string {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    if (/\.(js|ts)$/.test(name) && !name.endsWith(".d.ts"))
      hash.update(name).update(readFileSync(path.join(dir, name)));
  }
  return hash.digest("hex").slice(0, 12);
}

interface Rules {
  analyzeChunk: (typeof import("./analyze.js"))["analyzeChunk"];
  writeChunk: (typeof import("./write.js"))["writeChunk"];
}

let loaded: Rules | undefined;

/**
 * Loads the extraction rules on the first call. They load wink-nlp and its English model, which
 * a build that stops after the scan never needs. Later calls get them without waiting, so each
 * call's work runs at once, within the call.
 */
async function loadRules(): Promise<Rules> {
  const [analyze, write] = await Promise.all([import("./analyze.js"), import("./write.js")]);
  loaded = { analyzeChunk: analyze.analyzeChunk, writeChunk: write.writeChunk };
  return loaded;
}

function succeed<T>(value: T): StepResult<T> {
  return { ok: true, value, usage: noUsage() };
}

function fail<T>(step: string, error: unknown): StepResult<T> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    kind: "invalid",
    message: `offline ${step} failed: ${reason}`,
    usage: noUsage(),
  };
}

export function createOfflineProvider(): Provider {
  return {
    identity,
    chunkTokens: 1500,
    async analyze(chunk, context) {
      try {
        const { analyzeChunk } = loaded ?? (await loadRules());
        return succeed(analyzeChunk(chunk, context));
      } catch (error) {
        return fail("analyze", error);
      }
    },
    async write(chunk, analysis) {
      try {
        const { writeChunk } = loaded ?? (await loadRules());
        return succeed(writeChunk(chunk, analysis));
      } catch (error) {
        return fail("write", error);
      }
    },
    async confirm(candidate) {
      return succeed(confirmByRule(candidate));
    },
    async overview() {
      return null;
    },
    async close() {},
  };
}

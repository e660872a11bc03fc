/**
 * The extractor, the resolve rules and the default schema are general: none of them names a term
 * of the corpora they are scored on, not even in a comment's example. The settings of the schema
 * layer and the Ollama provider name Ollama's own settings, so they are not scanned.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const scanned = [
  "packages/compiler/src",
  "packages/providers/src/offline",
  "schema/wiki.yaml",
  "schema/prompts",
];
const skipped = new Set(["packages/compiler/src/schema"]);

/** Terms and phrases of the shared corpora that no general rule needs. */
const corpusTerms = [
  "context window",
  "context length",
  "OLLAMA_",
  "num_parallel",
  "max_queue",
  "keep_alive",
  "gpt-oss",
  "for most models",
  "either 4 or 1",
  "4096 tokens",
  "2048 tokens",
  "code of conduct",
  "contributor license",
  "maintainer",
  "committer",
  "modelfile",
  "gguf",
  "vram",
];

function filesUnder(entry: string): string[] {
  if (skipped.has(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => filesUnder(path.posix.join(entry, name)));
}

describe("product code", () => {
  it("names no corpus term", () => {
    const found: string[] = [];
    for (const file of scanned.flatMap(filesUnder)) {
      const lines = readFileSync(file, "utf8").toLowerCase().split("\n");
      lines.forEach((line, index) => {
        for (const term of corpusTerms) {
          if (line.includes(term.toLowerCase())) found.push(`${file}:${index + 1}: ${term}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});

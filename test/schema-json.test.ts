/**
 * The JSON Schema of wiki.yaml against the loader: for values of every key, both accept or both
 * reject, except for the checks that JSON Schema cannot express, listed here one by one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldPaths, loadSchema, wikiJsonSchema } from "@wiki/compiler";

const validator = z.fromJSONSchema(wikiJsonSchema() as Parameters<typeof z.fromJSONSchema>[0]);

/** Returns the problem codes of the loader for a wiki.yaml with these settings. */
function loaderCodes(settings: Record<string, unknown>): string[] {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "wiki-json-")), "schema");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "wiki.yaml"), stringify(settings));
  return loadSchema(dir).problems.map((problem) => problem.code);
}

const type = (name: string, description = "d") => ({ name, description });

/** Values of each top-level key, valid and invalid, including every rule's edge cases. */
const values: Record<string, unknown[]> = {
  include: [
    ["**/*.md"],
    ["./docs/*.MD", "**/*.{md,pdf}", "notes/*", "!(drafts)/**"],
    [],
    "**/*.md",
    [1],
    [""],
    [" "],
    ["/docs/*.md"],
    ["C:/docs/*.md"],
    ["../x/*.md"],
    ["docs/"],
    ["docs"],
    ["**/*.pdf"],
    ["notes/README"],
    [".notes/*.md"],
    ["**/.*.md"],
    ["!drafts/**"],
  ],
  exclude: [[], ["drafts/**", ".obsidian/**", "**/*.pdf", "!keep/**"], ["/a"], ["../a"], [""], "x"],
  entityTypes: [
    [type("tool")],
    [{ ...type("idea"), kind: "concept" }],
    [type("a-b2")],
    [],
    ["tool"],
    [{ name: "tool" }],
    [{ description: "d" }],
    [type("Tool")],
    [type("a_b")],
    [type("a", "two\nlines")],
    [type("a", " ")],
    [{ ...type("a"), kind: "thing" }],
    [{ ...type("a"), colour: "red" }],
  ],
  linkStyle: ["markdown", "wikilink", "wiki", "", 1],
  language: ["English", "Deutsch", "", " ", 1],
  provider: ["auto", "offline", "ollama", "openai", "llama", ""],
  model: ["llama3.1:8b", "", " ", 8],
  hosts: [
    [],
    ["localhost", ":11434", "[::1]", "10.0.0.5:8080", "https://models.test/api/"],
    [" localhost "],
    [""],
    ["a b"],
    ["ftp://a"],
    ["http://user:secret@a"],
    ["http://a/?q=1"],
    ["http://a/#top"],
    "localhost",
  ],
  contextTokens: [0, 8192, 1_048_576, -1, 1_048_577, 1.5, "1"],
  chunkTokens: [100, 1500, 99, 1_048_577],
  concurrency: [1, 64, 0, 65, "2"],
  timeoutMs: [1000, 86_400_000, 999, 86_400_001],
  connectTimeoutMs: [100, 600_000, 99, 600_001],
  layout: [
    {},
    { fileNames: "ascii" },
    { folders: { entity: "pages/entities", concept: "./ideas/" } },
    { folders: { entity: "concepts", concept: "entities" } },
    [],
    { fileNames: "camel" },
    { fileName: "kebab" },
    { folders: { entity: "" } },
    { folders: { entity: " " } },
    { folders: { entity: "." } },
    { folders: { entity: "./" } },
    { folders: { entity: "/e" } },
    { folders: { entity: "../e" } },
    { folders: { entity: "a/../b" } },
    { folders: { entity: "a\\b" } },
    { folders: { page: "p" } },
    { folders: { entity: "p", concept: "p/" } },
    { folders: { entity: "sources" } },
  ],
  linkstyle: ["markdown"],
};

/**
 * Settings the loader rejects and the JSON Schema accepts, because JSON Schema cannot express
 * the check: glob syntax, names unique across list items, and folders unique across keys.
 */
const loaderOnly = [
  JSON.stringify({ include: ["docs/[ab.md"] }),
  JSON.stringify({ exclude: ["*.{md"] }),
  JSON.stringify({ entityTypes: [type("a"), type("a", "e")] }),
  JSON.stringify({ layout: { folders: { entity: "p", concept: "p/" } } }),
  JSON.stringify({ layout: { folders: { entity: "sources" } } }),
];

const cases = Object.entries(values).flatMap(([key, list]) =>
  list.map((value) => [JSON.stringify({ [key]: value })] as [string]),
);
cases.push(
  ...loaderOnly
    .filter((text) => !cases.some(([each]) => each === text))
    .map((text) => [text] as [string]),
);

describe("json schema against the loader", () => {
  it("tries every top-level key", () => {
    const topLevel = fieldPaths().filter((key) => !key.includes(".") && !key.includes("["));
    for (const key of topLevel) expect(Object.keys(values), key).toContain(key);
  });

  it.each(cases)("agrees on %s", (text) => {
    const settings = JSON.parse(text) as Record<string, unknown>;
    const loaderAccepts = loaderCodes(settings).length === 0;
    const schemaAccepts = validator.safeParse(settings).success;
    if (loaderOnly.includes(text)) {
      expect(loaderAccepts, "loader").toBe(false);
      expect(schemaAccepts, "json schema").toBe(true);
      return;
    }
    expect(schemaAccepts, "json schema").toBe(loaderAccepts);
  });
});

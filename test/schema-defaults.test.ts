import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  defaultConfig,
  builtInPrompts,
  fieldPaths,
  loadSchema,
  renderJsonSchema,
  renderWikiYaml,
  schemaProblemCodes,
  wikiJsonSchema,
} from "@wiki/compiler";

const repoRoot = path.resolve(import.meta.dirname, "..");
const tempDir = () => mkdtempSync(path.join(tmpdir(), "wiki-defaults-"));

/** Compares a checked-in file with the text the code makes; `UPDATE=1` rewrites the file. */
function expectFileToBe(relative: string, text: string): void {
  const file = path.join(repoRoot, relative);
  if (process.env["UPDATE"] === "1") writeFileSync(file, text);
  expect(existsSync(file), `${relative} exists`).toBe(true);
  expect(readFileSync(file, "utf8")).toBe(text);
}

describe("schema defaults", () => {
  it("loads the defaults without a schema folder", () => {
    const schema = loadSchema(undefined);
    expect(schema.problems).toEqual([]);
    expect(schema.config).toEqual(defaultConfig);
    expect(schema.setKeys).toEqual([]);
    expect(schema.prompts).toEqual(builtInPrompts());
    expect(schema.templates).toEqual({});
  });

  it("loads the defaults from a missing folder", () => {
    const schema = loadSchema(path.join(tempDir(), "schema"));
    expect(schema.problems).toEqual([]);
    expect(schema.config).toEqual(defaultConfig);
  });

  it("loads the defaults from an empty folder", () => {
    const dir = path.join(tempDir(), "schema");
    mkdirSync(dir);
    const schema = loadSchema(dir);
    expect(schema.problems).toEqual([]);
    expect(schema.config).toEqual(defaultConfig);
    expect(schema.promptVersion).toBe(loadSchema(undefined).promptVersion);
  });

  it("loads the defaults from an empty or comment-only wiki.yaml", () => {
    for (const text of ["", "\n", "# nothing set yet\n"]) {
      const dir = path.join(tempDir(), "schema");
      mkdirSync(dir);
      writeFileSync(path.join(dir, "wiki.yaml"), text);
      const schema = loadSchema(dir);
      expect(schema.problems).toEqual([]);
      expect(schema.config).toEqual(defaultConfig);
    }
  });

  it("does not share the default objects with the loaded config", () => {
    const schema = loadSchema(undefined);
    schema.config.include.push("changed");
    schema.config.layout.folders.entity = "changed";
    expect(defaultConfig.include).not.toContain("changed");
    expect(defaultConfig.layout.folders.entity).toBe("entities");
  });
});

describe("default wiki.yaml", () => {
  it("reads back as the defaults with every key set", () => {
    const dir = path.join(tempDir(), "schema");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "wiki.yaml"), renderWikiYaml());
    const schema = loadSchema(dir);
    expect(schema.problems).toEqual([]);
    expect(schema.config).toEqual(defaultConfig);
    expect(schema.setKeys.sort()).toEqual(Object.keys(defaultConfig).sort());
  });

  it("comments every key", () => {
    const lines = renderWikiYaml().split("\n");
    for (const key of Object.keys(defaultConfig)) {
      const index = lines.findIndex((line) => line.startsWith(`${key}:`));
      expect(index, `${key} is written`).toBeGreaterThan(0);
      expect(lines[index - 1], `${key} has a comment`).toMatch(/^#/);
    }
  });

  it("points editors at the json schema", () => {
    expect(renderWikiYaml().split("\n")[0]).toBe(
      "# yaml-language-server: $schema=./wiki.schema.json",
    );
  });

  it("matches schema/wiki.yaml of the repository", () => {
    expectFileToBe("schema/wiki.yaml", renderWikiYaml());
  });
});

describe("json schema", () => {
  it("matches schema/wiki.schema.json of the repository", () => {
    const file = path.join(repoRoot, "schema/wiki.schema.json");
    if (process.env["UPDATE"] === "1") writeFileSync(file, renderJsonSchema());
    // Compared as data, so the file may be laid out by the formatter.
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(renderJsonSchema()));
  });

  it("describes every top-level key and rejects others", () => {
    const schema = wikiJsonSchema();
    expect(schema["additionalProperties"]).toBe(false);
    const properties = schema["properties"] as Record<
      string,
      { description?: string; default?: unknown }
    >;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(defaultConfig).sort());
    for (const [key, property] of Object.entries(properties)) {
      expect(property.description, key).toBeTruthy();
      expect(property.default, key).toEqual(defaultConfig[key as keyof typeof defaultConfig]);
    }
  });

  it("accepts the default wiki.yaml", () => {
    const validator = z.fromJSONSchema(wikiJsonSchema() as Parameters<typeof z.fromJSONSchema>[0]);
    expect(validator.safeParse(parse(renderWikiYaml())).success).toBe(true);
    expect(
      validator.safeParse({ include: ["docs/**/*.md"], layout: { fileNames: "ascii" } }).success,
    ).toBe(true);
  });

  it("rejects values the loader rejects", () => {
    const validator = z.fromJSONSchema(wikiJsonSchema() as Parameters<typeof z.fromJSONSchema>[0]);
    const invalid: unknown[] = [
      { linkStyle: "wiki" },
      { linkstyle: "markdown" },
      { include: ["/docs/*.md"] },
      { include: ["docs/"] },
      { exclude: ["../x/*.md"] },
      { include: [] },
      { concurrency: 0 },
      { timeoutMs: "600000" },
      { entityTypes: [{ name: "tool" }] },
      { entityTypes: [{ name: "Tool", description: "x" }] },
      { layout: { folders: { entity: "../x" } } },
      { layout: { fileNames: "camel" } },
    ];
    for (const value of invalid)
      expect(validator.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it("lists the allowed link styles", () => {
    const properties = wikiJsonSchema()["properties"] as Record<string, { enum?: string[] }>;
    expect(properties["linkStyle"]?.enum).toEqual(["markdown", "wikilink"]);
  });
});

describe("docs/schema.md", () => {
  const docs = () => readFileSync(path.join(repoRoot, "docs/schema.md"), "utf8");

  it("documents every setting", () => {
    const text = docs();
    for (const field of fieldPaths()) expect(text, field).toContain(`\`${field}\``);
  });

  it("documents every problem code", () => {
    const text = docs();
    for (const code of schemaProblemCodes) expect(text, code).toContain(`\`${code}\``);
  });
});

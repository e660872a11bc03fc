import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultConfig,
  formatProblem,
  loadSchema,
  loadValidSchema,
  SchemaError,
} from "@wiki/compiler";

/** Writes an inline file tree into a new temporary folder and returns the `schema` path in it. */
function schemaFolder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-schema-"));
  const dir = path.join(root, "schema");
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const loadYaml = (text: string) => loadSchema(schemaFolder({ "wiki.yaml": text }));
const codesOf = (text: string) => loadYaml(text).problems.map((problem) => problem.code);

describe("wiki.yaml validation", () => {
  const cases: [string, string, string][] = [
    ["yaml syntax error", "include: [a\nlinkStyle: markdown\n", "yaml-syntax"],
    ["two documents", "linkStyle: markdown\n---\nmodel: x\n", "yaml-syntax"],
    ["duplicate key", "model: a\nmodel: b\n", "duplicate-key"],
    ["unknown key", "linkstyle: markdown\n", "unknown-key"],
    ["unknown nested key", "layout:\n  fileName: kebab\n", "unknown-key"],
    [
      "unknown key in an entity type",
      "entityTypes:\n  - name: a\n    description: b\n    colour: red\n",
      "unknown-key",
    ],
    ["top level not a mapping", "- a\n- b\n", "wrong-type"],
    ["string for an integer", 'concurrency: "2"\n', "wrong-type"],
    ["underscored number", "timeoutMs: 600_000\n", "wrong-type"],
    ["fraction for an integer", "chunkTokens: 1500.5\n", "wrong-type"],
    ["scalar for a list", "include: '**/*.md'\n", "wrong-type"],
    ["number for a string", "model: 8\n", "wrong-type"],
    ["empty value", "linkStyle:\n", "wrong-type"],
    ["list for a mapping", "layout: [a]\n", "wrong-type"],
    ["unknown link style", "linkStyle: wiki\n", "invalid-value"],
    ["unknown provider", "provider: llama\n", "invalid-value"],
    ["integer below range", "concurrency: 0\n", "invalid-value"],
    ["integer above range", "concurrency: 1000\n", "invalid-value"],
    ["empty include", "include: []\n", "invalid-value"],
    ["empty entity types", "entityTypes: []\n", "invalid-value"],
    ["empty model", 'model: ""\n', "invalid-value"],
    ["host with a bad scheme", "hosts: [ftp://example.test]\n", "invalid-value"],
    ["host with a password", "hosts: ['http://user:secret@127.0.0.1:1']\n", "invalid-value"],
    ["absolute folder", "layout:\n  folders:\n    entity: /tmp/x\n", "invalid-value"],
    ["folder leaving the output", "layout:\n  folders:\n    entity: ../x\n", "invalid-value"],
    ["bad file-name rule", "layout:\n  fileNames: camel\n", "invalid-value"],
    [
      "type name with capitals",
      "entityTypes:\n  - name: Tool\n    description: d\n",
      "invalid-value",
    ],
    [
      "two-line description",
      'entityTypes:\n  - name: a\n    description: "x\\ny"\n',
      "invalid-value",
    ],
    [
      "bad entity kind",
      "entityTypes:\n  - name: a\n    kind: thing\n    description: d\n",
      "invalid-value",
    ],
    ["missing description", "entityTypes:\n  - name: a\n", "missing-key"],
    [
      "repeated type name",
      "entityTypes:\n  - {name: a, description: d}\n  - {name: a, description: e}\n",
      "duplicate-value",
    ],
    [
      "two page types in one folder",
      "layout:\n  folders:\n    entity: pages\n    concept: pages/\n",
      "duplicate-value",
    ],
    ["unclosed bracket glob", "include: ['docs/[ab.md']\n", "glob-never-matches"],
    ["unclosed brace glob", "exclude: ['*.{md']\n", "glob-never-matches"],
    ["absolute glob", "include: ['/docs/**/*.md']\n", "glob-never-matches"],
    ["windows absolute glob", "include: ['C:/docs/*.md']\n", "glob-never-matches"],
    ["glob with dot dot", "include: ['../other/*.md']\n", "glob-never-matches"],
    ["glob with inner dot dot", "exclude: ['a/../b/*.md']\n", "glob-never-matches"],
    ["glob ending with a slash", "include: ['docs/']\n", "glob-never-matches"],
    ["empty glob", "include: ['']\n", "glob-never-matches"],
    ["glob ending in an escape", "include: ['docs\\']\n", "glob-never-matches"],
    ["glob of a file type never read", "include: ['**/*.pdf']\n", "glob-never-matches"],
    ["glob of a hidden folder", "include: ['.notes/*.md']\n", "glob-never-matches"],
    ["glob of hidden files", "include: ['**/.*.md']\n", "glob-never-matches"],
    ["folder name as a glob", "include: ['docs']\n", "glob-never-matches"],
    ["negated include glob", "include: ['**/*.md', '!drafts/**']\n", "invalid-value"],
    [
      "page type in a default folder",
      "layout:\n  folders:\n    entity: sources\n",
      "duplicate-value",
    ],
    [
      "page type in a default folder written differently",
      "layout:\n  folders:\n    concept: ./entities/\n",
      "duplicate-value",
    ],
  ];

  it.each(cases)("reports %s", (_name, text, code) => {
    expect(codesOf(text)).toContain(code);
  });

  it("reports the other problems beside a duplicate key", () => {
    const text = "model: a\nmodel: b\nlinkstyle: markdown\nconcurrency: 0\n";
    expect(codesOf(text)).toEqual(["duplicate-key", "unknown-key", "invalid-value"]);
  });

  it("reports nothing for valid settings", () => {
    const text = [
      "include: ['**/*.md', 'notes/*.txt']",
      "exclude: ['drafts/**']",
      "linkStyle: wikilink",
      "language: Deutsch",
      "provider: offline",
      "hosts: ['localhost', 'https://models.example.test/api/']",
      "contextTokens: 8192",
      "entityTypes:",
      "  - name: tool",
      "    description: A program.",
      "layout:",
      "  fileNames: ascii",
      "  folders:",
      "    entity: pages/entities",
    ].join("\n");
    const schema = loadYaml(text);
    expect(schema.problems).toEqual([]);
    expect(schema.config.linkStyle).toBe("wikilink");
    expect(schema.config.entityTypes).toEqual([
      { name: "tool", kind: "entity", description: "A program." },
    ]);
    expect(schema.config.layout.folders.entity).toBe("pages/entities");
    expect(schema.config.layout.folders.source).toBe("sources");
    expect(schema.config.hosts).toEqual(["localhost", "https://models.example.test/api/"]);
    expect(schema.setKeys.sort()).toEqual(
      [
        "contextTokens",
        "entityTypes",
        "exclude",
        "hosts",
        "include",
        "language",
        "layout",
        "linkStyle",
        "provider",
      ].sort(),
    );
  });

  it("accepts globs that can match a source", () => {
    const text = [
      "include: ['./docs/*.MD', '**/*.{md,pdf}', 'notes/*', '!(drafts)/**', 'a.b/*.txt']",
      "exclude: ['.obsidian/**', '**/*.pdf', '!keep/**', 'drafts']",
    ].join("\n");
    expect(loadYaml(text).problems).toEqual([]);
  });

  it("names the extensions read for a glob of another type", () => {
    const [problem] = loadYaml("include: ['**/*.pdf']\n").problems;
    expect(problem?.message).toContain("only .md, .mdx, .markdown, .txt files are sources");
  });

  it("suggests exclude for a negated include glob", () => {
    const [problem] = loadYaml("include: ['**/*.md', '!drafts/**']\n").problems;
    expect(problem).toMatchObject({ code: "invalid-value", line: 1, column: 22 });
    expect(problem?.message).toContain('list "drafts/**" under exclude instead');
  });

  it("names the default folder a page type collides with", () => {
    const [problem] = loadYaml("layout:\n  folders:\n    entity: sources\n").problems;
    expect(problem).toMatchObject({ code: "duplicate-value", line: 3, column: 13 });
    expect(problem?.message).toContain("the default folder of source");
  });

  it("accepts swapped default folders", () => {
    const yaml = "layout:\n  folders:\n    entity: concepts\n    concept: entities\n";
    expect(loadYaml(yaml).problems).toEqual([]);
  });

  it("normalizes the folders of page types", () => {
    const schema = loadYaml("layout:\n  folders:\n    entity: ./things//\n    concept: a/./b\n");
    expect(schema.problems).toEqual([]);
    expect(schema.config.layout.folders.entity).toBe("things");
    expect(schema.config.layout.folders.concept).toBe("a/b");
  });

  it("keeps dates and yes-no words as strings", () => {
    const schema = loadYaml("language: no\nmodel: 2024-01-01\n");
    expect(schema.problems).toEqual([]);
    expect(schema.config.language).toBe("no");
    expect(schema.config.model).toBe("2024-01-01");
  });

  it("runs no code from yaml tags", () => {
    expect(codesOf("model: !!js/function 'function () { return 1 }'\n")).toContain("yaml-syntax");
  });

  it("follows aliases", () => {
    const schema = loadYaml("model: &m qwen3:8b\nlanguage: *m\n");
    expect(schema.problems).toEqual([]);
    expect(schema.config.language).toBe("qwen3:8b");
  });

  it("reports every problem of a file, not only the first", () => {
    expect(codesOf("linkStyle: wiki\nconcurrency: x\nfoo: 1\n")).toEqual([
      "invalid-value",
      "wrong-type",
      "unknown-key",
    ]);
  });

  it("keeps the defaults of invalid settings", () => {
    const schema = loadYaml("linkStyle: wiki\nconcurrency: 4\n");
    expect(schema.config.linkStyle).toBe(defaultConfig.linkStyle);
    expect(schema.config.concurrency).toBe(4);
  });
});

describe("problem positions and messages", () => {
  it("formats a problem as file, line, column and message", () => {
    const schema = loadYaml("model: a\n\nlayout:\n  fileNames: kebab\nlinkStyle: wiki\n");
    expect(schema.problems).toHaveLength(1);
    expect(formatProblem(schema.problems[0]!)).toBe(
      'schema/wiki.yaml:5:12: linkStyle must be "markdown" or "wikilink", not "wiki"',
    );
  });

  it("points at the key of an unknown key", () => {
    const [problem] = loadYaml("model: a\nlayout:\n  filenames: kebab\n").problems;
    expect(problem).toMatchObject({ code: "unknown-key", line: 3, column: 3 });
    expect(problem?.message).toContain('did you mean "fileNames"?');
  });

  it("suggests the closest key for a typo", () => {
    const [problem] = loadYaml("lnikStyle: markdown\n").problems;
    expect(problem?.message).toContain('did you mean "linkStyle"?');
  });

  it("says where a misplaced key belongs", () => {
    const [problem] = loadYaml("folders:\n  entity: e\n").problems;
    expect(problem?.message).toContain('it belongs under "layout"');
  });

  it("lists the allowed keys when nothing is close", () => {
    const [problem] = loadYaml("colour: red\n").problems;
    expect(problem?.message).toContain("allowed keys are include, exclude");
  });

  it("points at the second of two duplicate keys", () => {
    const [problem] = loadYaml("model: a\nlanguage: b\nmodel: c\n").problems;
    expect(problem).toMatchObject({ code: "duplicate-key", line: 3, column: 1 });
  });

  it("points at an empty value's key", () => {
    const [problem] = loadYaml("model: a\nlayout:\n").problems;
    expect(problem).toMatchObject({ code: "wrong-type", line: 2 });
  });

  it("names the list index of an invalid item", () => {
    const [problem] = loadYaml("include:\n  - '**/*.md'\n  - '/abs/*.md'\n").problems;
    expect(problem).toMatchObject({ code: "glob-never-matches", line: 3, column: 5 });
    expect(problem?.message).toMatch(/^include\[1\] never matches a file/);
  });

  it("shows the wrong value and the expected type", () => {
    const [problem] = loadYaml('concurrency: "2"\n').problems;
    expect(problem?.message).toBe('concurrency must be an integer, not the string "2"');
  });

  it("names the folder of the schema in the file", () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-schema-"));
    mkdirSync(path.join(root, "my-schema"));
    writeFileSync(path.join(root, "my-schema", "wiki.yaml"), "linkStyle: wiki\n");
    expect(loadSchema(path.join(root, "my-schema")).problems[0]?.file).toBe("my-schema/wiki.yaml");
  });
});

describe("loadValidSchema", () => {
  it("throws a schema error with every problem", () => {
    const dir = schemaFolder({ "wiki.yaml": "linkStyle: wiki\nfoo: 1\n" });
    let error: unknown;
    try {
      loadValidSchema(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaError);
    const schemaError = error as SchemaError;
    expect(schemaError.code).toBe("invalid-value");
    expect(schemaError.exitCode).toBe(2);
    expect(schemaError.problems.map((problem) => problem.code)).toEqual([
      "invalid-value",
      "unknown-key",
    ]);
    expect(schemaError.message).toContain("schema/wiki.yaml:1:12:");
  });

  it("reports a schema path that is a file", () => {
    const dir = schemaFolder({ "wiki.yaml": "model: a\n" });
    const problems = loadSchema(path.join(dir, "wiki.yaml")).problems;
    expect(problems.map((problem) => problem.code)).toEqual(["file-unreadable"]);
  });

  it("reports a wiki.yaml that is a folder", () => {
    const dir = schemaFolder({ "wiki.yaml/x": "" });
    expect(loadSchema(dir).problems.map((problem) => problem.code)).toEqual(["file-unreadable"]);
  });

  it("reports a file that is not utf-8", () => {
    const dir = schemaFolder({ "wiki.yaml": Buffer.from([0x6d, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) });
    expect(loadSchema(dir).problems.map((problem) => problem.code)).toEqual(["file-unreadable"]);
  });
});

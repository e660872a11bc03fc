/**
 * The schema through the `wiki` command: a wrong schema stops `wiki build` with exit code 2 and
 * a `file:line:column` line per problem before any request reaches a model server, and the
 * connect time limit of the schema bounds the wait for a server that does not respond.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { runWiki } from "./support/cli.js";

let server: FakeOllama;
beforeAll(async () => {
  server = await startFakeOllama();
});
afterAll(async () => {
  await server?.close();
});

/** Creates a workspace with one source and the given schema files. */
function workspace(schema: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-schema-cli-"));
  mkdirSync(path.join(root, "raw"));
  writeFileSync(path.join(root, "raw", "guide.md"), "# Guide\n\nThe server listens on port 80.\n");
  for (const [name, text] of Object.entries(schema)) {
    mkdirSync(path.dirname(path.join(root, "schema", name)), { recursive: true });
    writeFileSync(path.join(root, "schema", name), text);
  }
  return root;
}

const requestCount = () => Object.values(server.stats.requests).reduce((sum, n) => sum + n, 0);

/** Each error the schema must stop at: its files, the line printed, and the text it contains. */
const errors: [string, Record<string, string>, string, string][] = [
  [
    "unknown key",
    { "wiki.yaml": "model: llama3.1:8b\nlinkstyle: wikilink\n" },
    "schema/wiki.yaml:2:1: ",
    'unknown key "linkstyle" at the top level; did you mean "linkStyle"?',
  ],
  [
    "wrong type",
    { "wiki.yaml": 'concurrency: "2"\n' },
    "schema/wiki.yaml:1:14: ",
    'concurrency must be an integer, not the string "2"',
  ],
  [
    "glob that cannot match",
    { "wiki.yaml": "include:\n  - '**/*.md'\n  - '**/*.pdf'\n" },
    "schema/wiki.yaml:3:5: ",
    'include[1] never matches a file: "**/*.pdf" names no file that is read',
  ],
  [
    "prompt without a required placeholder",
    { "prompts/analyze.md": "Read this:\n{{chunk}}\n" },
    "schema/prompts/analyze.md:1:1: ",
    "the analyze prompt lacks {{entity_types}}; it must contain {{entity_types}}, {{chunk}}",
  ],
  [
    "template that does not parse",
    { "templates/entity.md": "# {{title}}\n\n{{content}}\n{{related\n" },
    "schema/templates/entity.md:4:1: ",
    '"{{related" is not a placeholder; templates may use {{content}}, {{title}}',
  ],
];

describe("wiki build with a wrong schema", () => {
  it.each(errors)("stops at a %s before any model call", async (_name, files, at, text) => {
    const root = workspace({ "wiki.yaml": "", ...files });
    const before = requestCount();
    const result = await runWiki(["build", root, "--provider", "ollama", "--host", server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${at}${text}`);
    expect(requestCount()).toBe(before);
  });

  it("prints every problem of the schema at once", async () => {
    const root = workspace({
      "wiki.yaml": "linkStyle: wiki\nconcurrency: x\n",
      "prompts/write.md": "{{analysis}}\n",
    });
    const result = await runWiki(["build", root, "--provider", "offline"]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^wiki: schema\/wiki\.yaml:1:12: linkStyle must be/);
    expect(lines[1]).toMatch(/^schema\/wiki\.yaml:2:14: concurrency must be an integer/);
    expect(lines[2]).toMatch(
      /^schema\/prompts\/write\.md:1:1: the write prompt lacks \{\{chunk\}\}/,
    );
  });
});

describe("connect time limit", () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  let address = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    address = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("bounds the wait for a silent server", async () => {
    const root = workspace({ "wiki.yaml": `hosts: ["${address}"]\nconnectTimeoutMs: 500\n` });
    const started = Date.now();
    const result = await runWiki(["build", root, "--provider", "ollama"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no response within 500 ms");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("bounds the server probe of provider auto", async () => {
    const root = workspace({ "wiki.yaml": `hosts: ["${address}"]\nconnectTimeoutMs: 500\n` });
    const result = await runWiki(["build", root, "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("provider offline: the embedded extractor");
    expect(result.stderr).toContain("no response within 500 ms");
  });
});

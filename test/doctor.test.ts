import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDoctor } from "../packages/cli/src/commands/doctor.js";
import { runInit } from "../packages/cli/src/commands/init.js";
import type { CommandIO } from "../packages/cli/src/io.js";
import {
  startFakeOllama,
  type FakeOllama,
  type FakeOllamaOptions,
} from "./fake-ollama/src/server.js";

const servers: FakeOllama[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function fakeServer(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const server = await startFakeOllama(options);
  servers.push(server);
  return server;
}

/** Returns a loopback port that nothing listens on: one the system gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port assigned");
  return address.port;
}

/** Creates a workspace with one source and the given `wiki.yaml`. */
function workspace(
  wikiYaml: string,
  sources: Record<string, string> = { "guide.md": "# Guide\n\nText.\n" },
) {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-doctor-"));
  mkdirSync(path.join(root, "schema"));
  writeFileSync(path.join(root, "schema", "wiki.yaml"), wikiYaml);
  mkdirSync(path.join(root, "raw"));
  for (const [name, text] of Object.entries(sources))
    writeFileSync(path.join(root, "raw", name), text);
  return root;
}

async function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const io: CommandIO = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void out.push(text),
    env,
    cwd: tmpdir(),
  };
  const code = await runDoctor(args, io);
  return { code, output: out.join("") };
}

const lineOf = (output: string, start: string) =>
  output.split("\n").find((line) => line.startsWith(start));

describe("wiki doctor against a loopback server", () => {
  it("passes every check", async () => {
    const server = await fakeServer();
    const root = workspace(`hosts: ["${server.url}"]\nmodel: llama3.1:8b\n`);
    const { code, output } = await doctor([root]);
    expect(output).not.toContain("FAIL");
    expect(code).toBe(0);
    expect(lineOf(output, "ok    schema:")).toBeDefined();
    expect(lineOf(output, "ok    sources:")).toContain("1 readable");
    expect(lineOf(output, `ok    host ${server.url}:`)).toContain("reachable, server version");
    expect(lineOf(output, "ok    model llama3.1:8b:")).toContain("pulled");
    expect(lineOf(output, "ok    context:")).toContain("131072");
    expect(lineOf(output, "ok    thinking:")).toContain("does not think");
    expect(lineOf(output, "ok    structured output:")).toBeDefined();
    expect(server.stats.requests["/api/chat"]).toBe(1);
    expect(server.stats.log[0]?.formatPresent).toBe(true);
  });

  it("reports a model that can think and turns thinking off", async () => {
    const server = await fakeServer({
      models: [{ name: "qwen3:8b", thinking: true, contextLength: 40960 }],
    });
    const { code, output } = await doctor([
      workspace(`hosts: ["${server.url}"]\nmodel: qwen3:8b\n`),
    ]);
    expect(code).toBe(0);
    expect(lineOf(output, "ok    thinking:")).toContain("can think");
    expect(lineOf(output, "ok    context:")).toContain("builds use 8192");
    expect(server.stats.log[0]?.think).toBe(false);
  });

  it("fails for a model that is not pulled and lists the models there", async () => {
    const server = await fakeServer();
    const { code, output } = await doctor([
      workspace(`hosts: ["${server.url}"]\nmodel: gemma3:4b\n`),
    ]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  model gemma3:4b:")).toContain("models there: llama3.1:8b");
    expect(output).toContain("fix: pull it on that server: ollama pull gemma3:4b");
    expect(server.stats.requests["/api/chat"]).toBeUndefined();
  });

  it("fails when the context size exceeds the model's", async () => {
    const server = await fakeServer({ models: [{ name: "llama3.1:8b", contextLength: 4096 }] });
    const { code, output } = await doctor([
      workspace(`hosts: ["${server.url}"]\ncontextTokens: 16384\n`),
    ]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  context:")).toContain("exceeds the 4096 tokens");
  });

  it("fails when the answer is not structured", async () => {
    const server = await fakeServer({
      script: [{ content: "Sure! Here is the JSON you asked for." }],
    });
    const { code, output } = await doctor([workspace(`hosts: ["${server.url}"]\n`)]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  structured output:")).toContain("Sure! Here is the JSON");
  });

  it("fails when the chat request gets a server error", async () => {
    const server = await fakeServer({ script: [{ status: 500, body: "internal failure" }] });
    const { code, output } = await doctor([workspace(`hosts: ["${server.url}"]\n`)]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  structured output:")).toContain("status 500");
  });

  it("fails when the chat request times out", async () => {
    const server = await fakeServer({ script: [{ hang: true }] });
    const { code, output } = await doctor([
      workspace(`hosts: ["${server.url}"]\ntimeoutMs: 1000\n`),
    ]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  structured output:")).toContain("timed out after 1000 ms");
  });

  it("uses the host of the server variable when the schema lists none", async () => {
    const server = await fakeServer();
    const { code, output } = await doctor([workspace("model: llama3.1:8b\n")], {
      OLLAMA_HOST: server.url,
    });
    expect(code).toBe(0);
    expect(output).toContain(`using ${server.url} from OLLAMA_HOST`);
    expect(lineOf(output, `ok    host ${server.url}:`)).toBeDefined();
  });

  it("checks every host of the schema", async () => {
    const first = await fakeServer();
    const second = await fakeServer();
    const { code, output } = await doctor([
      workspace(`hosts: ["${first.url}", "${second.url}"]\n`),
    ]);
    expect(code).toBe(0);
    expect(lineOf(output, `ok    host ${first.url}:`)).toBeDefined();
    expect(lineOf(output, `ok    host ${second.url}:`)).toBeDefined();
  });
});

describe("wiki doctor against a closed port", () => {
  it("names the address tried and the fix", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, output } = await doctor([workspace(`hosts: ["${url}"]\n`)]);
    // With provider auto a build falls back to the offline extractor, so this only warns.
    expect(code).toBe(0);
    const line = lineOf(output, `warn  host ${url}:`);
    expect(line).toContain("not reachable: ECONNREFUSED");
    expect(output).toContain("fix: start the server there");
    expect(output).toContain("correct hosts in schema/wiki.yaml");
    expect(output).toContain("set provider: offline");
  });

  it("fails under provider auto when the host is a flag", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, output } = await doctor([workspace("model: llama3.1:8b\n"), "--host", url]);
    expect(code).toBe(1);
    expect(lineOf(output, `FAIL  host ${url}:`)).toContain("not reachable: ECONNREFUSED");
    for (const name of ["model llama3.1:8b", "context", "thinking", "structured output"]) {
      expect(lineOf(output, `skip  ${name}:`)).toContain(`${url} did not respond`);
    }
  });

  it("only warns when another flagged host responds", async () => {
    const server = await fakeServer();
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, output } = await doctor([
      workspace("model: llama3.1:8b\n"),
      "--host",
      url,
      "--host",
      server.url,
    ]);
    expect(code).toBe(0);
    expect(lineOf(output, `warn  host ${url}:`)).toBeDefined();
    expect(lineOf(output, `ok    host ${server.url}:`)).toBeDefined();
  });

  it("names the host flag as the place to fix", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, output } = await doctor([workspace("provider: ollama\n"), "--host", url]);
    expect(code).toBe(1);
    expect(lineOf(output, `FAIL  host ${url}:`)).toBeDefined();
    expect(output).toContain("pass the right --host");
  });
});

describe("wiki doctor without a server", () => {
  it("skips the servers for the offline provider", async () => {
    const { code, output } = await doctor([workspace("provider: offline\n")]);
    expect(code).toBe(0);
    expect(lineOf(output, "skip  servers:")).toBeDefined();
    expect(output).toMatch(/wiki doctor: 3 passed, 0 failed, 1 skipped\n$/);
  });

  it("fails for an invalid schema with each problem and its position", async () => {
    const { code, output } = await doctor([workspace("provider: offline\nlinkStyle: wiki\n")]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  schema:")).toContain("1 problem");
    expect(output).toContain(
      'schema/wiki.yaml:2:12: linkStyle must be "markdown" or "wikilink", not "wiki"',
    );
  });

  it("fails for an invalid environment variable", async () => {
    const { code, output } = await doctor([workspace("provider: offline\n")], {
      WIKI_PROVIDER: "llama",
    });
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  settings:")).toBeDefined();
    expect(output).toContain("WIKI_PROVIDER must be one of");
  });

  it("fails without a raw folder", async () => {
    const root = workspace("provider: offline\n");
    const { code, output } = await doctor([root, "--raw", path.join(root, "missing")]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  sources:")).toContain("not found");
  });

  it("fails when no source matches", async () => {
    const { code, output } = await doctor([
      workspace("provider: offline\n", { "data.csv": "a,b\n" }),
    ]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  sources:")).toContain("no source under raw/");
  });

  it("fails for an unreadable source and names it", async () => {
    const sources = { "good.md": "# Good\n", "bad.md": "binary\u0000data\n" };
    const { code, output } = await doctor([workspace("provider: offline\n", sources)]);
    expect(code).toBe(1);
    expect(lineOf(output, "FAIL  sources:")).toContain("1 of 2 sources unreadable");
    expect(output).toContain("raw/bad.md:1:");
  });

  it("warns about an include glob that matches no source", async () => {
    const yaml = "provider: offline\ninclude: ['**/*.md', 'doc/**/*.md']\n";
    const { code, output } = await doctor([workspace(yaml)]);
    expect(code).toBe(0);
    expect(lineOf(output, "warn  include:")).toContain('"doc/**/*.md" matches no source');
  });

  it("loads the defaults without a schema folder", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-doctor-"));
    mkdirSync(path.join(root, "raw"));
    writeFileSync(path.join(root, "raw", "a.md"), "# A\n");
    const { code, output } = await doctor([root, "--provider", "offline"]);
    expect(code).toBe(0);
    expect(lineOf(output, "ok    schema:")).toContain("the defaults apply");
  });

  it("passes without warnings right after init", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-doctor-"));
    await runInit([root], { stdout: () => {}, stderr: () => {}, env: {}, cwd: root });
    writeFileSync(path.join(root, "raw", "notes.md"), "# Notes\n");
    const { code, output } = await doctor([root, "--provider", "offline"]);
    expect(code).toBe(0);
    expect(output).not.toContain("warn");
    expect(lineOf(output, "ok    schema:")).toContain("built-in prompts");
    expect(lineOf(output, "ok    sources:")).toContain(
      "1 readable under raw/, 1 other file skipped",
    );
  });

  it("rejects an unknown option", async () => {
    expect((await doctor(["--verbose"])).code).toBe(2);
  });
});

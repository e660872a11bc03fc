/**
 * `wiki build` as a user runs it: the exit code of a build with a failed source, the progress
 * lines on stderr, and the provider that `--provider auto` (the default) picks.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { runWiki } from "./support/cli.js";

const stages = ["scan", "parse", "chunk", "analyze", "resolve", "write", "link", "cluster", "emit"];

/** Creates a workspace with two readable sources and, when asked, one binary file. */
function workspace(withBinary = false): string {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-cli-build-"));
  const raw = path.join(root, "raw");
  mkdirSync(raw);
  writeFileSync(path.join(raw, "a.md"), "# Alpha\n\nThe `alpha` tool reads the store.\n");
  writeFileSync(path.join(raw, "b.md"), "# Beta\n\nThe `beta` tool writes the store.\n");
  if (withBinary) writeFileSync(path.join(raw, "c.md"), Buffer.from([0x23, 0x20, 0x00, 0x01]));
  return root;
}

interface Summary {
  provider: string;
  failed: boolean;
  problems: { file: string; line?: number; code: string; message: string }[];
}

describe("build exit codes", () => {
  it("exits 1 and writes the rest when a source fails", async () => {
    const root = workspace(true);
    const result = await runWiki(["build", root, "--provider", "offline", "--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.failed).toBe(true);
    expect(summary.problems).toContainEqual(
      expect.objectContaining({ file: "c.md", line: 1, code: "source-binary" }),
    );
    expect(existsSync(path.join(root, "wiki", "sources", "a.md"))).toBe(true);
    expect(existsSync(path.join(root, "wiki", "sources", "c.md"))).toBe(false);
    expect(result.stderr).toMatch(/^error: .*c\.md:1: /m);
  });

  it("exits 0 with no problem", async () => {
    const result = await runWiki(["build", workspace(), "--provider", "offline", "--json"]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Summary).failed).toBe(false);
  });
});

describe("build progress", () => {
  it("prints one line per stage and a summary", async () => {
    const root = workspace();
    const result = await runWiki(["build", root, "--provider", "offline"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    for (const stage of stages) {
      const line = lines.find((text) => text.startsWith(`${stage} `) && /\(\d+ ms\)$/.test(text));
      expect(line, `no counted line for ${stage}`).toMatch(/\d/);
    }
    expect(lines[lines.length - 1]).toMatch(
      /^built \d+ pages from 2 sources .* in [\d.]+ s; open /,
    );
  });
});

describe("provider auto", () => {
  let withModel: FakeOllama;
  let otherModel: FakeOllama;
  let stopped: FakeOllama;
  beforeAll(async () => {
    withModel = await startFakeOllama();
    otherModel = await startFakeOllama({ models: [{ name: "other:1b" }] });
    stopped = await startFakeOllama();
    await stopped.close();
  });
  afterAll(async () => {
    await withModel?.close();
    await otherModel?.close();
  });

  async function autoBuild(host: string) {
    const result = await runWiki(["build", workspace(), "--json"], { env: { OLLAMA_HOST: host } });
    const providerLines = result.stderr.split("\n").filter((line) => line.startsWith("provider "));
    return { result, providerLines, summary: JSON.parse(result.stdout || "{}") as Summary };
  }

  it("uses ollama when the server has the model", async () => {
    const { result, providerLines, summary } = await autoBuild(withModel.url);
    expect(result.code).toBe(0);
    expect(summary.provider).toBe("ollama");
    expect(providerLines).toHaveLength(1);
    expect(providerLines[0]).toMatch(/^provider ollama: .*pass --provider offline/);
  });

  it("falls back offline when the model is missing", async () => {
    const { result, providerLines, summary } = await autoBuild(otherModel.url);
    expect(result.code).toBe(0);
    expect(summary.provider).toBe("offline");
    expect(providerLines).toHaveLength(1);
    expect(providerLines[0]).toMatch(/^provider offline: .*is not on the server/);
    expect(providerLines[0]).toMatch(/ollama pull llama3\.1:8b/);
  });

  it("falls back offline when no server answers", async () => {
    const { result, providerLines, summary } = await autoBuild(stopped.url);
    expect(result.code).toBe(0);
    expect(summary.provider).toBe("offline");
    expect(providerLines).toHaveLength(1);
    expect(providerLines[0]).toMatch(/^provider offline: .*pass --provider offline/);
  });
});

/**
 * `wiki build --check`: writes nothing (no output file, no cache file), exits 0 when the output
 * is what a build makes, 3 listing the files when it differs, and 4 when a model answer it needs
 * is not in the cache.
 */
import { renameSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  changedFiles,
  copyCorpus,
  fixedDate,
  offline,
  ollamaAt,
  removeWorkspace,
  snapshot,
  type Workspace,
} from "./incremental-support.js";
import { insertLines } from "./incremental-text.js";

const files = ["import.mdx", "linux.mdx", "docker.mdx"];
let server: FakeOllama;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  server = await startFakeOllama();
});

afterAll(async () => {
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

function workspace(): Workspace {
  const created = copyCorpus("ollama-docs", files);
  workspaces.push(created);
  return created;
}

/** Runs `--check` and asserts that nothing in the workspace changed. */
async function check(ws: Workspace, args: string[], env?: NodeJS.ProcessEnv) {
  const before = snapshot(ws.root);
  const checked = await buildWiki(ws, [...args, "--check"], env);
  expect(changedFiles(before, snapshot(ws.root))).toEqual([]);
  return checked;
}

describe("wiki build --check", () => {
  it("passes offline on the output of a build", async () => {
    const ws = workspace();
    expect((await buildWiki(ws, offline)).code).toBe(0);
    const checked = await check(ws, offline);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(/check passed/);
  });

  it("exits 3 offline listing the files that differ", async () => {
    const ws = workspace();
    expect((await buildWiki(ws, offline)).code).toBe(0);
    insertLines(path.join(ws.raw, "import.mdx"), 3, [
      "",
      "Imported models keep their license.",
      "",
    ]);
    rmSync(path.join(ws.wiki, "index.md"));
    const checked = await check(ws, offline);
    expect(checked.code).toBe(3);
    expect(checked.stderr).toMatch(/check failed: \d+ files differ/);
    expect(checked.stderr).toMatch(/^differs: index\.md$/m);
    expect(checked.stderr).toMatch(/^differs: sources\/import\.md$/m);
    expect(checked.stderr).toMatch(/^differs: log\.md$/m);
  });

  it("checks offline with no cache and writes none", async () => {
    const ws = workspace();
    expect((await buildWiki(ws, offline)).code).toBe(0);
    rmSync(ws.cache, { recursive: true });
    rmSync(path.join(ws.wiki, "contradictions.md"));
    const checked = await check(ws, offline);
    expect(checked.code).toBe(3);
    expect(checked.stderr).toMatch(/^differs: contradictions\.md$/m);
  });

  it("replays cached answers of a model provider", async () => {
    const ws = workspace();
    expect((await buildWiki(ws, ollamaAt(server.url))).code).toBe(0);
    const passed = await check(ws, ollamaAt(server.url));
    expect(passed.code).toBe(0);
    renameSync(path.join(ws.raw, "linux.mdx"), path.join(ws.raw, "install-linux.mdx"));
    const requests = server.stats.log.length;
    const differs = await check(ws, ollamaAt(server.url));
    expect(differs.code).toBe(3);
    expect(differs.stderr).toMatch(/^differs: sources\/install-linux\.md$/m);
    expect(server.stats.log.length).toBe(requests);
  });

  it("replays cached answers with the model server down", async () => {
    const ws = workspace();
    const stopped = await startFakeOllama();
    expect((await buildWiki(ws, ollamaAt(stopped.url))).code).toBe(0);
    await stopped.close();
    const explicit = await check(ws, ollamaAt(stopped.url));
    expect(explicit.code).toBe(0);
    expect(explicit.stderr).toMatch(/--check replays the cached answers of ollama/);
    const auto = await check(ws, [], { ...fixedDate, OLLAMA_HOST: stopped.url });
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/check passed/);
  });

  it("keeps a model's pages when auto finds no server", async () => {
    const ws = workspace();
    const stopped = await startFakeOllama();
    expect((await buildWiki(ws, ollamaAt(stopped.url))).code).toBe(0);
    await stopped.close();
    const before = snapshot(ws.root);
    const built = await buildWiki(ws, [], { ...fixedDate, OLLAMA_HOST: stopped.url });
    expect(built.code).toBe(2);
    expect(built.stderr).toMatch(/written by ollama .* the offline extractor would replace them/);
    expect(built.stderr).toMatch(/pass --provider offline/);
    expect(changedFiles(before, snapshot(ws.root))).toEqual([]);
  });

  it("exits 4 when a model answer is not in the cache", async () => {
    const ws = workspace();
    const checked = await check(ws, ollamaAt(server.url));
    expect(checked.code).toBe(4);
    expect(checked.stderr).toMatch(/--check needs model answers that are not in the cache/);
  });
});

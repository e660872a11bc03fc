/**
 * Incremental rebuilds of a copy of the ollama-docs corpus through the loopback model server:
 * nothing changed, a touch, an identical save, a paragraph edited in the middle of `api.md`, a
 * paragraph inserted at the top of a long source.
 */
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  changedFiles,
  copyCorpus,
  ollamaAt,
  removeWorkspace,
  snapshot,
  type Built,
  type Workspace,
} from "./incremental-support.js";
import { citationsShifted, insertLines, sha256Of } from "./incremental-text.js";

let server: FakeOllama;
let workspace: Workspace;
let cold: Built;

beforeAll(async () => {
  server = await startFakeOllama();
  workspace = copyCorpus("ollama-docs");
  cold = await buildWiki(workspace, ollamaAt(server.url));
});

afterAll(async () => {
  await server?.close();
  if (workspace) removeWorkspace(workspace);
});

const rebuild = () => buildWiki(workspace, ollamaAt(server.url));

describe("rebuild of ollama-docs through the loopback server", () => {
  it("builds cold with calls of every step", () => {
    expect(cold.stderr).not.toMatch(/^error:/m);
    expect(cold.code).toBe(0);
    expect(cold.figures.llm.callsByStep.analyze).toBeGreaterThan(50);
    expect(cold.figures.llm.callsByStep.write).toBeGreaterThan(50);
    expect(cold.figures.written).toBe(cold.figures.pages);
  });

  it("calls no model and writes nothing when nothing changed", async () => {
    const before = snapshot(workspace.root);
    const requests = server.stats.log.length;
    const again = await rebuild();
    expect(again.code).toBe(0);
    expect(again.figures.llm.calls).toBe(0);
    expect(again.figures.written).toBe(0);
    expect(again.figures.deleted).toBe(0);
    expect(again.stderr).toMatch(/inputs and output unchanged since the last build/);
    expect(again.stderr).toMatch(/nothing changed: 0 model calls/);
    expect(server.stats.log.length).toBe(requests);
    expect(changedFiles(before, snapshot(workspace.root))).toEqual([]);
  });

  it("treats a touch and an identical save as no change", async () => {
    const api = path.join(workspace.raw, "api.md");
    const future = new Date(Date.now() + 60_000);
    utimesSync(api, future, future);
    const faq = path.join(workspace.raw, "faq.mdx");
    writeFileSync(faq, readFileSync(faq));
    const before = snapshot(workspace.wiki);
    const again = await rebuild();
    expect(again.figures.llm.calls).toBe(0);
    expect(again.figures.written).toBe(0);
    expect(changedFiles(before, snapshot(workspace.wiki))).toEqual([]);
  });

  it("re-analyzes one chunk after a paragraph edit in the middle", async () => {
    const api = path.join(workspace.raw, "api.md");
    const oldSha = sha256Of(readFileSync(api));
    const before = snapshot(workspace.wiki);
    const texts = new Map([...before.keys()].map((file) => [file, readWikiFile(file)]));
    // Line 1114 is the blank line after a paragraph of "Load a model" (chat endpoint).
    insertLines(api, 1114, [
      "",
      "The model stays loaded for five minutes unless `keep_alive` says otherwise.",
    ]);
    const edit = await rebuild();
    expect(edit.code).toBe(0);
    expect(edit.stderr).toMatch(/changed since the last build: sources: 1 edited \(api\.md\)/);
    expect(edit.figures.llm.callsByStep.analyze).toBeLessThanOrEqual(1 + edit.figures.llm.retries);
    expect(edit.figures.llm.callsByStep.write).toBeLessThanOrEqual(1 + edit.figures.llm.retries);

    const changed = changedFiles(before, snapshot(workspace.wiki));
    const newSha = sha256Of(readFileSync(api));
    const shaOnly: string[] = [];
    const shifted: string[] = [];
    const other: string[] = [];
    for (const file of changed) {
      const old = texts.get(file);
      const now = readWikiFile(file);
      if (old === undefined || file.startsWith(".") || file === "log.md") continue;
      if (old.replaceAll(oldSha, newSha) === now) shaOnly.push(file);
      else if (citationsShifted(old.replaceAll(oldSha, newSha), "api.md", 1114, 2) === now) {
        shifted.push(file);
      } else other.push(file);
    }
    const communities = changed.filter((file) => file.startsWith("communities/"));
    console.info(
      `paragraph edit in api.md: ${changed.length} files changed, ${shaOnly.length} only by the sha256 line, ` +
        `${shifted.length} by the sha256 and shifted line numbers, ${other.length} otherwise ` +
        `(${other.join(", ")}), ${communities.length} community pages`,
    );
    expect(shaOnly.length).toBeGreaterThan(40);
    for (const file of shaOnly) {
      const diff = lineDiff(texts.get(file)!, readWikiFile(file));
      expect(diff, file).toEqual([`    sha256: ${newSha}`]);
    }
    expect(other.length).toBeLessThanOrEqual(6);
    expect(other).toContain("sources/api.md");
    expect(communities.length).toBeLessThanOrEqual(3);
    expect(changed).toContain("log.md");
  });

  it("re-analyzes at most two chunks after a paragraph at the top", async () => {
    const api = path.join(workspace.raw, "api.md");
    insertLines(api, 2, ["", "This page lists every endpoint of the server, with examples."]);
    const edit = await rebuild();
    expect(edit.code).toBe(0);
    expect(edit.figures.llm.callsByStep.analyze).toBeLessThanOrEqual(2 + edit.figures.llm.retries);
    expect(edit.figures.llm.callsByStep.overview).toBeLessThanOrEqual(3);
    expect(edit.figures.llm.callsByStep.confirm).toBe(0);
  });
});

function readWikiFile(file: string): string {
  return readFileSync(path.join(workspace.wiki, file), "utf8");
}

/** Returns the lines of `after` that differ from the same line of `before`. */
function lineDiff(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) return [`line count ${a.length} to ${b.length}`];
  return b.filter((line, index) => line !== a[index]);
}

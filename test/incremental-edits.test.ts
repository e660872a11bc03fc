/**
 * Incremental rebuilds of a copy of the ollama-docs corpus through the loopback model server:
 * nothing changed, a touch, an identical save, a paragraph of `api.md` rewritten in place, a
 * paragraph inserted in the middle of it and one at its top.
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
import { citationsShifted, insertLines, lineDiff, replaceLine } from "./incremental-text.js";

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

const editedParagraph =
  "If the messages array is empty, the server loads the model into memory and sends no reply.";

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

  it("rewrites at most ten files after an in-place paragraph edit", async () => {
    const api = path.join(workspace.raw, "api.md");
    const before = snapshot(workspace.wiki);
    // Line 1113 is a paragraph of "Load a model" (chat endpoint); the edit keeps its line count.
    replaceLine(api, 1113, editedParagraph);
    const edit = await rebuild();
    expect(edit.code).toBe(0);
    expect(edit.stderr).toMatch(/changed since the last build: sources: 1 edited \(api\.md\)/);
    expect(edit.figures.llm.callsByStep.analyze).toBeLessThanOrEqual(1 + edit.figures.llm.retries);

    const changed = changedFiles(before, snapshot(workspace.wiki));
    console.info(
      `in-place paragraph edit in api.md: ${changed.length} files changed: ${changed.join(", ")}`,
    );
    expect(changed.length).toBeLessThanOrEqual(10);
    expect(changed).toContain("sources/api.md");
    expect(changed).toContain("log.md");
    expect(changed).toContain(".wiki-manifest.json");
  });

  it("re-analyzes few chunks after a paragraph inserted in the middle", async () => {
    const api = path.join(workspace.raw, "api.md");
    const before = snapshot(workspace.wiki);
    const texts = new Map([...before.keys()].map((file) => [file, readWikiFile(file)]));
    // Line 1114 is the blank line after the paragraph edited above.
    insertLines(api, 1114, [
      "",
      "The model stays loaded for five minutes unless `keep_alive` says otherwise.",
    ]);
    const edit = await rebuild();
    expect(edit.code).toBe(0);
    expect(edit.stderr).toMatch(/changed since the last build: sources: 1 edited \(api\.md\)/);
    console.info(`paragraph inserted in api.md: ${JSON.stringify(edit.figures.llm)}`);
    // A chunk closes at the first heading after 3/4 of its budget, so a grown chunk may close
    // one section earlier and move the start of the next one or two: at most three change.
    expect(edit.figures.llm.callsByStep.analyze).toBeLessThanOrEqual(3 + edit.figures.llm.retries);
    expect(edit.figures.llm.callsByStep.write).toBeLessThanOrEqual(3 + edit.figures.llm.retries);

    const changed = changedFiles(before, snapshot(workspace.wiki));
    const hashOnly: string[] = [];
    const shifted: string[] = [];
    const other: string[] = [];
    for (const file of changed) {
      const old = texts.get(file);
      const now = readWikiFile(file);
      if (old === undefined || file.startsWith(".") || file === "log.md") continue;
      if (lineDiff(old, now).every((line) => line.startsWith("    sha256: "))) hashOnly.push(file);
      else if (citationsShifted(old, "api.md", 1114, 2) === now) shifted.push(file);
      else other.push(file);
    }
    const communities = changed.filter((file) => file.startsWith("communities/"));
    console.info(
      `paragraph inserted in api.md: ${changed.length} files changed, ${shifted.length} only by ` +
        `shifted line numbers, ${hashOnly.length} only by the sha256 line, ${other.length} ` +
        `otherwise (${other.join(", ")}), ${communities.length} community pages`,
    );
    // Lines that only move keep their bytes, so no page changes by its hash alone.
    expect(hashOnly).toEqual([]);
    expect(shifted.length).toBeGreaterThan(10);
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

/**
 * Incremental rebuilds of a copy of the ollama-docs corpus with the offline extractor: nothing
 * changed, a paragraph rewritten in place, a paragraph inserted, a source deleted, a source
 * renamed.
 */
import { readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWiki,
  changedFiles,
  copyCorpus,
  offline,
  removeWorkspace,
  snapshot,
  type Built,
  type Workspace,
} from "./incremental-support.js";
import { citationsShifted, insertLines, lineDiff, replaceLine } from "./incremental-text.js";
import { readWiki, sourceProblems } from "./support/tree.js";

let workspace: Workspace;
let cold: Built;

beforeAll(async () => {
  workspace = copyCorpus("ollama-docs");
  cold = await buildWiki(workspace, offline);
});

afterAll(() => {
  if (workspace) removeWorkspace(workspace);
});

async function rebuild(): Promise<{ built: Built; changed: string[] }> {
  const before = snapshot(workspace.wiki);
  const built = await buildWiki(workspace, offline);
  expect(built.code).toBe(0);
  return { built, changed: changedFiles(before, snapshot(workspace.wiki)) };
}

function citing(source: string): string[] {
  return readWiki(workspace.wiki)
    .filter((page) => JSON.stringify(page.frontmatter.sources ?? []).includes(`"${source}"`))
    .map((page) => page.file);
}

describe("offline rebuild of ollama-docs", () => {
  it("builds cold", () => {
    expect(cold.code).toBe(0);
    expect(cold.figures.written).toBe(cold.figures.pages);
  });

  it("writes nothing when nothing changed", async () => {
    const { built, changed } = await rebuild();
    expect(built.figures.written).toBe(0);
    expect(built.stderr).toMatch(/inputs and output unchanged since the last build/);
    expect(changed).toEqual([]);
  });

  it("rewrites at most ten files after an in-place paragraph edit", async () => {
    // Line 1113 of api.md is a paragraph of "Load a model"; the edit keeps its line count.
    replaceLine(
      path.join(workspace.raw, "api.md"),
      1113,
      "If the messages array is empty, the server loads the model into memory and sends no reply.",
    );
    const { built, changed } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 edited \(api\.md\)/);
    console.info(
      `offline in-place paragraph edit in api.md: ${changed.length} files changed: ${changed.join(", ")}`,
    );
    expect(changed.length).toBeLessThanOrEqual(10);
    expect(changed).toContain("sources/api.md");
    expect(changed).toContain("log.md");
    expect(changed).toContain(".wiki-manifest.json");
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });

  it("changes pages citing later lines by their line numbers", async () => {
    const api = path.join(workspace.raw, "api.md");
    const texts = new Map(
      [...snapshot(workspace.wiki).keys()].map((file) => [
        file,
        readFileSync(path.join(workspace.wiki, file), "utf8"),
      ]),
    );
    insertLines(api, 1114, [
      "",
      "The model stays loaded for five minutes unless `keep_alive` says otherwise.",
    ]);
    const { built, changed } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 edited \(api\.md\)/);
    // Community pages and the index list communities, which a new clustering may split.
    const content = changed.filter(
      (file) => /^(entities|concepts|sources)\//.test(file) || !file.includes("/"),
    );
    const hashOnly: string[] = [];
    const other: string[] = [];
    for (const file of content) {
      const old = texts.get(file);
      const now = readFileSync(path.join(workspace.wiki, file), "utf8");
      if (old !== undefined && citationsShifted(old, "api.md", 1114, 2) === now) continue;
      if (
        old !== undefined &&
        lineDiff(old, now).every((line) => line.startsWith("    sha256: "))
      ) {
        hashOnly.push(file);
      } else other.push(file);
    }
    console.info(
      `offline paragraph inserted in api.md: ${changed.length} files changed, ` +
        `${content.length - hashOnly.length - other.length} only by shifted line numbers, ` +
        `${hashOnly.length} only by the sha256 line, ${other.length} otherwise: ${other.join(", ")}`,
    );
    // Lines that only move keep their bytes, so no page changes by its hash alone.
    expect(hashOnly).toEqual([]);
    expect(changed.length).toBeGreaterThan(10);
    // The chunks whose text changed (up to three, as their bounds move) are analyzed again: the
    // things they name may gain or reorder statements.
    expect(other.filter((file) => file.includes("/")).length).toBeLessThanOrEqual(8);
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });

  it("drops a deleted source from every page", async () => {
    expect(citing("docker.mdx").length).toBeGreaterThan(1);
    rmSync(path.join(workspace.raw, "docker.mdx"));
    const { built } = await rebuild();
    expect(built.figures.deleted).toBeGreaterThan(0);
    expect(citing("docker.mdx")).toEqual([]);
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });

  it("moves the citations of a renamed source", async () => {
    const count = citing("gpu.mdx").length;
    renameSync(path.join(workspace.raw, "gpu.mdx"), path.join(workspace.raw, "hardware.mdx"));
    const { built } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 renamed \(gpu\.mdx to hardware\.mdx\)/);
    expect(citing("gpu.mdx")).toEqual([]);
    expect(citing("hardware.mdx").length).toBe(count);
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });
});

/**
 * Incremental rebuilds of a copy of the ollama-docs corpus with the offline extractor: nothing
 * changed, a paragraph edited, a source deleted, a source renamed.
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
import { citationsShifted, insertLines, sha256Of } from "./incremental-text.js";
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

  it("changes pages citing an edited source by their citations only", async () => {
    const api = path.join(workspace.raw, "api.md");
    const oldSha = sha256Of(readFileSync(api));
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
    const newSha = sha256Of(readFileSync(api));
    // Community pages and the index list communities, which a new clustering may split.
    const content = changed.filter(
      (file) => /^(entities|concepts|sources)\//.test(file) || !file.includes("/"),
    );
    const other = content.filter((file) => {
      const old = texts.get(file);
      const now = readFileSync(path.join(workspace.wiki, file), "utf8");
      return (
        old === undefined ||
        citationsShifted(old.replaceAll(oldSha, newSha), "api.md", 1114, 2) !== now
      );
    });
    console.info(
      `offline paragraph edit in api.md: ${changed.length} files changed, ${other.length} beyond citations: ${other.join(", ")}`,
    );
    expect(changed.length).toBeGreaterThan(10);
    // The edited chunk is analyzed again: the things it names may gain or reorder statements.
    expect(other.filter((file) => file.includes("/")).length).toBeLessThanOrEqual(15);
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

/**
 * Incremental rebuilds of a copy of the ollama-docs corpus through the loopback model server
 * when a source is added, deleted, renamed or moved to another folder.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
import { readWiki, sourceProblems, type WikiPage } from "./support/tree.js";

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

/** Rebuilds and returns the build with the files it changed in the output folder. */
async function rebuild(): Promise<{ built: Built; changed: string[] }> {
  const before = snapshot(workspace.wiki);
  const built = await buildWiki(workspace, ollamaAt(server.url));
  expect(built.stderr).not.toMatch(/^error:/m);
  expect(built.code).toBe(0);
  const changed = changedFiles(before, snapshot(workspace.wiki));
  const communities = changed.filter((file) => file.startsWith("communities/")).length;
  console.info(
    `${built.figures.llm.calls} model calls (${JSON.stringify(built.figures.llm.callsByStep)}), ` +
      `${changed.length} files changed, ${communities} community pages`,
  );
  return { built, changed };
}

const sourcePaths = (page: WikiPage) =>
  ((page.frontmatter.sources ?? []) as { path: string }[]).map((source) => source.path);

/** Pages that list `source` in their frontmatter or cite its lines in their body. */
function citing(source: string): string[] {
  const citation = new RegExp(`(?<![\\w./-])${source.replace(/[.]/g, "\\.")}:\\d`);
  return readWiki(workspace.wiki)
    .filter((page) => sourcePaths(page).includes(source) || citation.test(page.body))
    .map((page) => page.file);
}

describe("rebuild of ollama-docs after a source changes", () => {
  it("builds cold", () => {
    expect(cold.code).toBe(0);
    expect(cold.figures.llm.calls).toBeGreaterThan(200);
  });

  it("analyzes only the chunks of an added source", async () => {
    const text = [
      "# Sandbox mode",
      "",
      "Sandbox mode runs every model in a separate process with no network access.",
      "",
      "Set `OLLAMA_SANDBOX=1` to turn it on. The default is `0`.",
      "",
    ].join("\n");
    writeFileSync(path.join(workspace.raw, "sandbox.md"), text);
    const { built, changed } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 added \(sandbox\.md\)/);
    expect(built.figures.llm.callsByStep.analyze).toBe(1 + built.figures.llm.retries);
    expect(built.figures.llm.callsByStep.write).toBe(1 + built.figures.llm.retries);
    expect(built.figures.llm.callsByStep.confirm).toBe(0);
    expect(changed).toContain("sources/sandbox.md");
  });

  it("drops a deleted source from every page without model calls", async () => {
    const pagesBefore = readWiki(workspace.wiki);
    const onlyDocker = pagesBefore
      .filter((page) => {
        const paths = sourcePaths(page);
        return paths.length === 1 && paths[0] === "docker.mdx";
      })
      .map((page) => page.file);
    expect(onlyDocker.length).toBeGreaterThan(1);
    rmSync(path.join(workspace.raw, "docker.mdx"));
    const { built, changed } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 deleted \(docker\.mdx\)/);
    expect(built.figures.llm.calls).toBe(0);
    expect(citing("docker.mdx")).toEqual([]);
    for (const file of onlyDocker) expect(changed, file).toContain(file);
    const pages = readWiki(workspace.wiki);
    // A page of a thing that another source also describes stays, citing that source only.
    const left = pages.filter((page) => onlyDocker.includes(page.file));
    expect(left.length).toBeLessThan(onlyDocker.length / 2);
    const unsourced = pages.filter(
      (page) =>
        ["source", "entity", "concept"].includes(String(page.frontmatter.type)) &&
        sourcePaths(page).length === 0,
    );
    expect(unsourced.map((page) => page.file)).toEqual([]);
    expect(sourceProblems(pages, workspace.raw)).toEqual([]);
  });

  it("calls no model for a renamed source", async () => {
    renameSync(path.join(workspace.raw, "gpu.mdx"), path.join(workspace.raw, "hardware.mdx"));
    const { built } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 renamed \(gpu\.mdx to hardware\.mdx\)/);
    expect(built.figures.llm.calls).toBe(0);
    expect(citing("gpu.mdx")).toEqual([]);
    expect(citing("hardware.mdx").length).toBeGreaterThan(1);
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });

  it("calls no model for a source moved to a folder", async () => {
    mkdirSync(path.join(workspace.raw, "guides"));
    renameSync(path.join(workspace.raw, "faq.mdx"), path.join(workspace.raw, "guides", "faq.mdx"));
    const { built, changed } = await rebuild();
    expect(built.stderr).toMatch(/sources: 1 renamed \(faq\.mdx to guides\/faq\.mdx\)/);
    expect(built.figures.llm.calls).toBe(0);
    expect(changed).toContain("sources/guides/faq.md");
    expect(changed).toContain("sources/faq.md");
    expect(citing("faq.mdx")).toEqual([]);
    expect(sourceProblems(readWiki(workspace.wiki), workspace.raw)).toEqual([]);
  });
});

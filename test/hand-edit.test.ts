/**
 * Pages edited by hand and files the user adds to the output folder. An edited page is kept and
 * reported until a build with `--force`, and a file that no build wrote is never touched.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWiki,
  copyCorpus,
  offline,
  removeWorkspace,
  type Workspace,
} from "./incremental-support.js";
import { readWiki } from "./support/tree.js";

let workspace: Workspace;
let edited: string;
const notes = "\nMy own notes about this page.\n";
const userFiles: Record<string, string> = {
  "notes/mine.md": "# My notes\n",
  "README.txt": "Files of my own.\n",
  "sources/sandbox.md": "# A note of mine where a source page would go\n",
};

const wikiFile = (file: string) => path.join(workspace.wiki, file);
const read = (file: string) => readFileSync(wikiFile(file), "utf8");

beforeAll(async () => {
  workspace = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx", "docker.mdx"]);
  expect((await buildWiki(workspace, offline)).code).toBe(0);
  const page = readWiki(workspace.wiki).find(
    (candidate) =>
      candidate.file.startsWith("entities/") &&
      JSON.stringify(candidate.frontmatter.sources).includes('"import.mdx"'),
  );
  edited = page!.file;
  appendFileSync(wikiFile(edited), notes);
  for (const [file, text] of Object.entries(userFiles)) {
    mkdirSync(path.dirname(wikiFile(file)), { recursive: true });
    writeFileSync(wikiFile(file), text);
  }
});

afterAll(() => {
  if (workspace) removeWorkspace(workspace);
});

function expectUserFilesUntouched(): void {
  for (const [file, text] of Object.entries(userFiles)) expect(read(file), file).toBe(text);
}

describe("pages edited by hand", () => {
  it("keeps and reports an edited page when its source changes", async () => {
    appendFileSync(
      path.join(workspace.raw, "import.mdx"),
      "\nImported models keep their license.\n",
    );
    writeFileSync(
      path.join(workspace.raw, "sandbox.md"),
      "# Sandbox\n\nSandbox mode runs models in a separate process.\n",
    );
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(read(edited).endsWith(notes)).toBe(true);
    expect(built.stderr).toMatch(
      new RegExp(`warning: .*${edited}: was edited by hand.*\\[page-kept\\]`),
    );
    expect(built.stderr).toMatch(/sources\/sandbox\.md: was not written by a build/);
    expectUserFilesUntouched();
  });

  it("reports the edited page again on the next build", async () => {
    const built = await buildWiki(workspace, offline);
    expect(built.figures.written).toBe(0);
    expect(built.figures.problems.map((problem) => problem.file)).toContain(edited);
    expect(read(edited).endsWith(notes)).toBe(true);
  });

  it("stops after the scan when only kept pages differ", async () => {
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/inputs unchanged; 1 page edited by hand kept/);
    expect(built.stderr).not.toMatch(/^parse /m);
    expect(built.figures.problems.map((problem) => problem.file)).toContain(edited);
  });

  it("builds again once a kept page changes once more", async () => {
    appendFileSync(wikiFile(edited), "More notes.\n");
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/^parse /m);
    expect(read(edited).endsWith("More notes.\n")).toBe(true);
  });

  it("keeps an edited log and an edited page whose source is gone", async () => {
    appendFileSync(wikiFile("log.md"), notes);
    const dockerPage = "sources/docker.md";
    appendFileSync(wikiFile(dockerPage), notes);
    rmSync(path.join(workspace.raw, "docker.mdx"));
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(read(dockerPage).endsWith(notes)).toBe(true);
    expect(read("log.md").endsWith(notes)).toBe(true);
    const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
    expect(kept.map((problem) => problem.file)).toEqual(
      expect.arrayContaining([dockerPage, "log.md", edited]),
    );
    const manifest = JSON.parse(read(".wiki-manifest.json")) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain(dockerPage);
    expect(Object.keys(manifest.files)).not.toContain("sources/sandbox.md");
    expectUserFilesUntouched();
  });

  it("replaces edited pages with --force but never the user's files", async () => {
    const built = await buildWiki(workspace, [...offline, "--force"]);
    expect(built.code).toBe(0);
    expect(read(edited).includes(notes)).toBe(false);
    // The log keeps its history, notes included, under a new entry; it is no longer reported.
    expect(read("log.md")).toMatch(/^---\ntitle: Build log\ntype: log\n---\n\n# Build log\n\n## /);
    expect(built.figures.problems.filter((problem) => problem.file === "log.md")).toEqual([]);
    expect(built.figures.changedFiles).toContain("sources/docker.md");
    expect(() => read("sources/docker.md")).toThrow();
    expectUserFilesUntouched();
    const again = await buildWiki(workspace, offline);
    expect(again.figures.written).toBe(0);
    expect(again.stderr).toMatch(/inputs and output unchanged since the last build/);
  });
});

/**
 * No-change builds with the stat cache (`.wiki-cache/stats.json`). A touch is no change, the
 * cache never lands in the output folder, and a deleted cache only costs a rehash. Edits that
 * keep a file's size and mtime are still found, in a source and in a generated page.
 */
import {
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWiki,
  copyCorpus,
  offline,
  removeWorkspace,
  type Workspace,
} from "./incremental-support.js";

let workspace: Workspace;
const statsFile = () => path.join(workspace.cache, "stats.json");
const unchanged = /inputs and output unchanged since the last build/;

/** A whole second an hour ago: a time that `utimes` sets exactly, unlike most times in ns. */
const wholeSecond = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);

/**
 * Replaces the first `from` in a file with `to` of the same length and puts back the mtime of
 * `wholeSecond`, so only the content and the ctime change.
 */
function editInPlace(file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const before = statSync(file, { bigint: true });
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, wholeSecond, wholeSecond);
  const after = statSync(file, { bigint: true });
  expect(after.size).toBe(before.size);
  expect(after.mtimeNs).toBe(before.mtimeNs);
}

/** Sets the mtime of a file to `wholeSecond`, then lets a build record it in the stat cache. */
async function recordAtWholeSecond(file: string): Promise<void> {
  utimesSync(file, wholeSecond, wholeSecond);
  const built = await buildWiki(workspace, offline);
  expect(built.stderr).toMatch(unchanged);
  const data = JSON.parse(readFileSync(statsFile(), "utf8")) as {
    files: Record<string, string[]>;
  };
  const key = path.relative(workspace.root, file).split(path.sep).join("/");
  expect(data.files[key]?.[1]).toBe(String(BigInt(wholeSecond.getTime()) * 1_000_000n));
}

beforeAll(async () => {
  workspace = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx", "docker.mdx"]);
  expect((await buildWiki(workspace, offline)).code).toBe(0);
});

afterAll(() => {
  if (workspace) removeWorkspace(workspace);
});

describe("no-change builds with the stat cache", () => {
  it("records sources and pages in the cache folder", () => {
    const data = JSON.parse(readFileSync(statsFile(), "utf8")) as {
      files: Record<string, string[]>;
    };
    const files = Object.keys(data.files);
    expect(files).toContain("raw/import.mdx");
    expect(files).toContain("wiki/index.md");
    expect(readdirSync(workspace.wiki)).not.toContain("stats.json");
    expect(readdirSync(workspace.cache)).not.toContain("stats-stamp");
  });

  it("treats a touched source as unchanged", async () => {
    const now = new Date();
    utimesSync(path.join(workspace.raw, "linux.mdx"), now, now);
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(unchanged);
    expect(built.figures.written).toBe(0);
  });

  it("rehashes everything after the cache is deleted", async () => {
    rmSync(statsFile());
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(unchanged);
    expect(built.figures.written).toBe(0);
    expect(existsSync(statsFile())).toBe(true);
  });

  it("rehashes everything after the cache is corrupted", async () => {
    writeFileSync(statsFile(), '{"version":1,"files":{"raw/import.mdx":');
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(unchanged);
    expect(built.figures.written).toBe(0);
  });

  it("finds a same-size edit of a source", async () => {
    const source = path.join(workspace.raw, "import.mdx");
    await recordAtWholeSecond(source);
    editInPlace(source, "model", "MODEL");
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/sources: 1 edited \(import\.mdx\)/);
  });

  it("finds a same-size edit of a generated page", async () => {
    const page = path.join(workspace.wiki, "sources", "docker.md");
    await recordAtWholeSecond(page);
    editInPlace(page, "Docker", "DOCKER");
    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/output files: 1 edited or deleted \(sources\/docker\.md\)/);
    const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
    expect(kept.map((problem) => problem.file)).toEqual(["sources/docker.md"]);
    expect(readFileSync(page, "utf8")).toContain("DOCKER");
  });

  it("finds an appended edit of a generated page", async () => {
    const page = path.join(workspace.wiki, "sources", "linux.md");
    writeFileSync(page, `${readFileSync(page, "utf8")}\nMy notes.\n`);
    const built = await buildWiki(workspace, offline);
    expect(built.stderr).toMatch(
      /output files: 2 edited or deleted \(sources\/docker\.md, sources\/linux\.md\)/,
    );
    const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
    expect(kept.map((problem) => problem.file).sort()).toEqual([
      "sources/docker.md",
      "sources/linux.md",
    ]);
  });
});

/**
 * The staging folder that a build killed before its journal leaves behind: the next build removes
 * it before anything else, even when it then stops after the scan and stages nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recoverOutput, stageDirOf } from "../packages/compiler/src/output/commit.js";
import { buildWiki, copyCorpus, offline, removeWorkspace } from "./incremental-support.js";

/** Creates an output folder with one page and a cache folder with a full staging folder. */
function killedBeforeJournal(): { outDir: string; cacheDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-stage-"));
  const outDir = path.join(root, "wiki");
  const cacheDir = path.join(root, ".wiki-cache");
  mkdirSync(outDir);
  writeFileSync(path.join(outDir, "index.md"), "# Index\n");
  mkdirSync(stageDirOf(cacheDir), { recursive: true });
  for (const index of [0, 1, 2]) {
    writeFileSync(path.join(stageDirOf(cacheDir), String(index)), `staged ${index}\n`);
  }
  return { outDir, cacheDir };
}

describe("staging folder left without a journal", () => {
  it("is removed before the output is recovered", async () => {
    const { outDir, cacheDir } = killedBeforeJournal();

    expect(await recoverOutput(outDir, cacheDir)).toBe(false);
    expect(existsSync(stageDirOf(cacheDir))).toBe(false);
    expect(readFileSync(path.join(outDir, "index.md"), "utf8")).toBe("# Index\n");
  });

  it("is removed by a build that stops after the scan", async () => {
    const workspace = copyCorpus("ollama-docs", ["import.mdx"]);
    try {
      expect((await buildWiki(workspace, offline)).code).toBe(0);
      const stageDir = stageDirOf(workspace.cache);
      mkdirSync(stageDir);
      writeFileSync(path.join(stageDir, "0"), "staged by a killed build\n");
      const built = await buildWiki(workspace, offline);

      expect(built.code).toBe(0);
      expect(built.stderr).toMatch(/inputs and output unchanged/);
      expect(existsSync(stageDir)).toBe(false);
    } finally {
      removeWorkspace(workspace);
    }
  });
});

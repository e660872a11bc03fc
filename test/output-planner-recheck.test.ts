/**
 * Files of the output folder that a person changes while a build runs, after the planner compared
 * them and staged their new content. The plan keeps them as the person left them, and the staging
 * folder still contains the content of each remaining write under its index.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256, type Manifest } from "../packages/compiler/src/output/manifest.js";
import { OutputPlanner } from "../packages/compiler/src/output/plan.js";

const pages = ["a.md", "b.md", "c.md", "d.md"];

/** Creates an output folder with four pages a build wrote, and names a staging folder. */
function outputFolder(): { outDir: string; stageDir: string; manifest: Manifest } {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-recheck-"));
  const outDir = path.join(root, "wiki");
  mkdirSync(outDir);
  const files: Record<string, string> = {};
  for (const page of pages) {
    writeFileSync(path.join(outDir, page), `old ${page}\n`);
    files[page] = sha256(`old ${page}\n`);
  }
  return { outDir, stageDir: path.join(root, "stage"), manifest: { version: 1, files } };
}

/** Returns each planned write with the content staged for it. */
function stagedWrites(stageDir: string, writes: string[]): Record<string, string> {
  return Object.fromEntries(
    writes.map((file, index) => [file, readFileSync(path.join(stageDir, String(index)), "utf8")]),
  );
}

async function planAll(planner: OutputPlanner, files: string[]): Promise<void> {
  for (const file of files) await planner.add(file, `new ${file}\n`);
}

describe("output planner with files changed during a build", () => {
  it("keeps pages edited after they were staged", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planAll(planner, pages);
    writeFileSync(path.join(outDir, "a.md"), "old a.md\nMy notes.\n");
    writeFileSync(path.join(outDir, "d.md"), "old d.md\nMy notes.\n");
    const plan = await planner.finish();

    expect([...plan.writes].sort()).toEqual(["b.md", "c.md"]);
    expect(plan.kept.map((problem) => problem.file).sort()).toEqual(["a.md", "d.md"]);
    expect(plan.foreign).toEqual([]);
    expect(stagedWrites(stageDir, plan.writes)).toEqual({
      "b.md": "new b.md\n",
      "c.md": "new c.md\n",
    });
    expect(readdirSync(stageDir).sort()).toEqual(["0", "1"]);
  });

  it("keeps a file the user created where a new page goes", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planAll(planner, ["new.md", "b.md"]);
    writeFileSync(path.join(outDir, "new.md"), "My own page.\n");
    const plan = await planner.finish();

    expect(plan.writes).toEqual(["b.md"]);
    expect(plan.kept.map((problem) => problem.file)).toEqual(["new.md"]);
    expect(plan.foreign).toEqual(["new.md"]);
    expect(stagedWrites(stageDir, plan.writes)).toEqual({ "b.md": "new b.md\n" });
  });

  it("replaces pages edited during the build with --force", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, true, stageDir);
    await planAll(planner, pages);
    writeFileSync(path.join(outDir, "a.md"), "old a.md\nMy notes.\n");
    const plan = await planner.finish();

    expect(plan.writes).toEqual(pages);
    expect(plan.kept).toEqual([]);
  });

  it("writes a page deleted during the build", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planAll(planner, ["a.md", "b.md"]);
    rmSync(path.join(outDir, "a.md"));
    const plan = await planner.finish();

    expect(plan.writes).toEqual(["a.md", "b.md"]);
    expect(plan.kept).toEqual([]);
  });
});

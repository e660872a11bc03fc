/**
 * The output planner: each file is compared with the output folder as the build produces it, and
 * only new contents are staged, so a build never keeps its whole output in memory.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256, type Manifest } from "../packages/compiler/src/output/manifest.js";
import { OutputPlanner } from "../packages/compiler/src/output/plan.js";

/** Creates an output folder with two pages a build wrote, and names a staging folder. */
function outputFolder(): { outDir: string; stageDir: string; manifest: Manifest } {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-planner-"));
  const outDir = path.join(root, "wiki");
  mkdirSync(outDir);
  writeFileSync(path.join(outDir, "index.md"), "# Index\n");
  writeFileSync(path.join(outDir, "old.md"), "# Old\n");
  const files = { "index.md": sha256("# Index\n"), "old.md": sha256("# Old\n") };
  return { outDir, stageDir: path.join(root, "stage"), manifest: { version: 1, files } };
}

describe("output planner", () => {
  it("stages only changed files", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planner.add("index.md", "# Index\n");
    await planner.add("entities/a.md", "# A\n");
    const plan = await planner.finish();

    expect(plan.writes).toEqual(["entities/a.md"]);
    expect(plan.unchanged).toBe(1);
    expect(plan.deletes).toEqual(["old.md"]);
    expect(readdirSync(stageDir)).toEqual(["0"]);
    expect(readFileSync(path.join(stageDir, "0"), "utf8")).toBe("# A\n");
  });

  it("lists the hash of every produced file", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planner.add("index.md", "# Index\n");
    await planner.add("entities/a.md", "# A\n");
    planner.keep("log.md", "# Log\n");
    const plan = await planner.finish();

    expect([...plan.produced.keys()]).toEqual(["index.md", "entities/a.md", "log.md"]);
    expect(plan.produced.get("entities/a.md")).toBe(sha256("# A\n"));
    expect(plan.writes).not.toContain("log.md");
  });

  it("writes nothing without a staging folder", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    const planner = new OutputPlanner(outDir, manifest, false, undefined);
    await planner.add("entities/a.md", "# A\n");
    const plan = await planner.finish();

    expect(plan.writes).toEqual(["entities/a.md"]);
    expect(() => readdirSync(stageDir)).toThrow();
  });

  it("empties a staging folder left by a killed build", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    mkdirSync(stageDir);
    writeFileSync(path.join(stageDir, "0"), "stale");
    writeFileSync(path.join(stageDir, "7"), "stale");
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planner.add("entities/a.md", "# A\n");

    expect(readdirSync(stageDir)).toEqual(["0"]);
    expect(readFileSync(path.join(stageDir, "0"), "utf8")).toBe("# A\n");
  });

  it("keeps a page edited by hand", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    writeFileSync(path.join(outDir, "index.md"), "# Index\n\nMy notes.\n");
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await planner.add("index.md", "# Index, rebuilt\n");
    const plan = await planner.finish();

    expect(plan.writes).toEqual([]);
    expect(plan.kept.map((problem) => problem.file)).toEqual(["index.md"]);
  });

  it("records overlapping calls in order", async () => {
    const { outDir, stageDir, manifest } = outputFolder();
    // Pages in deeper folders take more checks, so their reads end later than the next page's.
    const files = Array.from({ length: 40 }, (_, index) =>
      index % 2 ? `entities/e${index}.md` : `a/b/c/d/page${index}.md`,
    );
    const planner = new OutputPlanner(outDir, manifest, false, stageDir);
    await Promise.all([
      ...files.map((file) => planner.add(file, `# ${file}\n`)),
      planner.add("index.md", "# Index\n"),
    ]);
    const plan = await planner.finish();

    expect(plan.writes).toEqual(files);
    expect(plan.unchanged).toBe(1);
    plan.writes.forEach((file, index) => {
      expect(readFileSync(path.join(stageDir, String(index)), "utf8")).toBe(`# ${file}\n`);
    });
  });
});

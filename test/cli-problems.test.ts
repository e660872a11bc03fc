import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Problem } from "../packages/compiler/src/types.js";
import { runWiki } from "./support/cli.js";

/** Creates a workspace whose sources give parse-time and scan-time warnings. */
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), "wiki-problems-"));
  const raw = path.join(root, "raw");
  mkdirSync(raw);
  writeFileSync(path.join(raw, "a.md"), "---\ntitle: [bad\n---\n# A\n\nThe A part is red.\n");
  writeFileSync(path.join(raw, "b.mdx"), "# B\n\nSome text {oops\n");
  writeFileSync(path.join(raw, "c.md"), "# C\n\nThe C part is blue.\n");
  writeFileSync(path.join(raw, "empty.md"), "");
  symlinkSync(path.join(raw, "c.md"), path.join(raw, "link.md"));
  return root;
}

async function buildProblems(root: string): Promise<{ codes: string[]; stderr: string }> {
  const result = await runWiki(["build", root, "--provider", "offline", "--json"]);
  expect(result.code).toBe(0);
  const summary = JSON.parse(result.stdout) as { problems: Problem[] };
  return {
    codes: summary.problems.map((item) => `${item.file}:${item.code}`),
    stderr: result.stderr,
  };
}

describe("build problems", () => {
  it("reports the same problems on a no-change build", async () => {
    const root = workspace();
    const full = await buildProblems(root);
    expect(full.codes).toContain("a.md:frontmatter-invalid");
    expect(full.codes).toContain("b.mdx:mdx-invalid");
    expect(full.codes).toContain("empty.md:source-empty");
    expect(full.codes).toContain("link.md:source-link");
    expect(full.stderr).toMatch(/a\.md:2: frontmatter is not valid YAML: [A-Z][^;(]+; the file/);

    const again = await buildProblems(root);
    expect(again.stderr).toContain("nothing changed");
    expect(again.codes).toEqual(full.codes);
    expect(again.stderr).toContain("4 warnings");
  });

  it("rebuilds when the problems record is missing", async () => {
    const root = workspace();
    const full = await buildProblems(root);
    rmSync(path.join(root, ".wiki-cache", "problems.json"));
    const again = await buildProblems(root);
    expect(again.stderr).toContain("rebuilding to find its problems");
    expect(again.codes).toEqual(full.codes);
  });

  it("counts scan warnings apart from unreadable files", async () => {
    const root = workspace();
    const { stderr } = await buildProblems(root);
    expect(stderr).toMatch(
      /scan\s+3 sources, 1 other file skipped \(link.md\), 0 unreadable, 2 warnings/,
    );
  });
});

describe("doctor sources", () => {
  it("warns about an empty file and a link", async () => {
    const root = workspace();
    const result = await runWiki(["doctor", root, "--provider", "offline"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("warn  sources: 3 readable under raw/");
    expect(result.stdout).toContain("2 warnings");
    expect(result.stdout).not.toContain("unreadable");
    expect(result.stdout).toContain("0 failed, 1 warning, 1 skipped");
  });
});

describe("markdown extension and skipped files", () => {
  it("reads a .markdown file by default", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-markdown-"));
    mkdirSync(path.join(root, "raw"));
    writeFileSync(path.join(root, "raw", "notes.markdown"), "# Notes\n\nThe notes are green.\n");
    const result = await runWiki(["build", root, "--provider", "offline", "--json"]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { sources: number; skipped: number };
    expect(summary.sources).toBe(1);
    expect(summary.skipped).toBe(0);
  });

  it("names the skipped files", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-skipped-"));
    mkdirSync(path.join(root, "raw"));
    writeFileSync(path.join(root, "raw", "guide.md"), "# Guide\n\nThe guide is short.\n");
    for (let index = 0; index < 25; index++) {
      writeFileSync(path.join(root, "raw", `image-${String(index).padStart(2, "0")}.png`), "x");
    }
    const result = await runWiki(["build", root, "--provider", "offline", "--json"]);
    const summary = JSON.parse(result.stdout) as { skipped: number; skippedFiles: string[] };
    expect(summary.skipped).toBe(25);
    expect(summary.skippedFiles).toHaveLength(20);
    expect(summary.skippedFiles[0]).toBe("image-00.png");
    expect(result.stderr).toContain(
      "25 other files skipped (image-00.png, image-01.png, image-02.png and 22 more)",
    );
  });
});

describe("counts in messages", () => {
  it("uses the singular for one", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-counts-"));
    mkdirSync(path.join(root, "raw"));
    writeFileSync(path.join(root, "raw", "guide.md"), "# Guide\n\nThe guide is short.\n");
    writeFileSync(path.join(root, "raw", "empty.md"), "");
    const build = await runWiki(["build", root, "--provider", "offline"]);
    expect(build.stderr).toMatch(
      /scan\s+1 source, 0 other files skipped, 0 unreadable, 1 warning /,
    );
    expect(build.stderr).toContain("0 sources cut into several");
    expect(build.stderr).toMatch(/\b1 warning in /);
    expect(build.stderr).not.toMatch(/\b1 (sources|contradictions|warnings|pages|chunks)\b/);

    const doctor = await runWiki(["doctor", root, "--provider", "offline"]);
    expect(doctor.stdout).toContain("1 warning, 1 skipped");
  });
});

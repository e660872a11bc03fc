/**
 * A file of the user's where `log.md` goes: a folder, a symbolic link or a file that no build
 * wrote. The build keeps it as it is and reports it, like any other page it would replace.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildWiki,
  copyCorpus,
  offline,
  removeWorkspace,
  type Workspace,
} from "./incremental-support.js";

const workspaces: Workspace[] = [];

afterEach(() => {
  for (const workspace of workspaces.splice(0)) removeWorkspace(workspace);
});

/** Creates a workspace of two sources whose output folder has only `log.md`, made by `makeLog`. */
function workspaceWithLog(makeLog: (logPath: string, parent: string) => void): Workspace {
  const workspace = copyCorpus("ollama-docs", ["import.mdx", "docker.mdx"]);
  workspaces.push(workspace);
  mkdirSync(workspace.wiki, { recursive: true });
  makeLog(path.join(workspace.wiki, "log.md"), workspace.parent);
  return workspace;
}

function manifestFiles(workspace: Workspace): string[] {
  const text = readFileSync(path.join(workspace.wiki, ".wiki-manifest.json"), "utf8");
  return Object.keys((JSON.parse(text) as { files: Record<string, string> }).files);
}

async function expectLogKept(workspace: Workspace): Promise<void> {
  const built = await buildWiki(workspace, offline);
  expect(built.stderr).not.toMatch(/build stopped/);
  expect(built.code).toBe(0);
  const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
  expect(kept.map((problem) => problem.file)).toEqual(["log.md"]);
  expect(built.figures.changedFiles).not.toContain("log.md");
  expect(existsSync(path.join(workspace.wiki, "index.md"))).toBe(true);
  expect(manifestFiles(workspace)).not.toContain("log.md");
  expect(existsSync(path.join(workspace.cache, "journal.json"))).toBe(false);
}

describe("a file of the user's at log.md", () => {
  it("keeps a folder named log.md", async () => {
    const workspace = workspaceWithLog((log) => {
      mkdirSync(log);
      writeFileSync(path.join(log, "mine.txt"), "mine\n");
    });
    await expectLogKept(workspace);
    expect(readdirSync(path.join(workspace.wiki, "log.md"))).toEqual(["mine.txt"]);
  });

  it("keeps a symbolic link named log.md", async () => {
    const workspace = workspaceWithLog((log, parent) => {
      writeFileSync(path.join(parent, "target.md"), "# Elsewhere\n");
      symlinkSync(path.join(parent, "target.md"), log);
    });
    await expectLogKept(workspace);
    expect(readFileSync(path.join(workspace.parent, "target.md"), "utf8")).toBe("# Elsewhere\n");
  });

  it("keeps a log.md that no build wrote, even with --force", async () => {
    const workspace = workspaceWithLog((log) => writeFileSync(log, "My own log\n"));
    await expectLogKept(workspace);
    expect(readFileSync(path.join(workspace.wiki, "log.md"), "utf8")).toBe("My own log\n");

    writeFileSync(path.join(workspace.raw, "extra.md"), "# Extra\n\nThe extra page is new.\n");
    const forced = await buildWiki(workspace, [...offline, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(workspace.wiki, "log.md"), "utf8")).toBe("My own log\n");
    expect(manifestFiles(workspace)).not.toContain("log.md");
  });
});

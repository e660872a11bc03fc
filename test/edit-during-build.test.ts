/**
 * A person who writes into the output folder while a build runs: the build compares each page
 * with the disk when it links it, and writes the output only after the community overviews. A
 * file written in between is kept as the person left it and reported.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  copyCorpus,
  ollamaAt,
  removeWorkspace,
  type Workspace,
} from "./incremental-support.js";

let server: FakeOllama;
/** Called once, at the first overview request of a build, then cleared. */
let atOverview: (() => void) | undefined;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  server = await startFakeOllama({
    faults: (request) => {
      if (request.step === "overview" && atOverview) {
        atOverview();
        atOverview = undefined;
      }
      return undefined;
    },
  });
});

afterAll(async () => {
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

function workspace(): Workspace {
  const created = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx"]);
  workspaces.push(created);
  return created;
}

function manifestFiles(workspace: Workspace): Record<string, string> {
  const text = readFileSync(path.join(workspace.wiki, ".wiki-manifest.json"), "utf8");
  return (JSON.parse(text) as { files: Record<string, string> }).files;
}

describe("output written by a person during a build", () => {
  it("keeps a file created where a new page goes", async () => {
    const ws = workspace();
    const page = path.join(ws.wiki, "sources", "import.md");
    atOverview = () => {
      mkdirSync(path.dirname(page), { recursive: true });
      writeFileSync(page, "# My own page\n");
    };
    const built = await buildWiki(ws, ollamaAt(server.url));

    expect(built.code).toBe(0);
    expect(atOverview).toBeUndefined();
    expect(readFileSync(page, "utf8")).toBe("# My own page\n");
    const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
    expect(kept.map((problem) => problem.file)).toEqual(["sources/import.md"]);
    expect(built.figures.changedFiles).not.toContain("sources/import.md");
    expect(manifestFiles(ws)["sources/import.md"]).toBeUndefined();
  });

  it("keeps a page edited after it was compared", async () => {
    const ws = workspace();
    expect((await buildWiki(ws, ollamaAt(server.url))).code).toBe(0);
    // A new source makes new communities, so the next build requests an overview again.
    writeFileSync(
      path.join(ws.raw, "bakery.md"),
      "# Bakery\n\nThe Bakery opens at 7 AM. The Bakery sells Sourdough and Rye bread.\n",
    );
    appendFileSync(path.join(ws.raw, "import.mdx"), "\nImported models keep their license.\n");
    const page = path.join(ws.wiki, "sources", "import.md");
    const notes = "\nMy notes.\n";
    atOverview = () => appendFileSync(page, notes);
    const built = await buildWiki(ws, ollamaAt(server.url));

    expect(built.code).toBe(0);
    expect(atOverview).toBeUndefined();
    expect(readFileSync(page, "utf8").endsWith(notes)).toBe(true);
    const kept = built.figures.problems.filter((problem) => problem.code === "page-kept");
    expect(kept.map((problem) => problem.file)).toEqual(["sources/import.md"]);
    expect(built.figures.changedFiles).not.toContain("sources/import.md");
  });
});

/**
 * Rebuilds after one schema setting changes, through a loopback model server: each change
 * rewrites the pages it concerns and re-runs only the model steps that read it, taking the
 * other answers from the cache. Also builds the bundled example of each link style.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { runWiki } from "./support/cli.js";
import {
  buildWiki,
  changedFiles,
  copyCorpus,
  removeWorkspace,
  snapshot,
  type Built,
  type Workspace,
} from "./incremental-support.js";

let server: FakeOllama;
let workspace: Workspace;
let cold: Built;
const settings = ["provider: ollama"];

/** Writes wiki.yaml with the settings so far plus `lines`, and builds. */
async function buildWith(...lines: string[]): Promise<Built> {
  settings.push(...lines);
  writeFileSync(path.join(workspace.root, "schema", "wiki.yaml"), `${settings.join("\n")}\n`);
  return buildWiki(workspace, ["--host", server.url]);
}

/** Builds and returns the figures with the output files that changed. */
async function rebuild(change: () => Promise<Built>) {
  const before = snapshot(workspace.wiki);
  const built = await change();
  return { built, changed: changedFiles(before, snapshot(workspace.wiki)) };
}

beforeAll(async () => {
  server = await startFakeOllama();
  workspace = copyCorpus("ollama-docs", ["faq.mdx", "docker.mdx", "import.mdx"]);
  mkdirSync(path.join(workspace.root, "schema", "templates"), { recursive: true });
  cold = await buildWith();
});

afterAll(async () => {
  await server?.close();
  if (workspace) removeWorkspace(workspace);
});

describe("rebuild after a schema change", () => {
  it("builds cold", () => {
    expect(cold.code).toBe(0);
    expect(cold.figures.llm.callsByStep.analyze).toBeGreaterThan(2);
  });

  it("rewrites only the pages of a changed template's type", async () => {
    const template = "# {{title}}\n\n> Entity page.\n\n{{content}}\n\n## Cited\n\n{{sources}}\n";
    const { built, changed } = await rebuild(async () => {
      writeFileSync(path.join(workspace.root, "schema", "templates", "entity.md"), template);
      return buildWiki(workspace, ["--host", server.url]);
    });
    expect(built.code).toBe(0);
    expect(built.figures.llm.calls).toBe(0);
    expect(built.figures.communities).toBe(cold.figures.communities);
    const entities = changed.filter((file) => file.startsWith("entities/"));
    expect(entities.length).toBeGreaterThan(10);
    const others = changed.filter((file) => !file.startsWith("entities/"));
    expect(others).toEqual([".wiki-manifest.json", "log.md"]);
    const page = readFileSync(path.join(workspace.wiki, entities[0]!), "utf8");
    expect(page).toContain("> Entity page.");
  });

  it("moves the pages of a changed folder", async () => {
    const { built, changed } = await rebuild(() =>
      buildWith("layout:", "  folders:", "    concept: ideas"),
    );
    expect(built.code).toBe(0);
    const { callsByStep } = built.figures.llm;
    expect(callsByStep.analyze).toBe(0);
    expect(callsByStep.write).toBe(0);
    expect(callsByStep.confirm).toBe(0);
    // Only a community of more than 40 members may send other members for its overview.
    expect(callsByStep.overview).toBeLessThanOrEqual(1);
    expect(existsSync(path.join(workspace.wiki, "concepts"))).toBe(false);
    expect(changed.some((file) => file.startsWith("ideas/"))).toBe(true);
  });

  it("re-runs only analyze after the entity types change", async () => {
    const { built } = await rebuild(() =>
      buildWith(
        "entityTypes:",
        "  - {name: tool, description: A program or command.}",
        "  - {name: setting, description: An option or environment variable.}",
        "  - {name: concept, kind: concept, description: An idea the sources explain.}",
      ),
    );
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/changed since the last build: settings; prompts: analyze \(/);
    const { callsByStep, retries } = built.figures.llm;
    expect(callsByStep.analyze - retries).toBe(cold.figures.llm.callsByStep.analyze);
    expect(callsByStep.write).toBe(0);
    expect(callsByStep.confirm).toBe(0);
  });

  it("re-runs the steps whose prompts read the language", async () => {
    const { built } = await rebuild(() => buildWith("language: Deutsch"));
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/prompts: analyze, write, overview \(/);
    const { callsByStep, retries } = built.figures.llm;
    expect(callsByStep.analyze - retries).toBe(cold.figures.llm.callsByStep.analyze);
    expect(callsByStep.write).toBeGreaterThanOrEqual(cold.figures.llm.callsByStep.write);
    expect(callsByStep.overview).toBeGreaterThan(0);
    expect(callsByStep.confirm).toBe(0);
  });

  it("drops an excluded source without analyzing the others again", async () => {
    const { built, changed } = await rebuild(() => buildWith("exclude: [docker.mdx]"));
    expect(built.code).toBe(0);
    expect(built.figures.llm.callsByStep.analyze).toBe(0);
    expect(built.figures.llm.callsByStep.write).toBe(0);
    expect(changed).toContain("sources/docker.md");
    expect(existsSync(path.join(workspace.wiki, "sources", "docker.md"))).toBe(false);
    expect(existsSync(path.join(workspace.wiki, "sources", "faq.md"))).toBe(true);
  });
});

describe("bundled examples", () => {
  const pagesOf = (root: string) =>
    [...snapshot(path.join(root, "wiki")).keys()]
      .filter((file) => file.endsWith(".md"))
      .map((file) => readFileSync(path.join(root, "wiki", file), "utf8"));

  const cases: [string, RegExp, RegExp][] = [
    ["team-handbook", /\]\([^)\s]+\.md\)/, /\[\[[^\]]+\]\]/],
    ["baking-notes", /\[\[[^\]]+\]\]/, /\]\([^)\s]+\.md\)/],
  ];

  it.each(cases)("builds %s with its link style", async (name, used, unused) => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), "wiki-example-")), name);
    cpSync(path.resolve("examples", name), root, { recursive: true });
    const built = await runWiki(["build", root, "--provider", "offline"]);
    expect(built.code).toBe(0);
    const pages = pagesOf(root);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.filter((page) => used.test(page)).length).toBeGreaterThan(5);
    expect(pages.filter((page) => unused.test(page))).toEqual([]);
  });
});

/**
 * Rebuilds after a change to the inputs other than the sources: a prompt, the settings, the
 * model, and settings that change only how the build runs. Each re-runs exactly the steps it
 * affects, and the build names what changed.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
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

const files = ["faq.mdx", "docker.mdx", "import.mdx", "linux.mdx", "modelfile.mdx"];

let server: FakeOllama;
let otherServer: FakeOllama;
let workspace: Workspace;
let cold: Built;

beforeAll(async () => {
  const models = [{ name: "llama3.1:8b" }, { name: "qwen3:8b" }];
  server = await startFakeOllama({ models });
  otherServer = await startFakeOllama({ models });
  workspace = copyCorpus("ollama-docs", files);
  cpSync(path.resolve("schema"), path.join(workspace.root, "schema"), { recursive: true });
  cold = await buildWiki(workspace, ollamaAt(server.url));
});

afterAll(async () => {
  await server?.close();
  await otherServer?.close();
  if (workspace) removeWorkspace(workspace);
});

const schemaFile = (name: string) => path.join(workspace.root, "schema", name);

describe("rebuild after an input other than the sources changes", () => {
  it("builds cold", () => {
    expect(cold.code).toBe(0);
    expect(cold.figures.llm.callsByStep.write).toBeGreaterThan(5);
  });

  it("re-runs only write calls after the write prompt changes", async () => {
    appendFileSync(schemaFile("prompts/write.md"), "\nKeep each sentence short.\n");
    const built = await buildWiki(workspace, ollamaAt(server.url));
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/changed since the last build: prompts: write \(/);
    const { callsByStep, retries } = built.figures.llm;
    expect(callsByStep.analyze).toBe(0);
    expect(callsByStep.confirm).toBe(0);
    expect(callsByStep.overview).toBe(0);
    expect(callsByStep.write - retries).toBe(cold.figures.llm.callsByStep.write);
    expect(readFileSync(path.join(workspace.wiki, "log.md"), "utf8")).toMatch(
      /- Prompts changed \(1\): `write`/,
    );
  });

  it("re-runs only analyze calls after the analyze prompt changes", async () => {
    appendFileSync(schemaFile("prompts/analyze.md"), "\nList every setting you find.\n");
    const built = await buildWiki(workspace, ollamaAt(server.url));
    expect(built.stderr).toMatch(/changed since the last build: prompts: analyze \(/);
    const { callsByStep, retries } = built.figures.llm;
    expect(callsByStep.analyze - retries).toBe(cold.figures.llm.callsByStep.analyze);
    expect(callsByStep.write).toBe(0);
    expect(callsByStep.overview).toBe(0);
  });

  it("calls no model after a setting of the pages changes", async () => {
    const yaml = schemaFile("wiki.yaml");
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8").replace("linkStyle: markdown", "linkStyle: wikilink"),
    );
    const before = snapshot(workspace.wiki);
    const built = await buildWiki(workspace, ollamaAt(server.url));
    expect(built.stderr).toMatch(/changed since the last build: settings \(/);
    expect(built.figures.llm.calls).toBe(0);
    expect(changedFiles(before, snapshot(workspace.wiki)).length).toBeGreaterThan(10);
  });

  it("changes nothing when only the host or concurrency changes", async () => {
    const before = snapshot(workspace.wiki);
    const args = [...ollamaAt(otherServer.url), "--concurrency", "3"];
    const built = await buildWiki(workspace, args);
    expect(built.stderr).toMatch(/inputs and output unchanged since the last build/);
    expect(built.figures.llm.calls).toBe(0);
    expect(changedFiles(before, snapshot(workspace.wiki))).toEqual([]);
  });

  it("re-runs every step after the model changes", async () => {
    const built = await buildWiki(workspace, [...ollamaAt(server.url), "--model", "qwen3:8b"]);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/provider or model: ollama llama3\.1:8b .* to ollama qwen3:8b /);
    const { callsByStep, retries } = built.figures.llm;
    expect(callsByStep.analyze - retries).toBe(cold.figures.llm.callsByStep.analyze);
    expect(callsByStep.write).toBeGreaterThanOrEqual(cold.figures.llm.callsByStep.write);
    expect(callsByStep.overview).toBeGreaterThan(0);
  });
});

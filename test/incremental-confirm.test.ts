/**
 * The confirm step across rebuilds of the ollama-faq-history corpus, whose sources contradict
 * each other: a renamed source and lines moved by an edit above the claims keep their verdicts.
 */
import { readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  copyCorpus,
  ollamaAt,
  removeWorkspace,
  type Built,
  type Workspace,
} from "./incremental-support.js";
import { insertLines } from "./incremental-text.js";

let server: FakeOllama;
let workspace: Workspace;
let cold: Built;

beforeAll(async () => {
  server = await startFakeOllama();
  workspace = copyCorpus("ollama-faq-history");
  cold = await buildWiki(workspace, ollamaAt(server.url));
});

afterAll(async () => {
  await server?.close();
  if (workspace) removeWorkspace(workspace);
});

const contradictions = () => readFileSync(path.join(workspace.wiki, "contradictions.md"), "utf8");

describe("confirm calls across rebuilds", () => {
  it("confirms contradictions in a cold build", () => {
    expect(cold.code).toBe(0);
    expect(cold.figures.llm.callsByStep.confirm).toBeGreaterThan(0);
    expect(contradictions()).toMatch(/faq-2025-08\.md/);
  });

  it("calls no model for a renamed source", async () => {
    const raw = workspace.raw;
    renameSync(path.join(raw, "faq-2025-08.md"), path.join(raw, "faq-2025-august.md"));
    const built = await buildWiki(workspace, ollamaAt(server.url));
    expect(built.code).toBe(0);
    expect(built.figures.llm.calls).toBe(0);
    expect(contradictions()).toMatch(/faq-2025-august\.md/);
    expect(contradictions()).not.toMatch(/faq-2025-08\.md/);
  });

  it("confirms nothing again after lines move", async () => {
    insertLines(path.join(workspace.raw, "faq-2024-09.md"), 2, [
      "",
      "This page answers the questions asked most often.",
    ]);
    const built = await buildWiki(workspace, ollamaAt(server.url));
    expect(built.code).toBe(0);
    expect(built.figures.llm.callsByStep.confirm).toBe(0);
    expect(built.figures.llm.callsByStep.analyze).toBeLessThanOrEqual(
      2 + built.figures.llm.retries,
    );
  });
});

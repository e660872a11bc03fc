/** The summary line a build prints on stderr. */
import { describe, expect, it } from "vitest";
import type { BuildSummary } from "@wiki/compiler";
import { summaryLine } from "../packages/cli/src/report.js";

function summaryWith(llm: Partial<BuildSummary["llm"]>): BuildSummary {
  return {
    sources: 2,
    skipped: 0,
    skippedFiles: [],
    chunks: 3,
    chunkedSources: 1,
    pages: 5,
    communities: 1,
    modularity: 0,
    singletonShare: 0,
    contradictions: 0,
    llm: {
      calls: 6,
      promptTokens: 0,
      completionTokens: 0,
      cacheHits: 0,
      retries: 0,
      splits: 0,
      callsByStep: { analyze: 3, write: 3, confirm: 0, overview: 0 },
      ...llm,
    },
    written: 5,
    deleted: 0,
    changedFiles: [],
    sourceHashes: {},
    durationMs: 1200,
    provider: "ollama",
    model: "llama3.1:8b",
    problems: [],
    failed: false,
  };
}

describe("build summary line", () => {
  it("counts model calls and cached answers", () => {
    const line = summaryLine(summaryWith({}), "wiki", false);
    expect(line).toContain(
      ": 5 files written, 0 deleted, 6 model calls, 0 cached answers in 1.2 s",
    );
  });

  it("names retries and split chunks", () => {
    const line = summaryLine(summaryWith({ calls: 9, retries: 2, splits: 1 }), "wiki", false);
    expect(line).toContain("9 model calls (2 retries, 1 chunk split), 0 cached answers");
  });

  it("names a single retry", () => {
    const line = summaryLine(summaryWith({ calls: 7, retries: 1 }), "wiki", false);
    expect(line).toContain("7 model calls (1 retry, 0 chunks split)");
  });

  it("names the errors beside a passed check", () => {
    const unreadable = {
      code: "source-binary",
      file: "photo.md",
      line: 1,
      message: "file contains a NUL byte",
      severity: "error" as const,
    };
    const summary = { ...summaryWith({}), written: 0, problems: [unreadable], failed: true };
    const line = summaryLine(summary, "wiki", true);
    expect(line).toMatch(/^check passed: wiki is what a build makes \(1\.2 s\), 1 error$/);
  });
});

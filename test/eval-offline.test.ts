import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt } from "./eval/build.js";
import type { EvalResult } from "./eval/report.js";
import { corpusNames, evaluate, loadCorpusKey } from "./eval/run.js";
import type { WikiScore } from "./eval/score.js";
import { contradictionCorpora, targets } from "./eval/targets.js";

const buildTimeoutMs = 15 * 60_000;

describe.each(corpusNames)("offline build of %s", (name) => {
  let result: EvalResult;
  let score: WikiScore;
  beforeAll(async () => {
    await assertCliBuilt();
    result = await evaluate(await loadCorpusKey(name), "offline", { timeoutMs: buildTimeoutMs });
    if (!result.score) throw new Error(`${name} was not scored: ${result.error}`);
    score = result.score;
  }, buildTimeoutMs + 60_000);

  it("gives each key entity one page", () => {
    const duplicates = score.entities.duplicates.map(
      (item) => `${item.entity}: ${item.pages.join(" + ")}`,
    );
    expect(duplicates).toEqual([]);
  });

  it("keeps must-stay-apart pairs apart", () => {
    const merges = score.entities.wrongMerges.map((item) => `${item.pair.join("/")}: ${item.page}`);
    expect(merges).toEqual([]);
  });

  it("has pages for most key entities", () => {
    const missing = `missing: ${score.entities.missing.join(", ")}`;
    expect(score.entities.recall, missing).toBeGreaterThanOrEqual(targets.recall);
  });

  it("cites lines that support each statement", () => {
    const failures = score.citations.failures
      .slice(0, 5)
      .map((item) => `${item.page} -> ${item.citation.source} (${item.reason}): ${item.statement}`);
    expect(score.citations.rate, failures.join("\n")).toBeGreaterThanOrEqual(
      targets.citationSupport,
    );
  });

  it.runIf(contradictionCorpora.has(name))("finds every known contradiction", () => {
    expect(score.contradictions.missed).toEqual([]);
  });

  it.runIf(contradictionCorpora.has(name))("reports no false contradiction", () => {
    const reports = score.contradictions.falseReports.map(
      (item) => item.nonContradiction ?? item.title,
    );
    expect(reports).toEqual([]);
  });
});

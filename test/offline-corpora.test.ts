import { beforeAll, describe, expect, it } from "vitest";
import { subjectKey } from "../packages/compiler/src/resolve/keys.js";
import { runCorpus, type CorpusRun } from "./offline-corpus.js";

const pronouns = /^(?:it|this|that|they|we|you|i|he|she|there|here)$/i;

function checkAnalyses(run: CorpusRun): void {
  for (const { source, lines, analysis } of run.analyses) {
    const names = new Set(analysis.entities.map((entity) => entity.name));
    const span = lines[1] - lines[0] + 1;
    for (const entity of analysis.entities) {
      expect(entity.name, `${source}: ${entity.name}`).not.toMatch(pronouns);
      expect(entity.name, `${source}: ${entity.name}`).toMatch(/\p{L}/u);
      expect(entity.name.split(/\s+/).length, `${source}: ${entity.name}`).toBeLessThanOrEqual(6);
    }
    for (const claim of analysis.claims) {
      expect(names.has(claim.subject), `${source}: subject ${claim.subject}`).toBe(true);
      expect(claim.lines[0], `${source}: ${claim.statement}`).toBeGreaterThanOrEqual(1);
      expect(claim.lines[1], `${source}: ${claim.statement}`).toBeLessThanOrEqual(span);
    }
  }
}

describe("offline build of a docs site", () => {
  let run: CorpusRun;
  beforeAll(async () => {
    run = await runCorpus("../shared/corpora/ollama-docs");
  });

  it("reports only the context length default", () => {
    const subjects = run.contradictions.map((record) => subjectKey(record.subject));
    expect(subjects).toEqual([subjectKey("context length")]);
  });

  it("cites the page of tiers and the faq", () => {
    const sources = new Set(run.contradictions[0]?.sides.map((side) => side.source));
    expect([...sources].sort()).toEqual(["context-length.mdx", "faq.mdx"]);
  });

  it("names things and places claims inside their chunks", () => {
    expect(run.claims.length).toBeGreaterThan(500);
    checkAnalyses(run);
  });

  it("reads parameter defaults from tables and lists", () => {
    const defaults = run.claims.filter((claim) => claim.attribute === "default");
    const bySubject = new Map(defaults.map((claim) => [claim.subject, claim.value]));
    expect(bySubject.get("temperature")).toBe("0.8");
    expect(bySubject.get("keep_alive")).toBe("`5m`");
  });
});

describe("offline build of prose guides", () => {
  let run: CorpusRun;
  beforeAll(async () => {
    run = await runCorpus("../shared/corpora/opensource-guide");
  });

  it("reports no contradictions", () => {
    expect(run.contradictions).toEqual([]);
  });

  it("names things and places claims inside their chunks", () => {
    expect(run.claims.length).toBeGreaterThan(500);
    checkAnalyses(run);
  });

  it("marks reported views", () => {
    const reported = run.claims.filter((claim) => claim.stance === "reports");
    expect(reported.map((claim) => claim.statement)).toContainEqual(
      expect.stringMatching(/^Some people think/),
    );
  });
});

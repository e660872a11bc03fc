import { describe, expect, it } from "vitest";
import type { Contradiction } from "../packages/compiler/src/types.js";
import { runCorpus } from "./offline-corpus.js";

/** Formats each contradiction as `subject / attribute: source value; source value`. */
function summaries(records: Contradiction[]): string[] {
  return records
    .map((record) => {
      const sides = record.sides.map((side) => `${side.source} ${side.value}`).join("; ");
      return `${record.subject} / ${record.attribute}: ${sides}`;
    })
    .sort();
}

describe("offline build of the bundled examples", () => {
  it("team handbook: approvals and retention", async () => {
    const run = await runCorpus("examples/team-handbook/raw");
    expect(summaries(run.contradictions)).toEqual([
      "Build logs / kept for: on-call.md 90 days; onboarding.md 30 days",
      "deploy / need approval: deploys.md two approvals; onboarding.md one approval",
    ]);
  });

  it("team handbook: approval date condition", async () => {
    const run = await runCorpus("examples/team-handbook/raw");
    const approvals = run.contradictions.find((record) => record.subject === "deploy");
    const sides = approvals?.sides.map((side) => side.conditions) ?? [];
    expect(sides).toEqual([["since January 2026"], []]);
  });

  it("baking notes: default hydration", async () => {
    const run = await runCorpus("examples/baking-notes/raw");
    expect(summaries(run.contradictions)).toEqual([
      "hydration of the dough / default: bread-method.md 75%; hydration-notes.txt 70%",
    ]);
  });
});

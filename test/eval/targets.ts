/**
 * The quality targets of a build with the offline provider, checked in CI by
 * test/eval-offline.test.ts and printed by `npm run eval`.
 */
import type { Key } from "./key.js";
import type { WikiScore } from "./score.js";

export const targets = {
  /** Required key entities with a page, at least. */
  recall: 0.8,
  /** Cited ranges that contain the key terms of their statement, at least. */
  citationSupport: 0.95,
} as const;

/** Corpora whose key contradictions must all be found, with no false report. */
export const contradictionCorpora = new Set(["ollama-faq-history"]);

export interface TargetCheck {
  measure: string;
  expected: string;
  actual: string;
  met: boolean;
}

function share(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(3);
}

/** Checks one offline score against the targets. */
export function checkTargets(key: Key, score: WikiScore): TargetCheck[] {
  const { entities, citations, contradictions } = score;
  const checks: TargetCheck[] = [
    {
      measure: "duplicate pages",
      expected: "0",
      actual: String(entities.duplicates.length),
      met: entities.duplicates.length === 0,
    },
    {
      measure: "wrong merges",
      expected: "0",
      actual: String(entities.wrongMerges.length),
      met: entities.wrongMerges.length === 0,
    },
    {
      measure: "entity recall",
      expected: `>= ${targets.recall}`,
      actual: share(entities.recall),
      met: entities.recall >= targets.recall,
    },
    {
      measure: "citation support",
      expected: `>= ${targets.citationSupport}`,
      actual: share(citations.rate),
      met: citations.rate !== null && citations.rate >= targets.citationSupport,
    },
  ];
  if (contradictionCorpora.has(key.corpus)) {
    checks.push(
      {
        measure: "contradictions found",
        expected: String(key.contradictions.length),
        actual: String(contradictions.found.length),
        met: contradictions.missed.length === 0,
      },
      {
        measure: "false contradictions",
        expected: "0",
        actual: String(contradictions.falseReports.length),
        met: contradictions.falseReports.length === 0,
      },
    );
  }
  return checks;
}

/**
 * The confirmation of a candidate contradiction by rule, which the offline provider uses. Two
 * values disagree unless they read the same. Sources that tie their values to different
 * conditions do not contradict each other. A condition that only one side states does not
 * excuse the disagreement, because the other side then claims its value for every case.
 */
import type { ClaimSide, ContradictionCandidate } from "../provider.js";
import type { Verdict } from "../steps.js";
import { valuesAgree } from "./values.js";

const leadingWords =
  /^(?:(?:for|on|in|with|when|if|under|using|via|through|at|based on|depending on|depends on)\s+)+/;
/** Quantifiers that state the general case rather than a condition: "for most tables". */
const generalCase =
  /^(?:most|many|all|every|any|typical|general|usual|common|standard|normal|default)\b|^(?:usually|typically|generally|normally|by default|in general)$/;

/** Lowercases a condition and drops code marks, a leading preposition and articles. */
export function normalizeCondition(condition: string): string {
  return condition
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[`"“”‘’]/g, "")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/\s+/g, " ")
    .trim()
    .replace(leadingWords, "")
    .replace(/\b(?:the|a|an)\s+/g, "")
    .replace(/[.,;:]+$/, "");
}

/** Conditions that narrow a claim: general quantifiers such as "for most tables" are left out. */
export function specificConditions(conditions: string[]): string[] {
  const normalized = conditions.map(normalizeCondition).filter(Boolean);
  return [...new Set(normalized.filter((condition) => !generalCase.test(condition)))].sort();
}

function sameConditions(left: string[], right: string[]): boolean {
  return left.length === right.length && left.every((condition, i) => condition === right[i]);
}

/** Describes one side: "a.md gives 640 entries (for most tables)". */
export function describeSide(side: ClaimSide): string {
  const conditions = side.conditions.length ? ` (${side.conditions.join("; ")})` : "";
  return `${side.source} gives ${side.value}${conditions}`;
}

export function confirmByRule(candidate: ContradictionCandidate): Verdict {
  const [left, right] = candidate.sides;
  if (valuesAgree(left.value, right.value)) {
    return { verdict: "agreement", reason: `Both sides give ${left.value}.` };
  }
  const leftConditions = specificConditions(left.conditions);
  const rightConditions = specificConditions(right.conditions);
  if (leftConditions.length === 0 && rightConditions.length === 0) {
    return {
      verdict: "contradiction",
      reason: "The values differ and neither states a condition.",
    };
  }
  if (leftConditions.length === 0 || rightConditions.length === 0) {
    const stated = [...left.conditions, ...right.conditions].join("; ");
    return {
      verdict: "contradiction",
      reason: `The values differ and only one side states a condition (${stated}).`,
    };
  }
  if (sameConditions(leftConditions, rightConditions)) {
    return { verdict: "contradiction", reason: "The values differ under the same conditions." };
  }
  return {
    verdict: "different-conditions",
    reason: `${describeSide(left)}, but ${describeSide(right)}.`,
  };
}

/**
 * Contradiction records from candidate groups: the representative pair shown to a provider, and
 * the record of a group from the verdicts on its pairs. A verdict on a pair of value classes
 * applies to every member, so the record lists every claim of the confirmed classes that a claim
 * of another source disagrees with, and the other claims of the sources it lists.
 */
import type { ClaimSide, ContradictionCandidate } from "../provider.js";
import type { Verdict } from "../steps.js";
import type { Contradiction, LineRange, SourcedClaim, SourcePath } from "../types.js";
import { compareCodePoints } from "../scan.js";
import type { CandidateGroup } from "./contradictions.js";
import { assertedValue, hasOtherSource, type ValueClass } from "./value-classes.js";

/**
 * Builds the candidate a provider sees for one pair of a group. `excerpt` returns the raw lines
 * of a source, which a model reads to judge the claims in their context.
 */
export function candidateOf(
  group: CandidateGroup,
  pair: [number, number],
  excerpt: (source: SourcePath, lines: LineRange) => string,
): ContradictionCandidate {
  const side = (claim: SourcedClaim): ClaimSide => ({
    source: claim.source,
    lines: claim.lines,
    statement: claim.statement,
    value: assertedValue(claim),
    conditions: claim.conditions,
    excerpt: excerpt(claim.source, claim.lines),
  });
  const [left, right] = pair;
  return {
    subject: group.subject,
    attribute: group.attribute,
    sides: [side(group.claims[left]!), side(group.claims[right]!)],
  };
}

/**
 * Builds the contradiction record of a group from the verdicts on its pairs (`verdicts[i]` is the
 * verdict on `group.pairs[i]`). Returns undefined when no pair was confirmed.
 */
export function contradictionOf(
  group: CandidateGroup,
  verdicts: Verdict[],
): Contradiction | undefined {
  const confirmed = group.classPairs
    .map((classPair, i) => ({ classPair, verdict: verdicts[i] }))
    .filter(({ verdict }) => verdict?.verdict === "contradiction");
  if (confirmed.length === 0) return undefined;

  const indexes = new Set<number>();
  for (const { classPair } of confirmed) {
    const [left, right] = classPair.map((i) => group.classes[i]!) as [ValueClass, ValueClass];
    addSides(indexes, left, right, group.claims);
    addSides(indexes, right, left, group.claims);
  }
  addSameSourceClaims(indexes, group.claims);
  const sides = [...indexes].sort((a, b) => a - b).map((i) => group.claims[i]!);
  const reasons = confirmed.map(({ verdict }) => verdict?.reason.trim() ?? "").filter(Boolean);
  return {
    subjectKey: group.subjectKey,
    subject: group.subject,
    attribute: group.attribute,
    sides,
    newest: newestSource(sides),
    reason: [summarizeSides(sides), ...new Set(reasons)].slice(0, 3).join(" "),
  };
}

/**
 * Adds the other claims of each source already listed, so a source that gives a value per case
 * shows all of its cases, including one that agrees with another source.
 */
function addSameSourceClaims(indexes: Set<number>, claims: SourcedClaim[]): void {
  const listed = new Set([...indexes].map((i) => claims[i]!.source));
  claims.forEach((claim, i) => {
    if (listed.has(claim.source)) indexes.add(i);
  });
}

/** Adds the members of `own` that a member of `other` from another source disagrees with. */
function addSides(
  indexes: Set<number>,
  own: ValueClass,
  other: ValueClass,
  claims: SourcedClaim[],
): void {
  for (const member of own.members) {
    if (hasOtherSource(other, claims[member]!.source)) indexes.add(member);
  }
}

/** "a.md gives 320 entries; b.md gives 640 entries (for most tables)." */
function summarizeSides(sides: SourcedClaim[]): string {
  const bySource = new Map<string, string[]>();
  for (const side of sides) {
    const conditions = side.conditions.length ? ` (${side.conditions.join("; ")})` : "";
    const values = bySource.get(side.source) ?? [];
    const value = `${assertedValue(side)}${conditions}`;
    if (!values.includes(value)) values.push(value);
    bySource.set(side.source, values);
  }
  const parts = [...bySource].map(([source, values]) => `${source} gives ${values.join(", ")}`);
  return `${parts.join("; ")}.`;
}

/** Returns the source with the latest date when every side gives a date and one is latest. */
export function newestSource(sides: SourcedClaim[]): SourcePath | undefined {
  if (sides.some((side) => !side.sourceDate)) return undefined;
  const latest = [...sides].sort((a, b) => compareCodePoints(b.sourceDate!, a.sourceDate!))[0]!;
  const tied = new Set(
    sides.filter((side) => side.sourceDate === latest.sourceDate).map((side) => side.source),
  );
  return tied.size === 1 ? latest.source : undefined;
}

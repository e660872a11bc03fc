/**
 * Candidate contradictions, paired in code: claims about one subject and attribute whose values
 * disagree, from different sources. A provider then confirms each pair (the offline provider by
 * `confirmByRule`), and the confirmed pairs of a group become one `Contradiction`.
 */
import type { ClaimSide, ContradictionCandidate } from "../provider.js";
import type { Verdict } from "../steps.js";
import type { Contradiction, LineRange, SourcedClaim, SourcePath } from "../types.js";
import { confirmByRule, specificConditions } from "./confirm-rule.js";
import { aliasIdentifiers, attributeKey, subjectKey } from "./keys.js";
import { normalizeValueText, valuesAgree } from "./values.js";

/** Claims about one subject and attribute, with the pairs of them that disagree. */
export interface CandidateGroup {
  /** Folded subject and attribute, e.g. `cache|default`. */
  key: string;
  /** Page key most of the group's claims resolved to. */
  subjectKey: string;
  /** Subject as most of the claims write it. */
  subject: string;
  attribute: string;
  /** The group's claims that give a value, sorted by source path then line. */
  claims: SourcedClaim[];
  /** Index pairs into `claims`: claims of different sources whose values disagree. */
  pairs: [number, number][];
}

/** Returns the value a claim asserts: a negative claim about "enabled" asserts "not enabled". */
export function assertedValue(claim: SourcedClaim): string {
  return claim.polarity === "negative" ? `not ${claim.value}` : claim.value;
}

/** Groups claims by folded subject and attribute and keeps the groups whose values disagree. */
export function findCandidates(claims: SourcedClaim[]): CandidateGroup[] {
  const usable = claims.filter(
    (claim) => claim.attribute.trim() && claim.value.trim() && claim.stance === "asserts",
  );
  const aliases = aliasIdentifiers(usable.map((claim) => claim.subject));
  const foldedKey = (claim: SourcedClaim): string => {
    const subject = subjectKey(claim.subject);
    return `${aliases.get(subject) ?? subject}|${attributeKey(claim.attribute)}`;
  };

  const groups: CandidateGroup[] = [];
  for (const [key, members] of groupClaims(usable, foldedKey)) {
    const sorted = [...members].sort(compareClaims);
    const pairs = disagreeingPairs(sorted);
    if (pairs.length === 0) continue;
    groups.push({
      key,
      subjectKey: mostCommon(sorted.map((claim) => claim.subjectKey)),
      subject: mostCommon(sorted.map((claim) => claim.subject)),
      attribute: mostCommon(sorted.map((claim) => claim.attribute)),
      claims: sorted,
      pairs,
    });
  }
  return groups.sort((left, right) => left.key.localeCompare(right.key));
}

/**
 * Joins claims that share a folded key, and claims whose subjects resolved to one page with
 * the same attribute, so a page's two spellings of a subject still meet.
 */
function groupClaims(
  claims: SourcedClaim[],
  foldedKey: (claim: SourcedClaim) => string,
): Map<string, SourcedClaim[]> {
  const parent = claims.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstByKey = new Map<string, number>();
  claims.forEach((claim, i) => {
    const keys = [foldedKey(claim)];
    if (claim.subjectKey) keys.push(`page:${claim.subjectKey}|${attributeKey(claim.attribute)}`);
    for (const key of keys) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else parent[find(i)] = find(first);
    }
  });

  const groups = new Map<string, SourcedClaim[]>();
  const keyOfRoot = new Map<number, string>();
  claims.forEach((claim, i) => {
    const root = find(i);
    if (!keyOfRoot.has(root)) keyOfRoot.set(root, foldedKey(claims[root]!));
    const key = keyOfRoot.get(root)!;
    groups.set(key, [...(groups.get(key) ?? []), claim]);
  });
  return groups;
}

/** Pairs of claims from different sources whose values disagree, one pair per distinct case. */
function disagreeingPairs(claims: SourcedClaim[]): [number, number][] {
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const left = claims[i]!;
      const right = claims[j]!;
      if (left.source === right.source) continue;
      if (valuesAgree(assertedValue(left), assertedValue(right))) continue;
      const key = [caseKey(left), caseKey(right)].join("\u0000");
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([i, j]);
    }
  }
  return pairs;
}

/** A claim's source, value and conditions: two claims with one case need one confirmation. */
function caseKey(claim: SourcedClaim): string {
  const conditions = specificConditions(claim.conditions).join(";");
  return `${claim.source}|${normalizeValueText(assertedValue(claim))}|${conditions}`;
}

function compareClaims(left: SourcedClaim, right: SourcedClaim): number {
  return left.source.localeCompare(right.source) || left.lines[0] - right.lines[0];
}

/** The most frequent string; ties go to the one that sorts first. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? "";
}

/**
 * The pair of a group as shown to a provider. `excerpt` returns the raw lines of a source,
 * which a model reads to judge the claims in their context.
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
 * The contradiction record of a group from the verdicts on its pairs (`verdicts[i]` is the
 * verdict on `group.pairs[i]`). Returns undefined when no pair was confirmed.
 */
export function contradictionOf(
  group: CandidateGroup,
  verdicts: Verdict[],
): Contradiction | undefined {
  const confirmed = group.pairs.filter((_, i) => verdicts[i]?.verdict === "contradiction");
  if (confirmed.length === 0) return undefined;

  const indexes = [...new Set(confirmed.flat())].sort((a, b) => a - b);
  const sides = indexes.map((i) => group.claims[i]!);
  const reasons = group.pairs
    .map((pair, i) => (confirmed.includes(pair) ? (verdicts[i]?.reason.trim() ?? "") : ""))
    .filter(Boolean);
  return {
    subjectKey: group.subjectKey,
    subject: group.subject,
    attribute: group.attribute,
    sides,
    newest: newestSource(sides),
    reason: [summarizeSides(sides), ...new Set(reasons)].slice(0, 3).join(" "),
  };
}

/** "a.md gives 2048 tokens; b.md gives 4096 tokens (for most models)." */
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

/** The source with the latest date when every side gives a date and one source is latest. */
export function newestSource(sides: SourcedClaim[]): SourcePath | undefined {
  if (sides.some((side) => !side.sourceDate)) return undefined;
  const latest = [...sides].sort((a, b) => b.sourceDate!.localeCompare(a.sourceDate!))[0]!;
  const tied = new Set(
    sides.filter((side) => side.sourceDate === latest.sourceDate).map((side) => side.source),
  );
  return tied.size === 1 ? latest.source : undefined;
}

/** Finds and confirms contradictions by rule alone: the offline build's resolve step. */
export function contradictionsByRule(claims: SourcedClaim[]): Contradiction[] {
  const records: Contradiction[] = [];
  for (const group of findCandidates(claims)) {
    const verdicts = group.pairs.map((pair) => confirmByRule(candidateOf(group, pair, () => "")));
    const record = contradictionOf(group, verdicts);
    if (record) records.push(record);
  }
  return records;
}

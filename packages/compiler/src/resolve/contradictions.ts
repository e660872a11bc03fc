/**
 * Candidate contradictions, paired in code: claims about one subject and attribute whose values
 * disagree, from different sources. Claims are sorted into value classes (`value-classes.ts`)
 * and a provider confirms one representative pair of claims per pair of classes (the offline
 * provider by `confirmByRule`). The confirmed pairs of a group become one `Contradiction`
 * (`contradiction-records.ts`) that lists every claim of the confirmed classes.
 *
 * Grouping is linear in the claims (maps and a union-find), and each group compares at most
 * `maxValueClasses` classes, so the number of candidate pairs grows linearly with the claims.
 */
import { compareCodePoints } from "../scan.js";
import type { Claim } from "../steps.js";
import type { Contradiction, SourcedClaim } from "../types.js";
import { confirmByRule } from "./confirm-rule.js";
import { candidateOf, contradictionOf } from "./contradiction-records.js";
import { aliasIdentifiers, attributeKey, subjectKey } from "./keys.js";
import {
  disagreeingClassPairs,
  limitClasses,
  maxValueClasses,
  valueClasses,
  type ValueClass,
} from "./value-classes.js";

export { assertedValue } from "./value-classes.js";
export { candidateOf, contradictionOf, newestSource } from "./contradiction-records.js";

/** Claims about one subject and attribute, with the pairs of value classes that disagree. */
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
  /** Value classes compared, in the order of their first claim. */
  classes: ValueClass[];
  /** Index pairs into `classes`: classes whose values disagree, with claims of two sources. */
  classPairs: [number, number][];
  /** Index pairs into `claims`: `pairs[i]` is the representative pair of `classPairs[i]`. */
  pairs: [number, number][];
  /** Value classes left out because the group has more than `maxValueClasses`. */
  dropped: { classes: number; claims: number };
}

/** Tells whether a claim can contradict another: it asserts a value of an attribute. */
export function isComparable(claim: Pick<Claim, "attribute" | "value" | "stance">): boolean {
  return claim.attribute.trim() !== "" && claim.value.trim() !== "" && claim.stance === "asserts";
}

/**
 * Groups claims by folded subject and attribute and keeps the groups whose values disagree,
 * and the groups with value classes left out, so a build can report them. Sorted by key.
 */
export function findCandidates(claims: SourcedClaim[]): CandidateGroup[] {
  const usable = claims.filter(isComparable);
  const aliases = aliasIdentifiers(usable.map((claim) => claim.subject));
  const foldedKey = (claim: SourcedClaim): string => {
    const subject = subjectKey(claim.subject);
    return `${aliases.get(subject) ?? subject}|${attributeKey(claim.attribute)}`;
  };

  const groups: CandidateGroup[] = [];
  for (const [key, members] of groupClaims(usable, foldedKey)) {
    const sorted = members.sort(compareClaims);
    if (sorted.every((claim) => claim.source === sorted[0]!.source)) continue;
    const { kept, dropped } = limitClasses(valueClasses(sorted), maxValueClasses);
    const { classPairs, pairs } = disagreeingClassPairs(kept, sorted);
    if (pairs.length === 0 && dropped.length === 0) continue;
    groups.push({
      key,
      subjectKey: mostCommon(sorted.map((claim) => claim.subjectKey)),
      subject: mostCommon(sorted.map((claim) => claim.subject)),
      attribute: mostCommon(sorted.map((claim) => claim.attribute)),
      claims: sorted,
      classes: kept,
      classPairs,
      pairs,
      dropped: {
        classes: dropped.length,
        claims: dropped.reduce((sum, one) => sum + one.members.length, 0),
      },
    });
  }
  return groups.sort((left, right) => compareCodePoints(left.key, right.key));
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
  // Iterative, with path halving, so a long chain of joins cannot overflow the stack.
  const find = (i: number): number => {
    let node = i;
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]!]!;
      node = parent[node]!;
    }
    return node;
  };
  const firstByKey = new Map<string, number>();
  claims.forEach((claim, i) => {
    const keys = [foldedKey(claim)];
    if (claim.subjectKey) keys.push(`page:${claim.subjectKey}|${attributeKey(claim.attribute)}`);
    for (const key of keys) {
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, i);
        continue;
      }
      // The lower index becomes the root, so a set is named by its first claim.
      const [a, b] = [find(i), find(first)];
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  });

  const groups = new Map<string, SourcedClaim[]>();
  const keyOfRoot = new Map<number, string>();
  claims.forEach((claim, i) => {
    const root = find(i);
    let key = keyOfRoot.get(root);
    if (key === undefined) {
      key = foldedKey(claims[root]!);
      keyOfRoot.set(root, key);
    }
    const members = groups.get(key);
    if (members) members.push(claim);
    else groups.set(key, [claim]);
  });
  return groups;
}

function compareClaims(left: SourcedClaim, right: SourcedClaim): number {
  return (
    compareCodePoints(left.source, right.source) ||
    left.lines[0] - right.lines[0] ||
    left.lines[1] - right.lines[1]
  );
}

/** The most frequent string; ties go to the one that sorts first by code point. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  return ranked[0]?.[0] ?? "";
}

/** Finds and confirms contradictions by `confirmByRule` alone, with no provider and no cache. */
export function contradictionsByRule(claims: SourcedClaim[]): Contradiction[] {
  const records: Contradiction[] = [];
  for (const group of findCandidates(claims)) {
    const verdicts = group.pairs.map((pair) => confirmByRule(candidateOf(group, pair, () => "")));
    const record = contradictionOf(group, verdicts);
    if (record) records.push(record);
  }
  return records;
}

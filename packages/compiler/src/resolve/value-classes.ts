/**
 * Value classes of the claims about one subject and attribute. Claims whose values read the
 * same (`readValue`) under the same specific conditions form one class. A candidate
 * contradiction is then a pair of classes, not a pair of claims, so k claims with v classes
 * cost at most v·(v-1)/2 confirmations instead of k². Conditions are part of the class because
 * the verdict on a pair depends on them.
 */
import { compareCodePoints } from "../scan.js";
import type { SourcedClaim, SourcePath } from "../types.js";
import { specificConditions } from "./confirm-rule.js";
import { formsAgree, readValue, type ValueForm } from "./values.js";

/**
 * Maximum number of value classes compared in one group, so a group costs at most
 * 24·23/2 = 276 confirmations. The build reports every group it limits (`resolve.ts`).
 * NOTE: the value is chosen with margin, not measured as a need: the largest group of the
 * corpora scored by `test/eval` has 7 classes.
 */
export const maxValueClasses = 24;

/** Claims of one group that assert one value under the same specific conditions. */
export interface ValueClass {
  /** Read value and specific conditions, serialized. */
  key: string;
  form: ValueForm;
  /** Indexes into the group's claims, ascending. */
  members: number[];
  /** Distinct sources of the members, sorted by code point. */
  sources: SourcePath[];
  /** First member whose source differs from the source of `members[0]`, if any. */
  otherSourceMember: number | undefined;
}

/** Returns the value a claim asserts: a negative claim about "enabled" asserts "not enabled". */
export function assertedValue(claim: SourcedClaim): string {
  return claim.polarity === "negative" ? `not ${claim.value}` : claim.value;
}

/** Sorts claims into value classes, ordered by their first member. One pass over the claims. */
export function valueClasses(claims: SourcedClaim[]): ValueClass[] {
  const byKey = new Map<string, ValueClass>();
  claims.forEach((claim, index) => {
    const form = readValue(assertedValue(claim));
    const key = `${JSON.stringify(form)}\u0000${specificConditions(claim.conditions).join(";")}`;
    const found = byKey.get(key);
    if (found) {
      found.members.push(index);
      return;
    }
    byKey.set(key, { key, form, members: [index], sources: [], otherSourceMember: undefined });
  });

  const classes = [...byKey.values()];
  for (const valueClass of classes) {
    const sources = valueClass.members.map((member) => claims[member]!.source);
    valueClass.sources = [...new Set(sources)].sort(compareCodePoints);
    const firstSource = sources[0];
    valueClass.otherSourceMember = valueClass.members.find(
      (member) => claims[member]!.source !== firstSource,
    );
  }
  return classes;
}

/**
 * Keeps the `max` classes with the most claims (ties go to the earlier class), in their
 * original order, and returns the rest as `dropped`.
 */
export function limitClasses(
  classes: ValueClass[],
  max: number,
): { kept: ValueClass[]; dropped: ValueClass[] } {
  if (classes.length <= max) return { kept: classes, dropped: [] };
  const ranked = classes
    .map((valueClass, order) => ({ size: valueClass.members.length, order }))
    .sort((a, b) => b.size - a.size || a.order - b.order);
  const keptOrders = new Set(ranked.slice(0, max).map(({ order }) => order));
  return {
    kept: classes.filter((_, order) => keptOrders.has(order)),
    dropped: classes.filter((_, order) => !keptOrders.has(order)),
  };
}

/** Returns whether a class has a member from a source other than `source`. */
export function hasOtherSource(valueClass: ValueClass, source: SourcePath): boolean {
  return valueClass.sources.length > 1 || valueClass.sources[0] !== source;
}

/**
 * Pairs of classes whose values disagree and that have members in different sources, each with
 * its representative pair of claims (indexes into the group's claims, lower first).
 */
export function disagreeingClassPairs(
  classes: ValueClass[],
  claims: SourcedClaim[],
): { classPairs: [number, number][]; pairs: [number, number][] } {
  const classPairs: [number, number][] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < classes.length; i++) {
    for (let j = i + 1; j < classes.length; j++) {
      if (formsAgree(classes[i]!.form, classes[j]!.form)) continue;
      const pair = representativePair(classes[i]!, classes[j]!, claims);
      if (!pair) continue;
      classPairs.push([i, j]);
      pairs.push(pair);
    }
  }
  return { classPairs, pairs };
}

/**
 * Finds a pair of members from different sources, trying only `members[0]` and
 * `otherSourceMember` of each class. That finds one whenever one exists: when both first
 * members come from source s, any pair across sources needs a member outside s.
 */
function representativePair(
  left: ValueClass,
  right: ValueClass,
  claims: SourcedClaim[],
): [number, number] | undefined {
  const lefts = [left.members[0]!, left.otherSourceMember];
  const rights = [right.members[0]!, right.otherSourceMember];
  for (const a of lefts) {
    for (const b of rights) {
      if (a === undefined || b === undefined) continue;
      if (claims[a]!.source !== claims[b]!.source) return a < b ? [a, b] : [b, a];
    }
  }
  return undefined;
}

/**
 * Value classes of the claims about one subject and attribute. Claims whose values read the
 * same (`readValue`) under the same specific conditions form one class, so a candidate
 * contradiction is a pair of classes, not a pair of claims: k claims with v classes cost at most
 * v·(v-1)/2 confirmations, never k². Conditions are part of the class because the verdict on a
 * pair depends on them.
 */
import { compareCodePoints } from "../scan.js";
import type { SourcedClaim, SourcePath } from "../types.js";
import { specificConditions } from "./confirm-rule.js";
import { formsAgree, readValue, type ValueForm } from "./values.js";

/**
 * Maximum number of value classes compared in one group, so a group costs at most
 * 24·23/2 = 276 confirmations. A subject and attribute with more distinct values is almost
 * always a misread attribute; the build reports every group it limits.
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
  for (const one of classes) {
    const sources = one.members.map((member) => claims[member]!.source);
    one.sources = [...new Set(sources)].sort(compareCodePoints);
    const firstSource = sources[0];
    one.otherSourceMember = one.members.find((member) => claims[member]!.source !== firstSource);
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
    .map((one, order) => ({ one, order }))
    .sort((a, b) => b.one.members.length - a.one.members.length || a.order - b.order);
  const keptOrders = new Set(ranked.slice(0, max).map(({ order }) => order));
  return {
    kept: classes.filter((_, order) => keptOrders.has(order)),
    dropped: classes.filter((_, order) => !keptOrders.has(order)),
  };
}

/** Returns whether a class has a member from a source other than `source`. */
export function hasOtherSource(one: ValueClass, source: SourcePath): boolean {
  return one.sources.length > 1 || one.sources[0] !== source;
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
 * The first pair of members from different sources among the first member and the first
 * member of another source of each class. When any cross-source pair exists, one of these is
 * one: if both first members share source s, a pair outside s needs a member outside s.
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

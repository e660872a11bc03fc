/**
 * resolve: one thing per real thing across sources, every claim placed under its thing, and
 * contradictions: candidate pairs found in code, each confirmed by the provider (a small model
 * call, or a rule offline) and cached like every other answer.
 */
import { confirmKeyInput } from "../cache.js";
import { textOf } from "../source-text.js";
import { cachedStep, type BuildContext } from "../context.js";
import { mapLimit, stageConcurrency } from "../limit.js";
import type { ContradictionCandidate } from "../provider.js";
import type { Verdict } from "../steps.js";
import type { Contradiction, LineRange, SourceFacts, SourcedClaim, SourcePath } from "../types.js";
import { placeClaims, placeRelations } from "./claims.js";
import {
  candidateOf,
  contradictionOf,
  findCandidates,
  isComparable,
  type CandidateGroup,
} from "./contradictions.js";
import { resolveIdentity, type ChunkAnalysis, type Identity } from "./identity.js";
import { maxValueClasses } from "./value-classes.js";

/** The result of resolve that write reads. The claims are dropped once they are compared. */
export interface Knowledge {
  identity: Identity;
  relations: [string, string][];
  contradictions: Contradiction[];
}

export async function resolveAll(
  context: BuildContext,
  analyses: ChunkAnalysis[],
  parsed: SourceFacts[],
): Promise<Knowledge> {
  const identity = resolveIdentity(analyses, context.step.entityTypes);
  // The joining rules of identity were the last to read the block texts.
  for (const item of analyses) item.blockTexts = undefined;
  const bySource = new Map(parsed.map((source) => [source.source.path, source]));
  // Only contradictions read the placed claims, so only the claims they compare are placed.
  const claims = placeClaims(analyses, identity, bySource, isComparable);
  const relations = placeRelations(analyses, identity);
  const contradictions = await confirmContradictions(context, claims, bySource);
  return { identity, relations, contradictions };
}

/**
 * Confirms the candidate contradictions of the claims through the provider and the cache, one
 * call per representative pair, and reports groups whose value classes were limited.
 */
export async function confirmContradictions(
  context: BuildContext,
  claims: SourcedClaim[],
  bySource: Map<SourcePath, SourceFacts>,
): Promise<Contradiction[]> {
  const excerpt = excerptReader(bySource);
  const groups = findCandidates(claims);
  for (const group of groups) reportDroppedClasses(context, group);

  const jobs = groups.flatMap((group) => group.pairs.map((pair) => ({ group, pair })));
  const verdicts = await mapLimit(jobs, stageConcurrency, ({ group, pair }) =>
    confirmPair(context, group, candidateOf(group, pair, excerpt)),
  );
  let next = 0;
  const records = groups.map((group) => {
    const own = verdicts.slice(next, next + group.pairs.length);
    next += group.pairs.length;
    return contradictionOf(group, own);
  });
  return records.filter((record) => record !== undefined);
}

/** Returns the raw lines of a source, splitting each source's text once. */
function excerptReader(
  bySource: Map<SourcePath, SourceFacts>,
): (source: SourcePath, lines: LineRange) => string {
  const linesBySource = new Map<SourcePath, string[]>();
  return (source, lines) => {
    let text = linesBySource.get(source);
    if (!text) {
      const file = bySource.get(source)?.source;
      text = file ? textOf(file).split("\n") : [];
      linesBySource.set(source, text);
    }
    return text.slice(lines[0] - 1, lines[1]).join("\n");
  };
}

/** Warns about a group over `maxValueClasses` classes, whose other claims went unchecked. */
function reportDroppedClasses(context: BuildContext, group: CandidateGroup): void {
  if (group.dropped.classes === 0) return;
  const first = group.claims[0]!;
  const total = group.classes.length + group.dropped.classes;
  context.problems.push({
    code: "contradiction-candidates-limited",
    file: first.source,
    line: first.lines[0],
    message:
      `${group.subject} (${group.attribute}) has ${total} different values or conditions, ` +
      `more than the ${maxValueClasses} compared for contradictions; the ` +
      `${group.dropped.claims} claims of the ${group.dropped.classes} least stated ones were ` +
      `not checked. Check whether these claims are about different things that share the ` +
      `name ${group.subject}`,
    severity: "warning",
  });
}

async function confirmPair(
  context: BuildContext,
  group: CandidateGroup,
  candidate: ContradictionCandidate,
): Promise<Verdict> {
  const key = confirmKeyInput(candidate);
  const result = await cachedStep(context, "confirm", [key], () =>
    context.provider.confirm(candidate, context.step),
  );
  if (result.ok) return result.value;
  context.problems.push({
    code: "confirm-failed",
    file: candidate.sides[0].source,
    line: candidate.sides[0].lines[0],
    message: `could not confirm a possible contradiction about ${group.subject} (${result.message}); it is not reported`,
    severity: "warning",
  });
  return { verdict: "agreement", reason: "" };
}

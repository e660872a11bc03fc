/**
 * resolve, part two: places every claim in its source (absolute lines, clamped to the chunk)
 * under the thing its subject resolved to, and collects the relations between things.
 */
import type { Claim } from "../steps.js";
import type { SourceFacts, SourcedClaim, SourcePath } from "../types.js";
import type { ChunkAnalysis, Identity } from "./identity.js";

/** Places the claims that `include` accepts, all of them by default. */
export function placeClaims(
  analyses: ChunkAnalysis[],
  identity: Identity,
  parsed: Map<SourcePath, SourceFacts>,
  include: (claim: Claim) => boolean = () => true,
): SourcedClaim[] {
  const claims: SourcedClaim[] = [];
  for (const { chunk, analysis } of analyses) {
    const clamp = (line: number) =>
      Math.min(Math.max(line, 1), chunk.lineCount) + chunk.lines[0] - 1;
    for (const claim of analysis.claims) {
      const subjectKey = identity.keyOf(claim.subject);
      if (!subjectKey || !include(claim)) continue;
      const start = clamp(Math.min(...claim.lines));
      const end = clamp(Math.max(...claim.lines));
      claims.push({
        source: chunk.source,
        sourceDate: parsed.get(chunk.source)?.date,
        subjectKey,
        subject: claim.subject,
        statement: claim.statement,
        attribute: claim.attribute,
        value: claim.value,
        conditions: claim.conditions,
        polarity: claim.polarity,
        stance: claim.stance,
        lines: [start, end],
      });
    }
  }
  return claims;
}

/** Pairs of thing keys connected by a relation of the analyze step. */
export function placeRelations(analyses: ChunkAnalysis[], identity: Identity): [string, string][] {
  const pairs: [string, string][] = [];
  for (const { analysis } of analyses) {
    for (const relation of analysis.relations) {
      const from = identity.keyOf(relation.from);
      const to = identity.keyOf(relation.to);
      if (from && to && from !== to) pairs.push([from, to]);
    }
  }
  return pairs;
}

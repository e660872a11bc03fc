/**
 * analyze, offline: entities, claims and relations of a chunk by general rules over its
 * structure and its part-of-speech tags, with no model call.
 */
import type { Analysis, Chunk, Claim, Relation, StepContext } from "@wiki/compiler";
import { extractClaims } from "./claims.js";
import { EntityIndex } from "./entities.js";
import { readChunk } from "./read.js";
import { collectSightings } from "./sightings.js";

/** Most relations one chunk yields. */
const maxRelations = 60;

export function analyzeChunk(chunk: Chunk, context: Pick<StepContext, "entityTypes">): Analysis {
  const reading = readChunk(chunk);
  const index = EntityIndex.fromPool(collectSightings(reading), context.entityTypes);
  const claims = extractClaims(reading, index);
  return { entities: index.entities, claims, relations: relationsOf(claims, index) };
}

/** Relates each claim's subject to every other entity its statement names. */
function relationsOf(claims: Claim[], index: EntityIndex): Relation[] {
  const relations: Relation[] = [];
  const seen = new Set<string>();
  for (const claim of claims) {
    for (const other of index.mentions(claim.statement)) {
      const key = `${claim.subject}\u0000${other}`;
      if (other === claim.subject || seen.has(key) || relations.length >= maxRelations) continue;
      seen.add(key);
      relations.push({ from: claim.subject, to: other, kind: "related" });
    }
  }
  return relations;
}

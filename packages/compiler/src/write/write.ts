/**
 * write: places the prose of every analyzed chunk (step 2 of the ingest, whose calls start as
 * each chunk is analyzed), then assembles the pages. It takes the analyses out of `analyzed`.
 */
import type { AnalyzeResult } from "../ingest.js";
import type { Knowledge } from "../resolve/resolve.js";
import type { WikiConfig } from "../schema/config.js";
import type { Prose } from "../steps.js";
import type { Chunk, SourceFacts } from "../types.js";
import { assemblePages, type Assembled } from "./assemble.js";
import { placeProse, type ChunkProse } from "./prose.js";

export async function writeAll(
  analyzed: AnalyzeResult,
  written: Promise<Map<Chunk, Prose | undefined>>,
  knowledge: Knowledge,
  parsed: SourceFacts[],
  config: WikiConfig,
): Promise<Assembled> {
  const proseOf = await written;
  const prose: ChunkProse[] = [];
  // Each analysis and its prose are taken out once placed, so they are freed as the placed
  // statements grow.
  const { analyses } = analyzed;
  for (let item = analyses.shift(); item; item = analyses.shift()) {
    prose.push(placeProse(item, proseOf.get(item.chunk), knowledge.identity));
    proseOf.delete(item.chunk);
  }
  return assemblePages({
    parsed,
    prose,
    identity: knowledge.identity,
    contradictions: knowledge.contradictions,
    relations: knowledge.relations,
    failedLines: analyzed.failedLines,
    config,
  });
}

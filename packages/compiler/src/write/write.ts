/**
 * write: step 2 of the ingest for every analyzed chunk, then page assembly.
 */
import type { BuildContext } from "../context.js";
import { mapLimit, stageConcurrency } from "../limit.js";
import type { AnalyzeResult } from "../ingest.js";
import type { Knowledge } from "../resolve/resolve.js";
import type { WikiConfig } from "../schema/config.js";
import type { ParsedSource } from "../types.js";
import { assemblePages, type Assembled } from "./assemble.js";
import { placeProse, writeProse } from "./prose.js";

export async function writeAll(
  context: BuildContext,
  analyzed: AnalyzeResult,
  knowledge: Knowledge,
  parsed: ParsedSource[],
  config: WikiConfig,
): Promise<Assembled> {
  const prose = await mapLimit(analyzed.analyses, stageConcurrency, async (item) =>
    placeProse(item, await writeProse(context, item), knowledge.identity),
  );
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

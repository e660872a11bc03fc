/**
 * analyze: step 1 of the ingest. Each chunk is analyzed on its own, so its answer depends only
 * on the chunk and is cached by the chunk's key. A truncated or empty answer is retried on the
 * chunk split in two, down to single blocks; what still fails is reported with its lines, and
 * the parts that were analyzed are kept.
 */
import { splitChunk, type ChunkSettings } from "./chunk.js";
import { cachedStep, type BuildContext } from "./context.js";
import type { Analysis } from "./steps.js";
import type { Chunk, LineRange } from "./types.js";

const maxSplitDepth = 4;

/** The analysis of a chunk, of the parts that were analyzed, and the lines that were not. */
export interface ChunkAnalysisResult {
  /** Undefined when no line of the chunk was analyzed. */
  analysis: Analysis | undefined;
  /** Lines of the source that could not be analyzed, each range reported as a problem. */
  failed: LineRange[];
}

export async function analyzeChunk(
  context: BuildContext,
  chunk: Chunk,
  settings: ChunkSettings,
  depth = 0,
): Promise<ChunkAnalysisResult> {
  const result = await cachedStep(context, "analyze", [chunk.key], () =>
    context.provider.analyze(chunk, context.step),
  );
  if (result.ok) return { analysis: result.value, failed: [] };

  const halves =
    result.kind === "truncated" && depth < maxSplitDepth && splitChunk(chunk, settings);
  if (halves) {
    context.stats.splits++;
    const parts = await Promise.all(
      halves.map((half) => analyzeChunk(context, half, settings, depth + 1)),
    );
    const failed = parts.flatMap((part) => part.failed);
    if (!parts[0]?.analysis && !parts[1]?.analysis) return { analysis: undefined, failed };
    const empty: Analysis = { entities: [], claims: [], relations: [] };
    const answers = parts.map((part) => part.analysis ?? empty) as [Analysis, Analysis];
    return { analysis: mergeHalves(chunk, halves, answers), failed };
  }
  context.problems.push({
    code: result.kind === "truncated" ? "analyze-truncated" : "analyze-failed",
    file: chunk.source,
    line: chunk.lines[0],
    message: `lines ${chunk.lines[0]}-${chunk.lines[1]} could not be analyzed: ${result.message}`,
    severity: "error",
  });
  return { analysis: undefined, failed: [chunk.lines] };
}

/** Joins the analyses of two halves, moving their line ranges back into the whole chunk. */
function mergeHalves(
  whole: Chunk,
  halves: [Chunk, Chunk],
  answers: [Analysis, Analysis],
): Analysis {
  const merged: Analysis = { entities: [], claims: [], relations: [] };
  halves.forEach((half, index) => {
    const shift = half.lines[0] - whole.lines[0];
    const move = (lines: [number, number]): [number, number] => [
      lines[0] + shift,
      lines[1] + shift,
    ];
    const answer = answers[index]!;
    merged.entities.push(
      ...answer.entities.map((entity) => ({ ...entity, lines: move(entity.lines) })),
    );
    merged.claims.push(...answer.claims.map((claim) => ({ ...claim, lines: move(claim.lines) })));
    merged.relations.push(...answer.relations);
  });
  return merged;
}

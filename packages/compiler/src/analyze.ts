/**
 * analyze: step 1 of the ingest. Each chunk is analyzed on its own, so its answer depends only
 * on the chunk and is cached by the chunk's key. A truncated or empty answer is retried on the
 * chunk split in two, down to single blocks; what still fails is reported with its lines.
 */
import { splitChunk, type ChunkSettings } from "./chunk.js";
import { cachedStep, type BuildContext } from "./context.js";
import type { Analysis } from "./steps.js";
import type { Chunk } from "./types.js";

const maxSplitDepth = 4;

export async function analyzeChunk(
  context: BuildContext,
  chunk: Chunk,
  settings: ChunkSettings,
  depth = 0,
): Promise<Analysis | undefined> {
  const result = await cachedStep(context, "analyze", [chunk.key], () =>
    context.provider.analyze(chunk, context.step),
  );
  if (result.ok) return result.value;

  if (result.kind === "truncated" && depth < maxSplitDepth) {
    const halves = splitChunk(chunk, settings);
    if (halves) {
      context.stats.splits++;
      const answers = await Promise.all(
        halves.map((half) => analyzeChunk(context, half, settings, depth + 1)),
      );
      if (answers[0] && answers[1]) return mergeHalves(chunk, halves, [answers[0], answers[1]]);
      return undefined;
    }
  }
  context.problems.push({
    code: result.kind === "truncated" ? "analyze-truncated" : "analyze-failed",
    file: chunk.source,
    line: chunk.lines[0],
    message: `lines ${chunk.lines[0]}-${chunk.lines[1]} could not be analyzed: ${result.message}`,
    severity: "error",
  });
  return undefined;
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

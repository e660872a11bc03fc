/**
 * The two-step ingest over all chunks: analyze each chunk (step 1), resolve identities and
 * claims across sources, then write prose for each chunk (step 2). Calls run concurrently; the
 * provider bounds how many are in flight on each server.
 */
import { analyzeChunk } from "./analyze.js";
import { chunkSource, type ChunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import type { ChunkAnalysis } from "./resolve/identity.js";
import type { Chunk, ParsedSource, SourcePath } from "./types.js";

export interface ChunkedSource {
  parsed: ParsedSource;
  chunks: Chunk[];
}

export function chunkAll(
  context: BuildContext,
  parsed: ParsedSource[],
  settings: ChunkSettings,
): ChunkedSource[] {
  return parsed.map((source) => {
    const chunks = chunkSource(source, settings);
    if (chunks.length > 1) context.stats.chunkedSources++;
    return { parsed: source, chunks };
  });
}

export interface AnalyzeResult {
  analyses: ChunkAnalysis[];
  /** Line ranges of chunks that could not be analyzed, by source. */
  failedLines: Map<SourcePath, [number, number][]>;
}

export async function analyzeAll(
  context: BuildContext,
  chunked: ChunkedSource[],
  settings: ChunkSettings,
): Promise<AnalyzeResult> {
  const jobs = chunked.flatMap(({ parsed, chunks }) =>
    chunks.map(async (chunk) => ({
      chunk,
      analysis: await analyzeChunk(context, chunk, parsed, settings),
    })),
  );
  const results = await Promise.all(jobs);
  const analyses: ChunkAnalysis[] = [];
  const failedLines = new Map<SourcePath, [number, number][]>();
  for (const { chunk, analysis } of results) {
    if (analysis) analyses.push({ chunk, analysis });
    else failedLines.set(chunk.source, [...(failedLines.get(chunk.source) ?? []), chunk.lines]);
  }
  return { analyses, failedLines };
}

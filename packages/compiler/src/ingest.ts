/**
 * The two-step ingest over all chunks: analyze each chunk (step 1), resolve identities and
 * claims across sources, then write prose for each chunk (step 2). Calls run concurrently; the
 * provider bounds how many are in flight on each server.
 */
import { analyzeChunk } from "./analyze.js";
import type { ChunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import { mapLimit, stageConcurrency } from "./limit.js";
import type { ChunkAnalysis } from "./resolve/identity.js";
import type { SourceStore } from "./prepare.js";
import type { Chunk, ParsedSource, Source, SourcePath } from "./types.js";

export interface ChunkedSource {
  parsed: ParsedSource;
  chunks: Chunk[];
}

/** Parses and chunks every source, reusing what the store has for unchanged ones. */
export async function prepareAll(
  context: BuildContext,
  store: SourceStore,
  sources: Source[],
  settings: ChunkSettings,
): Promise<ChunkedSource[]> {
  const prepared: ChunkedSource[] = [];
  for (const source of sources) {
    const { parsed, chunks } = await store.prepare(source, settings);
    context.problems.push(...parsed.problems);
    if (chunks.length > 1) context.stats.chunkedSources++;
    prepared.push({ parsed, chunks });
  }
  return prepared;
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
  const jobs = chunked.flatMap(({ parsed, chunks }) => chunks.map((chunk) => ({ parsed, chunk })));
  const results = await mapLimit(jobs, stageConcurrency, async ({ parsed, chunk }) => ({
    chunk,
    analysis: await analyzeChunk(context, chunk, parsed, settings),
  }));
  const analyses: ChunkAnalysis[] = [];
  const failedLines = new Map<SourcePath, [number, number][]>();
  for (const { chunk, analysis } of results) {
    if (analysis) analyses.push({ chunk, analysis });
    else failedLines.set(chunk.source, [...(failedLines.get(chunk.source) ?? []), chunk.lines]);
  }
  return { analyses, failedLines };
}

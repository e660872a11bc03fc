/**
 * The two-step ingest over all chunks: analyze each chunk (step 1), then write prose for it
 * (step 2). Calls run concurrently; the provider bounds how many are in flight on each server.
 */
import { analyzeChunk, type ChunkAnalysisResult } from "./analyze.js";
import type { ChunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import { mapLimit, stageConcurrency } from "./limit.js";
import type { Prose } from "./steps.js";
import { writeProse } from "./write/prose.js";
import type { ChunkAnalysis } from "./resolve/identity.js";
import type { SourceStore } from "./prepare.js";
import type { Chunk, SourceFacts, Source, SourcePath } from "./types.js";

export interface ChunkedSource {
  parsed: SourceFacts;
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

export interface IngestOptions {
  /**
   * Keeps each chunk's blocks and prompt text after its calls, for a build whose sources the
   * next build reuses (`wiki watch`).
   */
  keepBlocks: boolean;
}

export interface Ingest {
  /** Settles once every chunk is analyzed, while write calls may still run. */
  analyzed: Promise<AnalyzeResult>;
  /** Settles once prose is written for every analysis: the prose, or undefined when it failed. */
  written: Promise<Map<Chunk, Prose | undefined>>;
}

/**
 * Runs both ingest steps: each chunk is analyzed and its prose written right after, because the
 * write step needs only the chunk and its analysis. So write calls fill the model servers while
 * the last chunks are analyzed and while resolve runs, instead of waiting for a stage to end.
 * Chunks start longest first, so the calls that finish last are short ones.
 */
export function ingestAll(
  context: BuildContext,
  chunked: ChunkedSource[],
  settings: ChunkSettings,
  options: IngestOptions,
): Ingest {
  const jobs = chunked.flatMap(({ chunks }) => chunks.map((chunk) => ({ chunk })));
  const analyses = new Array<ChunkAnalysisResult | undefined>(jobs.length);
  const blockTexts = new Array<string[]>(jobs.length);
  const prose = new Map<Chunk, Prose | undefined>();
  const analysesDone = countdown(jobs.length);
  const order = jobs.map((_, index) => index).sort(longestFirst(jobs));

  const all = mapLimit(order, stageConcurrency, async (index) => {
    const { chunk } = jobs[index]!;
    const result = await analyzeChunk(context, chunk, settings);
    analyses[index] = result;
    blockTexts[index] = chunk.blocks.map((block) => block.text);
    analysesDone.tick();
    const { analysis } = result;
    if (analysis) prose.set(chunk, await writeProse(context, { chunk, analysis }));
    if (!options.keepBlocks) releaseBlocks(chunk);
  });
  // A job that throws rejects `all` before every chunk is analyzed, and so `analyzed` too.
  const analyzed = Promise.race([analysesDone.promise, all]);
  const written = all.then(() => prose);
  // The caller stops at a rejected `analyzed` and never awaits `written`: keep it handled.
  written.catch(() => {});
  return { analyzed: analyzed.then(() => collectAnalyses(jobs, analyses, blockTexts)), written };
}

/**
 * Drops the blocks and the prompt text of a chunk once its calls have returned. Resolve reads
 * only the block texts, which `ingestAll` keeps apart, and the later stages cite lines of the
 * source text. Dropping each chunk when it is done keeps a large build from holding every
 * source twice over.
 */
function releaseBlocks(chunk: Chunk): void {
  chunk.blocks = [];
  chunk.text = "";
}

function longestFirst(jobs: { chunk: Chunk }[]): (a: number, b: number) => number {
  return (a, b) => jobs[b]!.chunk.tokens - jobs[a]!.chunk.tokens || a - b;
}

/** Creates a promise that resolves after `count` ticks, at once when `count` is 0. */
function countdown(count: number): { promise: Promise<void>; tick: () => void } {
  let left = count;
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  if (left === 0) resolve();
  return { promise, tick: () => void (--left === 0 && resolve()) };
}

function collectAnalyses(
  jobs: { chunk: Chunk }[],
  analyses: (ChunkAnalysisResult | undefined)[],
  blockTexts: string[][],
): AnalyzeResult {
  const result: AnalyzeResult = { analyses: [], failedLines: new Map() };
  jobs.forEach(({ chunk }, index) => {
    const { analysis, failed } = analyses[index] ?? { analysis: undefined, failed: [chunk.lines] };
    if (analysis) result.analyses.push({ chunk, analysis, blockTexts: blockTexts[index] });
    if (failed.length > 0) {
      const before = result.failedLines.get(chunk.source) ?? [];
      result.failedLines.set(chunk.source, [...before, ...failed]);
    }
  });
  return result;
}

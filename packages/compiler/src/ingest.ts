/**
 * The two-step ingest over all chunks: analyze each chunk (step 1), then write prose for it
 * (step 2). Calls run concurrently; the provider bounds how many are in flight on each server.
 */
import { analyzeChunk, type ChunkAnalysisResult } from "./analyze.js";
import type { ChunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import { ChunkQueue } from "./chunk-queue.js";
import { stageConcurrency } from "./limit.js";
import type { Prose } from "./steps.js";
import { writeProse } from "./write/prose.js";
import type { ChunkAnalysis } from "./resolve/identity.js";
import type { SourceStore } from "./prepare.js";
import type { Chunk, SourceFacts, Source, SourcePath } from "./types.js";
import { ValuePool } from "./value-pool.js";

/** The parsed sources and the chunk count, known once the last source is chunked. */
export interface Prepared {
  /** The parsed sources in source order. */
  parsed: SourceFacts[];
  chunkCount: number;
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
  /** Settles once every source is parsed and chunked. */
  prepared: Promise<Prepared>;
  /** Settles once every chunk is analyzed, while write calls may still run. */
  analyzed: Promise<AnalyzeResult>;
  /** Settles once prose is written for every analysis: the prose, or undefined when it failed. */
  written: Promise<Map<Chunk, Prose | undefined>>;
}

/** Chunks that parse makes ahead of the calls. */
const readyWindow = 4 * stageConcurrency;

/**
 * Runs parse and chunk, then both ingest steps: each chunk is analyzed and its prose written
 * right after, because the write step needs only the chunk and its analysis. So write calls fill
 * the model servers while the last chunks are analyzed and while resolve runs, instead of
 * waiting for a stage to end. Parse runs a window of chunks ahead of the calls (`ChunkQueue`),
 * and takes the sources out of `sources` one at a time: each text is freed once parsed. The
 * answers and block texts that later stages read are interned (`ValuePool`), so repeats across
 * chunks are held once.
 */
export function ingestAll(
  context: BuildContext,
  store: SourceStore,
  sources: Source[],
  settings: ChunkSettings,
  options: IngestOptions,
): Ingest {
  const queue = new ChunkQueue(readyWindow);
  const jobs: Chunk[] = [];
  const analyses: (ChunkAnalysisResult | undefined)[] = [];
  const blockTexts: string[][] = [];
  const prose = new Map<Chunk, Prose | undefined>();
  const pool = new ValuePool();
  let analyzedCount = 0;
  const analysesDone = signal();

  const prepared = prepareAll(
    context,
    store,
    sources,
    settings,
    (chunk) => {
      queue.push(jobs.length, chunk.tokens);
      jobs.push(chunk);
    },
    queue,
  );
  const work = async () => {
    for (let index = await queue.take(); index !== undefined; index = await queue.take()) {
      const chunk = jobs[index]!;
      const result = await analyzeChunk(context, chunk, settings);
      const analysis = pool.intern(result.analysis);
      analyses[index] = { analysis, failed: result.failed };
      blockTexts[index] = chunk.blocks.map((block) => pool.intern(block.text));
      if (++analyzedCount === jobs.length && queue.closed) analysesDone.resolve();
      if (analysis) prose.set(chunk, pool.intern(await writeProse(context, { chunk, analysis })));
      if (!options.keepBlocks) releaseBlocks(chunk);
    }
  };
  const all = Promise.all([prepared, ...Array.from({ length: stageConcurrency }, work)]);
  // A failed call or parse stops the others, and rejects `analyzed` before every chunk is.
  all.catch(() => queue.stop());
  prepared.then(
    () => analyzedCount === jobs.length && analysesDone.resolve(),
    () => {},
  );
  const analyzed = Promise.race([Promise.all([prepared, analysesDone.promise]), all]);
  const written = all.then(() => prose);
  // The caller stops at a rejected `analyzed` and never awaits `written`: keep it handled.
  written.catch(() => {});
  return {
    prepared,
    analyzed: analyzed.then(() => collectAnalyses(jobs, analyses, blockTexts)),
    written,
  };
}

/**
 * Parses and chunks every source in order, reusing what the store has for unchanged ones, and
 * hands each chunk to `add`. It waits while the queue's window is full, and closes the queue
 * when done.
 */
async function prepareAll(
  context: BuildContext,
  store: SourceStore,
  sources: Source[],
  settings: ChunkSettings,
  add: (chunk: Chunk) => void,
  queue: ChunkQueue,
): Promise<Prepared> {
  const parsedSources: SourceFacts[] = [];
  let chunkCount = 0;
  try {
    for (let source = sources.shift(); source && !queue.closed; source = sources.shift()) {
      const { parsed, chunks } = await store.prepare(source, settings);
      context.problems.push(...parsed.problems);
      if (chunks.length > 1) context.stats.chunkedSources++;
      parsedSources.push(parsed);
      chunkCount += chunks.length;
      chunks.forEach(add);
      await queue.room();
    }
  } finally {
    queue.close();
  }
  return { parsed: parsedSources, chunkCount };
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

/** A promise with its resolve function. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function collectAnalyses(
  jobs: Chunk[],
  analyses: (ChunkAnalysisResult | undefined)[],
  blockTexts: string[][],
): AnalyzeResult {
  const result: AnalyzeResult = { analyses: [], failedLines: new Map() };
  jobs.forEach((chunk, index) => {
    const { analysis, failed } = analyses[index] ?? { analysis: undefined, failed: [chunk.lines] };
    if (analysis) result.analyses.push({ chunk, analysis, blockTexts: blockTexts[index] });
    if (failed.length > 0) {
      const before = result.failedLines.get(chunk.source) ?? [];
      result.failedLines.set(chunk.source, [...before, ...failed]);
    }
  });
  // The results now live in `result` only, so resolve frees the block texts once it is done
  // with them, even while the last write calls keep the ingest alive.
  analyses.length = 0;
  blockTexts.length = 0;
  return result;
}

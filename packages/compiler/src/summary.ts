/**
 * The figures of one build: what `--json` prints and what the summary line says.
 */
import type { BuildOptions } from "./build.js";
import type { BuildContext } from "./context.js";
import type { EmitResult } from "./emit/emit.js";
import type { ManifestFigures } from "./output/manifest.js";
import { compareCodePoints, type ScanResult } from "./scan.js";
import type { StepName } from "./steps.js";
import type { Problem, Source } from "./types.js";

/** Skipped files named in the summary; `skipped` counts them all. */
export const skippedListMax = 20;

export interface BuildSummary {
  sources: number;
  /** Files that are not sources, or excluded by the schema. */
  skipped: number;
  /** The first `skippedListMax` of the skipped files, relative to the raw folder, sorted. */
  skippedFiles: string[];
  chunks: number;
  /** Sources cut into more than one chunk. */
  chunkedSources: number;
  pages: number;
  communities: number;
  modularity: number;
  /** Share of content pages that sit alone in a community. */
  singletonShare: number;
  contradictions: number;
  llm: {
    calls: number;
    promptTokens: number;
    completionTokens: number;
    cacheHits: number;
    retries: number;
    splits: number;
    callsByStep: Record<StepName, number>;
  };
  /** Files written (or, with `--check`, files that differ). */
  written: number;
  deleted: number;
  /** Paths of the files written and deleted, relative to the output folder. */
  changedFiles: string[];
  /** sha256 of each source the build read, by path relative to the raw folder. */
  sourceHashes: Record<string, string>;
  durationMs: number;
  provider: string;
  model: string;
  problems: Problem[];
  /** True when some source or chunk could not be used (exit code 1). */
  failed: boolean;
}

export interface SummaryInput {
  /** The scan; its sources may not have been read when the build stopped after it. */
  scanned: Pick<ScanResult, "skipped" | "skippedPaths"> & {
    sources: Pick<Source, "path" | "sha256">[];
  };
  /** The number of sources the build read. */
  sourceCount: number;
  output: Pick<EmitResult, keyof ManifestFigures | "plan">;
  options: BuildOptions;
  started: number;
  chunkCount: number;
}

export function summarize(context: BuildContext, input: SummaryInput): BuildSummary {
  const { stats, provider, problems } = context;
  const { output } = input;
  // Parse and the calls run interleaved, so the problems arrive in no fixed order.
  const sortedProblems = [...problems].sort(
    (a, b) =>
      compareCodePoints(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareCodePoints(a.code, b.code) ||
      compareCodePoints(a.message, b.message),
  );
  return {
    sources: input.sourceCount,
    skipped: input.scanned.skipped,
    skippedFiles: input.scanned.skippedPaths.slice(0, skippedListMax),
    chunks: input.chunkCount,
    chunkedSources: stats.chunkedSources,
    pages: output.pages,
    communities: output.communities,
    modularity: output.modularity,
    singletonShare: output.singletonShare,
    contradictions: output.contradictions,
    llm: {
      calls: stats.usage.calls,
      promptTokens: stats.usage.promptTokens,
      completionTokens: stats.usage.completionTokens,
      cacheHits: context.cache.hits,
      retries: stats.usage.retries,
      splits: stats.splits,
      callsByStep: stats.callsByStep,
    },
    written: output.plan.writes.length,
    deleted: output.plan.deletes.length,
    changedFiles: [...output.plan.writes, ...output.plan.deletes].sort(),
    sourceHashes: Object.fromEntries(
      input.scanned.sources.map((source) => [source.path, source.sha256]),
    ),
    durationMs: Math.round(performance.now() - input.started),
    provider: provider.identity.provider,
    model: provider.identity.model,
    problems: sortedProblems,
    failed: sortedProblems.some((problem) => problem.severity === "error"),
  };
}

/** Formats a count with its noun: `1 file`, `2 files`, `1 community`, `3 communities`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Names the first `max` items and counts the rest: ` (a.pdf, b.png and 4 more)`, or empty. */
export function nameFew(items: readonly string[], max = 3): string {
  if (items.length === 0) return "";
  const more = items.length > max ? ` and ${items.length - max} more` : "";
  return ` (${items.slice(0, max).join(", ")}${more})`;
}

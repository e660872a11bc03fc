/**
 * The stages after scan, in order: parse → chunk → analyze → resolve → write → link → cluster →
 * emit. `build.ts` loads this module only when a build runs them, because it pulls in the
 * Markdown parser, the tokenizer and the graph library.
 */
import type { BuildOptions } from "./build.js";
import { cacheDirOf } from "./cache.js";
import { chunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import { emitOutput, type EmitResult } from "./emit/emit.js";
import type { BuildInputs } from "./fingerprint.js";
import { ingestAll, prepareAll } from "./ingest.js";
import type { InputChanges } from "./output/changes.js";
import { SourceStore } from "./prepare.js";
import { resolveAll } from "./resolve/resolve.js";
import { callLine, type StageTimer } from "./stage-log.js";
import { countOf } from "./summary.js";
import type { Source, SourceFacts } from "./types.js";
import { writeAll } from "./write/write.js";

export interface StagesInput {
  /** The sources as read, after the scan. */
  sources: Source[];
  /** The inputs of this build and what changed since the last one, for the manifest and log. */
  inputs: BuildInputs;
  changes: InputChanges;
}

export interface StagesResult {
  output: EmitResult;
  parsed: SourceFacts[];
  chunkCount: number;
}

/** Runs the stages after scan, logging a line for each, and returns what emit planned. */
export async function runStages(
  context: BuildContext,
  options: BuildOptions,
  timer: StageTimer,
  input: StagesInput,
): Promise<StagesResult> {
  const settings = chunkSettings(
    Math.min(options.config.chunkTokens, options.provider.chunkTokens),
  );
  const store = new SourceStore(cacheDirOf(options.outDir), options.memo?.prepared, options.check);
  const chunked = await prepareAll(context, store, input.sources, settings);
  const parsed = chunked.map((source) => source.parsed);
  const chunkCount = chunked.reduce((sum, source) => sum + source.chunks.length, 0);
  const parsedCount = parsed.length - store.hits;
  timer("parse", `${parsedCount} parsed, ${store.hits} unchanged`, store.chunkMs);
  timer(
    "chunk",
    `${countOf(chunkCount, "chunk")}, ${countOf(context.stats.chunkedSources, "source")} cut into several`,
  );

  // A build of `wiki watch` keeps its sources for the next one.
  const ingest = ingestAll(context, chunked, settings, { keepBlocks: options.memo !== undefined });
  const analyzed = await ingest.analyzed;
  timer("analyze", callLine(context, "analyze", countOf(analyzed.analyses.length, "chunk")));

  const knowledge = await resolveAll(context, analyzed.analyses, parsed);
  timer(
    "resolve",
    callLine(
      context,
      "confirm",
      `${countOf(knowledge.identity.things.size, "thing")}, ${countOf(knowledge.contradictions.length, "contradiction")}`,
    ),
  );

  const assembled = await writeAll(analyzed, ingest.written, knowledge, parsed, options.config);
  timer("write", callLine(context, "write", countOf(assembled.pages.length, "page")));

  const output = await emitOutput(context, assembled, knowledge, parsed, options, timer, {
    inputs: input.inputs,
    changes: input.changes,
  });
  return { output, parsed, chunkCount };
}

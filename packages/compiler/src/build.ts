/**
 * `wiki build`: runs the pipeline once, scan → parse → chunk → analyze → resolve → write → link →
 * cluster → emit, and writes only the files whose bytes change. Each stage logs one line.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AnswerCache, cacheDirOf } from "./cache.js";
import { emptyStats, FatalBuildError, type BuildContext, type Logger } from "./context.js";
import { commitOutput, recoverOutput } from "./output/commit.js";
import { acquireLock } from "./output/lock.js";
import { hashOutputFiles, manifestName, manifestProblem } from "./output/manifest.js";
import { emptyPlan } from "./output/plan.js";
import {
  keptHashes,
  onlyKeptFiles,
  readProblemRecord,
  saveProblemRecord,
} from "./output/problem-record.js";
import type { PreparedSource } from "./prepare.js";
import type { Provider, StepContext } from "./provider.js";
import { loadSources, scanSources, type SourceScan } from "./scan.js";
import { StatCache } from "./stat-cache.js";
import type { WikiConfig } from "./schema/config.js";
import type { Templates } from "./emit/templates.js";
import { buildInputs } from "./fingerprint.js";
import { compareWithLastBuild } from "./output/changes.js";
import type { StepName } from "./steps.js";
import type { Source } from "./types.js";
import { countOf, nameFew, summarize, type BuildSummary } from "./summary.js";

export interface BuildOptions {
  rawDir: string;
  outDir: string;
  config: WikiConfig;
  prompts: StepContext["prompts"];
  promptVersions: Record<StepName, string>;
  provider: Provider;
  /** Compare with the output folder and write nothing. */
  check: boolean;
  /** Replace pages edited by hand. */
  force: boolean;
  env: NodeJS.ProcessEnv;
  log: Logger;
  signal: AbortSignal;
  /** State kept between the builds of one process (`wiki watch`), to skip repeated work. */
  memo?: BuildMemo;
  /** Page templates by page type, from `schema/templates/`. */
  templates?: Templates;
}

export interface BuildMemo {
  /** Parsed and chunked sources by path, hash and chunk settings. */
  prepared: Map<string, PreparedSource>;
  /** Model answers by cache key, in front of the cache on disk. */
  answers: Map<string, unknown>;
}

export function createMemo(): BuildMemo {
  return { prepared: new Map(), answers: new Map() };
}

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const cacheDir = cacheDirOf(options.outDir);
  const lock = options.check ? undefined : await acquireLock(cacheDir);
  try {
    if (lock?.staleHolder) {
      options.log(
        `took over the lock of an earlier build (pid ${lock.staleHolder}) that no longer runs`,
      );
    }
    if (!options.check && (await recoverOutput(options.outDir, cacheDir))) {
      options.log("recovered the output of an interrupted build");
    }
    const context = createContext(options, cacheDir);
    const timer = stageTimer(options.log);

    const maxBytes = 8 * 1024 * 1024;
    const statCache = await StatCache.open(cacheDir, { readOnly: options.check });
    const found = await scanSources(options.rawDir, { ...options.config, maxBytes }, statCache);
    context.problems.push(...found.problems);
    timer("scan", scanLine(found));

    let inputs = inputsOf(found.sources, options);
    const last = await compareWithLastBuild(options.outDir, inputs, statCache);
    const unreadable = await manifestProblem(options.outDir);
    if (unreadable) {
      throw new FatalBuildError(
        `${options.outDir}/${unreadable.file}: ${unreadable.message}`,
        unreadable.code,
      );
    }
    const recorded =
      last.sameInputs && !options.force
        ? await readProblemRecord(cacheDir, inputs.fingerprint)
        : undefined;
    const onlyKeptChanged =
      recorded && (await onlyKeptFiles(options.outDir, last, recorded, statCache));
    if ((last.upToDate || onlyKeptChanged) && last.manifest.figures && recorded && !options.force) {
      context.problems.push(...recorded.problems);
      await statCache.save();
      const keptLine = `inputs unchanged; ${countOf(last.touched.length, "page")} edited by hand kept`;
      timer("emit", last.upToDate ? last.summary : keptLine);
      const output = {
        ...last.manifest.figures,
        plan: emptyPlan(),
      };
      return summarize(context, {
        scanned: found,
        parsed: found.sources,
        output,
        options,
        started,
        chunkCount: 0,
      });
    }
    const reason = options.force ? "rebuilding with --force" : "rebuilding to find its problems";
    timer("scan", last.upToDate ? `${last.summary}; ${reason}` : last.summary);
    const scanProblems = context.problems.length;

    const loaded = await loadSources(found, maxBytes);
    context.problems.push(...loaded.problems);
    const scanned = { ...found, sources: loaded.sources };
    const same = (source: Source, index: number) => source.sha256 === found.sources[index]?.sha256;
    if (loaded.sources.length !== found.sources.length || !loaded.sources.every(same)) {
      // A source changed or vanished between the scan and its read: record what was built.
      inputs = inputsOf(loaded.sources, options);
    }

    const stages = await loadStages();
    const { chunkSettings, SourceStore, prepareAll, ingestAll, releaseBlocks } = stages;
    const { resolveAll, writeAll, emitOutput } = stages;
    const settings = chunkSettings(
      Math.min(options.config.chunkTokens, options.provider.chunkTokens),
    );
    const store = new SourceStore(cacheDir, options.memo?.prepared, options.check);
    const chunked = await prepareAll(context, store, scanned.sources, settings);
    const parsed = chunked.map((source) => source.parsed);
    const chunkCount = chunked.reduce((sum, source) => sum + source.chunks.length, 0);
    const parsedCount = parsed.length - store.hits;
    timer("parse", `${parsedCount} parsed, ${store.hits} unchanged`, store.chunkMs);
    timer(
      "chunk",
      `${countOf(chunkCount, "chunk")}, ${countOf(context.stats.chunkedSources, "source")} cut into several`,
    );

    const ingest = ingestAll(context, chunked, settings);
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
    // A build of `wiki watch` keeps its sources for the next one.
    if (!options.memo) releaseBlocks(chunked);

    const output = await emitOutput(context, assembled, knowledge, parsed, options, timer, {
      inputs,
      changes: last.changes,
    });
    const changed = output.plan.writes.size > 0 || output.plan.deletes.length > 0;
    // A manifest with a stale fingerprint (new compiler, same pages) is renewed too, so the next
    // build finds its inputs unchanged and stops after the scan.
    if (
      !options.check &&
      (changed || output.manifest !== (await readManifestText(options.outDir)))
    ) {
      await commitOutput(options.outDir, cacheDir, output.plan, output.manifest);
      await statCache.stamp();
      await hashOutputFiles(options.outDir, [...output.plan.writes.keys()], statCache);
    }
    if (!options.check) {
      const laterProblems = context.problems.slice(scanProblems);
      const keptPages = await keptHashes(options.outDir, output.plan.kept, statCache);
      await saveProblemRecord(cacheDir, inputs.fingerprint, {
        problems: laterProblems,
        keptPages,
      });
    }
    await statCache.save();
    return summarize(context, { scanned, parsed, output, options, started, chunkCount });
  } finally {
    await options.provider.close();
    await lock?.release();
  }
}

/**
 * Loads the modules of the stages after scan. They pull in the Markdown parser, the tokenizer and
 * the graph library, which a build that stops after the scan never needs.
 */
async function loadStages() {
  const [chunk, prepare, ingest, resolve, write, emit] = await Promise.all([
    import("./chunk.js"),
    import("./prepare.js"),
    import("./ingest.js"),
    import("./resolve/resolve.js"),
    import("./write/write.js"),
    import("./emit/emit.js"),
  ]);
  return {
    chunkSettings: chunk.chunkSettings,
    SourceStore: prepare.SourceStore,
    prepareAll: ingest.prepareAll,
    ingestAll: ingest.ingestAll,
    releaseBlocks: ingest.releaseBlocks,
    resolveAll: resolve.resolveAll,
    writeAll: write.writeAll,
    emitOutput: emit.emitOutput,
  };
}

function inputsOf(sources: Pick<Source, "path" | "sha256">[], options: BuildOptions) {
  return buildInputs(
    sources,
    options.config,
    options.promptVersions,
    options.provider,
    options.templates ?? {},
  );
}

function createContext(options: BuildOptions, cacheDir: string): BuildContext {
  const step: StepContext = {
    signal: options.signal,
    entityTypes: options.config.entityTypes,
    language: options.config.language,
    prompts: options.prompts,
  };
  return {
    provider: options.provider,
    cache: new AnswerCache(cacheDir, options.provider.identity, {
      memory: options.memo?.answers,
      readOnly: options.check,
    }),
    step,
    promptVersions: options.promptVersions,
    stats: emptyStats(),
    problems: [],
    log: options.log,
    inFlight: new Map(),
  };
}

/**
 * Logs one line per stage with the time since the previous line. `laterMs` of the time belongs
 * to the next stage (parse and chunk run interleaved, source by source).
 */
export type StageTimer = (stage: string, detail: string, laterMs?: number) => void;

/** Logs one line per stage: its name, what it did, and the time since the previous stage. */
function stageTimer(log: Logger): StageTimer {
  let last = performance.now();
  return (stage, detail, laterMs = 0) => {
    const now = performance.now() - laterMs;
    log(`${stage.padEnd(8)} ${detail} (${Math.round(now - last)} ms)`);
    last = now;
  };
}

/** Describes what the scan found, counting unreadable sources apart from warnings. */
function scanLine(found: SourceScan): string {
  const unreadable = found.problems.filter((item) => item.severity === "error").length;
  const warnings = found.problems.length - unreadable;
  const parts = [
    countOf(found.sources.length, "source"),
    `${countOf(found.skipped, "other file")} skipped${nameFew(found.skippedPaths)}`,
    `${unreadable} unreadable`,
  ];
  if (warnings) parts.push(countOf(warnings, "warning"));
  return parts.join(", ");
}

function callLine(context: BuildContext, step: StepName, detail: string): string {
  const calls = context.stats.callsByStep[step];
  return calls ? `${detail}, ${countOf(calls, "model call")}` : detail;
}

async function readManifestText(outDir: string): Promise<string | undefined> {
  return readFile(path.join(outDir, manifestName), "utf8").catch(() => undefined);
}

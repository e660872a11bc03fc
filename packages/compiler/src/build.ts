/**
 * `wiki build`: runs the pipeline once, scan → parse → chunk → analyze → resolve → write → link →
 * cluster → emit, and writes only the files whose bytes change. Each stage logs one line.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AnswerCache, cacheDirOf } from "./cache.js";
import { chunkSettings } from "./chunk.js";
import { emptyStats, FatalBuildError, type BuildContext, type Logger } from "./context.js";
import { emitOutput } from "./emit/emit.js";
import { ingestAll, prepareAll } from "./ingest.js";
import { commitOutput, recoverOutput } from "./output/commit.js";
import { acquireLock } from "./output/lock.js";
import { manifestName, manifestProblem } from "./output/manifest.js";
import { emptyPlan } from "./output/plan.js";
import { SourceStore, type PreparedSource } from "./prepare.js";
import type { Provider, StepContext } from "./provider.js";
import { resolveAll } from "./resolve/resolve.js";
import { scan } from "./scan.js";
import type { WikiConfig } from "./schema/config.js";
import type { Templates } from "./emit/templates.js";
import { buildInputs } from "./fingerprint.js";
import { compareWithLastBuild } from "./output/changes.js";
import type { StepName } from "./steps.js";
import { summarize, type BuildSummary } from "./summary.js";
import { writeAll } from "./write/write.js";

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

    const scanned = await scan(options.rawDir, { ...options.config, maxBytes: 8 * 1024 * 1024 });
    context.problems.push(...scanned.problems);
    timer(
      "scan",
      `${scanned.sources.length} sources, ${scanned.skipped} other files skipped, ${scanned.problems.length} unreadable`,
    );

    const inputs = buildInputs(
      scanned.sources,
      options.config,
      options.promptVersions,
      options.provider,
      options.templates ?? {},
    );
    const last = await compareWithLastBuild(options.outDir, inputs);
    const unreadable = await manifestProblem(options.outDir);
    if (unreadable) {
      throw new FatalBuildError(
        `${options.outDir}/${unreadable.file}: ${unreadable.message}`,
        unreadable.code,
      );
    }
    if (last.upToDate && last.manifest.figures && !options.force) {
      timer("emit", last.summary);
      const output = {
        ...last.manifest.figures,
        plan: emptyPlan(),
      };
      return summarize(context, {
        scanned,
        parsed: scanned.sources,
        output,
        options,
        started,
        chunkCount: 0,
      });
    }
    timer("scan", last.upToDate ? `${last.summary}; rebuilding with --force` : last.summary);

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
      `${chunkCount} chunks, ${context.stats.chunkedSources} sources cut into several`,
    );

    const ingest = ingestAll(context, chunked, settings);
    const analyzed = await ingest.analyzed;
    timer("analyze", callLine(context, "analyze", `${analyzed.analyses.length} chunks`));

    const knowledge = await resolveAll(context, analyzed.analyses, parsed);
    timer(
      "resolve",
      callLine(
        context,
        "confirm",
        `${knowledge.identity.things.size} things, ${knowledge.contradictions.length} contradictions`,
      ),
    );

    const assembled = await writeAll(analyzed, ingest.written, knowledge, parsed, options.config);
    timer("write", callLine(context, "write", `${assembled.pages.length} pages`));

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
    }
    return summarize(context, { scanned, parsed, output, options, started, chunkCount });
  } finally {
    await options.provider.close();
    await lock?.release();
  }
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

function callLine(context: BuildContext, step: StepName, detail: string): string {
  const calls = context.stats.callsByStep[step];
  return calls ? `${detail}, ${calls} model calls` : detail;
}

async function readManifestText(outDir: string): Promise<string | undefined> {
  return readFile(path.join(outDir, manifestName), "utf8").catch(() => undefined);
}

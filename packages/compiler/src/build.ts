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
import { loadSources, scanSources } from "./scan.js";
import { StatCache } from "./stat-cache.js";
import type { WikiConfig } from "./schema/config.js";
import type { Templates } from "./emit/templates.js";
import { buildInputs } from "./fingerprint.js";
import { compareWithLastBuild } from "./output/changes.js";
import type { StepName } from "./steps.js";
import type { EmitResult } from "./emit/emit.js";
import type { Problem, Source } from "./types.js";
import { scanLine, stageTimer } from "./stage-log.js";
import { countOf, summarize, type BuildSummary } from "./summary.js";

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
        sourceCount: found.sources.length,
        output,
        options,
        started,
        chunkCount: 0,
      });
    }
    const reason = options.force ? "rebuilding with --force" : "rebuilding to find its problems";
    timer("scan", last.upToDate ? `${last.summary}; ${reason}` : last.summary);
    const scanProblems = context.problems.length;

    const { sources, problems } = await loadSources(found, maxBytes);
    context.problems.push(...problems);
    // The scan keeps the paths and hashes only: parse takes the sources, texts and all.
    const scanned = { ...found, sources: sources.map(({ path, sha256 }) => ({ path, sha256 })) };
    const same = (source: Source, index: number) => source.sha256 === found.sources[index]?.sha256;
    if (sources.length !== found.sources.length || !sources.every(same)) {
      // A source changed or vanished between the scan and its read: record what was built.
      inputs = inputsOf(sources, options);
    }

    const { runStages } = await import("./run-stages.js");
    const { output, sourceCount, chunkCount } = await runStages(context, options, timer, {
      sources,
      inputs,
      changes: last.changes,
    });
    if (!options.check) {
      const problems = context.problems.slice(scanProblems);
      await saveOutput(options.outDir, statCache, output, {
        fingerprint: inputs.fingerprint,
        problems,
      });
    }
    await statCache.save();
    return summarize(context, { scanned, sourceCount, output, options, started, chunkCount });
  } finally {
    await options.provider.close();
    await lock?.release();
  }
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
 * Commits the output when a file or the manifest changed, and records the problems and kept
 * pages of these inputs, so the next build of the same inputs reports them without rebuilding.
 */
async function saveOutput(
  outDir: string,
  statCache: StatCache,
  output: EmitResult,
  record: { fingerprint: string; problems: Problem[] },
): Promise<void> {
  const cacheDir = cacheDirOf(outDir);
  const changed = output.plan.writes.length > 0 || output.plan.deletes.length > 0;
  // A manifest with a stale fingerprint (new compiler, same pages) is renewed too, so the next
  // build finds its inputs unchanged and stops after the scan.
  if (changed || output.manifest !== (await readManifestText(outDir))) {
    await commitOutput(outDir, cacheDir, output.plan, output.manifest);
    await statCache.stamp();
    await hashOutputFiles(outDir, output.plan.writes, statCache);
  }
  const keptPages = await keptHashes(outDir, output.plan.kept, statCache);
  await saveProblemRecord(cacheDir, record.fingerprint, { problems: record.problems, keptPages });
}

async function readManifestText(outDir: string): Promise<string | undefined> {
  return readFile(path.join(outDir, manifestName), "utf8").catch(() => undefined);
}

/**
 * The eval: builds each corpus with each provider (offline, and Ollama's protocol served by the
 * loopback fake model server), scores the wiki against the corpus's key, prints a table and
 * writes the figures to `.bench/eval.json`.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { startFakeOllama, type FakeOllama } from "../fake-ollama/src/server.js";
import { assertCliBuilt, buildCorpus, removeBuild, type ProviderName } from "./build.js";
import { loadKey, type Key } from "./key.js";
import { formatDetails, formatTable, writeResults, type EvalResult } from "./report.js";
import { projectRoot, rawDirOf, scoreWiki } from "./score.js";
import { checkTargets } from "./targets.js";

export const corpusNames = ["ollama-docs", "opensource-guide", "ollama-faq-history", "gold"];
export const providerNames: ProviderName[] = ["offline", "ollama"];
export const keyDir = path.join(projectRoot, "test/eval/keys");
export const resultsFile = path.join(projectRoot, ".bench/eval.json");

export interface EvalOptions {
  corpora: string[];
  providers: ProviderName[];
  /** Time limit of one build, in milliseconds. */
  timeoutMs: number;
  /** Keep the generated wiki folders and print where they are. */
  keep: boolean;
  log: (line: string) => void;
}

export function loadCorpusKey(name: string): Promise<Key> {
  return loadKey(path.join(keyDir, `${name}.yaml`));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Builds one corpus with one provider and scores the result. */
export async function evaluate(
  key: Key,
  provider: ProviderName,
  options: { host?: string; timeoutMs: number; keep?: boolean; log?: (line: string) => void },
): Promise<EvalResult> {
  const run = await buildCorpus({
    rawDir: rawDirOf(key),
    provider,
    timeoutMs: options.timeoutMs,
    ...(options.host ? { host: options.host } : {}),
  });
  const build = { exitCode: run.exitCode, seconds: run.seconds, summary: run.summary };
  const base = { corpus: key.corpus, provider, build, measuredAt: new Date().toISOString() };
  try {
    const score = (await exists(run.outDir)) ? await scoreWiki(key, run.outDir) : undefined;
    if (!score || score.pages.total === 0) {
      const reason = run.stderr.trim().split("\n").slice(-3).join(" / ") || "no output";
      const error = `the build exited with code ${run.exitCode} and wrote no pages: ${reason}`;
      return { ...base, score: undefined, error, targets: [] };
    }
    const targets = provider === "offline" ? checkTargets(key, score) : [];
    return { ...base, score, targets };
  } catch (error) {
    const reason = `${(error as Error).message}; build stderr: ${run.stderr.trim().slice(-500)}`;
    return { ...base, score: undefined, error: reason, targets: [] };
  } finally {
    if (options.keep) options.log?.(`kept ${key.corpus} / ${provider}: ${run.outDir}`);
    else await removeBuild(run);
  }
}

/** Runs the whole eval, prints the table, writes the JSON file and returns the results. */
export async function runEval(options: EvalOptions): Promise<EvalResult[]> {
  await assertCliBuilt();
  const keys = await Promise.all(options.corpora.map(loadCorpusKey));
  let server: FakeOllama | undefined;
  const results: EvalResult[] = [];
  try {
    if (options.providers.includes("ollama")) server = await startFakeOllama();
    for (const key of keys) {
      for (const provider of options.providers) {
        const host = provider === "ollama" ? server?.url : undefined;
        const result = await evaluate(key, provider, { ...options, ...(host ? { host } : {}) });
        options.log(`${key.corpus} / ${provider}: built in ${result.build.seconds.toFixed(1)} s`);
        results.push(result);
      }
    }
  } finally {
    await server?.close();
  }

  options.log(formatTable(results));
  options.log(results.flatMap(formatDetails).join("\n"));
  await writeResults(resultsFile, results);
  options.log(`figures written to ${path.relative(projectRoot, resultsFile)}`);
  return results;
}

/** Reads a comma-separated list from the environment, keeping only allowed names. */
export function namesFromEnv<T extends string>(value: string | undefined, allowed: T[]): T[] {
  if (!value?.trim()) return allowed;
  const names = value.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !allowed.includes(name as T));
  if (unknown.length) {
    throw new Error(`unknown name ${unknown.join(", ")}; expected some of ${allowed.join(", ")}`);
  }
  return names as T[];
}

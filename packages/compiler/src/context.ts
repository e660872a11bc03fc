/**
 * What every stage of one build shares: the provider, the answer cache, the counters of the
 * build's figures, the problems found so far and the logger.
 */
import type { AnswerCache } from "./cache.js";
import {
  noUsage,
  type Provider,
  type StepContext,
  type StepResult,
  type Usage,
} from "./provider.js";
import type { StepName } from "./steps.js";
import type { Problem } from "./types.js";

export type Logger = (line: string) => void;

export interface BuildStats {
  usage: Usage;
  callsByStep: Record<StepName, number>;
  /** Chunks split in two after a truncated or empty answer. */
  splits: number;
  /** Sources cut into more than one chunk. */
  chunkedSources: number;
}

export interface BuildContext {
  provider: Provider;
  cache: AnswerCache;
  step: StepContext;
  /** Version of each step's prompt; part of that step's cache keys. */
  promptVersions: Record<StepName, string>;
  stats: BuildStats;
  problems: Problem[];
  log: Logger;
  /** Model calls under way, by cache key. */
  inFlight: Map<string, Promise<StepResult<unknown>>>;
}

/** Raised when the build cannot go on at all (model missing, server unreachable, Ctrl-C). */
export class FatalBuildError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function emptyStats(): BuildStats {
  return {
    usage: noUsage(),
    callsByStep: { analyze: 0, write: 0, confirm: 0, overview: 0 },
    splits: 0,
    chunkedSources: 0,
  };
}

/**
 * Runs one model step through the cache: a hit costs nothing, a new answer is stored at once.
 * A truncated analyze answer is stored too, so the next build splits that chunk without asking
 * the model again for an answer that does not fit. An empty answer is not: it may not recur.
 */
export async function cachedStep<T>(
  context: BuildContext,
  step: StepName,
  inputs: string[],
  call: () => Promise<StepResult<T>>,
): Promise<StepResult<T>> {
  const key = context.cache.key(step, context.promptVersions[step], ...inputs);
  // Identical requests in flight at once (two sources with the same chunk) share one call.
  const pending = context.inFlight.get(key) as Promise<StepResult<T>> | undefined;
  if (pending) return pending;
  const promise = runStep(context, step, key, call);
  context.inFlight.set(key, promise);
  try {
    return await promise;
  } finally {
    context.inFlight.delete(key);
  }
}

async function runStep<T>(
  context: BuildContext,
  step: StepName,
  key: string,
  call: () => Promise<StepResult<T>>,
): Promise<StepResult<T>> {
  // The offline extractor does not read the abort signal, so a cancelled build stops here.
  if (context.step.signal.aborted) {
    throw new FatalBuildError(`${step} not started: the build was cancelled`, "aborted");
  }
  const cached = await context.cache.get<T>(key);
  if (cached !== undefined) return { ok: true, value: cached, usage: noUsage() };
  const truncationKey = context.cache.truncationKey(key);
  if (step === "analyze") {
    const truncated = await context.cache.get<{ message: string }>(truncationKey);
    if (truncated)
      return { ok: false, kind: "truncated", message: truncated.message, usage: noUsage() };
  }

  const result = await call();
  addUsage(context.stats, step, result.usage);
  if (result.ok) await context.cache.set(key, result.value);
  else if (result.kind === "fatal" || result.kind === "aborted") {
    throw new FatalBuildError(result.message, result.kind);
  } else if (result.kind === "truncated" && step === "analyze" && !result.transient) {
    await context.cache.set(truncationKey, { message: result.message });
  }
  return result;
}

function addUsage(stats: BuildStats, step: StepName, usage: Usage): void {
  stats.usage.calls += usage.calls;
  stats.usage.promptTokens += usage.promptTokens;
  stats.usage.completionTokens += usage.completionTokens;
  stats.usage.retries += usage.retries;
  stats.callsByStep[step] += usage.calls;
}

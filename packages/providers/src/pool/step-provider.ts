/**
 * A `Provider` over a chat server: each step builds its request, and `runStep` sends it. Both
 * the Ollama and the OpenAI-compatible providers are made with `createStepProvider`.
 */
import {
  noUsage,
  type Provider,
  type ProviderIdentity,
  type StepName,
  type StepResult,
} from "@wiki/compiler";
import {
  analyzeRequest,
  confirmRequest,
  overviewRequest,
  writeRequest,
  type StepRequest,
} from "../prompt/messages.js";
import type { StepValues } from "../repair/index.js";
import { runStep, type StepRunner } from "./run-step.js";
import type { PoolTuning } from "./host-pool.js";

/** Settings of a provider that talks to model servers. */
export interface ModelSettings {
  /** Server addresses; empty means the default address. */
  hosts: string[];
  model: string;
  /** Context size in tokens; 0 takes the model's trained length, capped at 8192. */
  contextTokens: number;
  /** Largest chunk in tokens; lowered when the context cannot fit it. */
  chunkTokens: number;
  /** Calls in flight per host. */
  concurrency: number;
  /** Time limit of one call, in milliseconds. */
  timeoutMs: number;
  /** Sampling seed sent with every call. */
  seed?: number;
}

/** Options for tests and embedders; builds use the defaults. */
export interface ProviderOptions {
  /** Retry and rest timing of the host pool. */
  tuning?: Partial<PoolTuning>;
  /** Time limit of the checks made while the provider is created, in milliseconds. */
  inspectTimeoutMs?: number;
}

/** Seed sent when the settings give none, so that repeated builds get the same answers. */
export const DEFAULT_SEED = 42;

export interface StepProviderParts {
  identity: ProviderIdentity;
  chunkTokens: number;
  runner: StepRunner;
  close: () => void;
}

async function run<S extends StepName>(
  runner: StepRunner,
  build: () => StepRequest<S>,
  signal: AbortSignal,
): Promise<StepResult<StepValues[S]>> {
  let request: StepRequest<S>;
  try {
    request = build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: "fatal", message, usage: noUsage() };
  }
  return runStep(runner, request, signal);
}

export function createStepProvider(parts: StepProviderParts): Provider {
  const { runner } = parts;
  return {
    identity: parts.identity,
    chunkTokens: parts.chunkTokens,
    analyze: (chunk, context) => run(runner, () => analyzeRequest(chunk, context), context.signal),
    write: (chunk, analysis, context) =>
      run(runner, () => writeRequest(chunk, analysis, context), context.signal),
    confirm: (candidate, context) =>
      run(runner, () => confirmRequest(candidate, context), context.signal),
    overview: (community, context) =>
      run(runner, () => overviewRequest(community, context), context.signal),
    close: async () => parts.close(),
  };
}

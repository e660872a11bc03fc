/**
 * Token budgets: the one context size of a build, the largest chunk that fits it, and the
 * answer limit of each call. All counts are estimates of `tokens.ts`, so every budget keeps a
 * safety margin for models whose tokenizer counts more.
 */
import type { StepName } from "@wiki/compiler";
import { ProviderError } from "../pool/call-error.js";

/**
 * Estimated tokens of a prompt template with its entity types and chat markers, chunk excluded.
 * The default analyze prompt with the default types counts 634 o200k tokens.
 * NOTE: a much longer custom prompt is caught per call, where `answerLimit` reports the chunk
 * as truncated, so the compiler splits chunks that a better estimate would have kept whole.
 */
export const PROMPT_ALLOWANCE = 1200;
/** Answer tokens expected on top of those that grow with the chunk. */
export const ANSWER_ALLOWANCE = 256;
/** Share of the context kept free for tokenizer differences. */
export const SAFETY_SHARE = 0.1;
/**
 * Context tokens per chunk token over a chunk's two calls: the chunk in the prompt, its
 * analysis in the write prompt, and the answer, each about as long as the chunk.
 */
const CHUNK_FACTOR = 3;
/** Smallest chunk worth a call. */
export const MIN_CHUNK_TOKENS = 200;
/** Answer limits of the steps whose answers do not grow with a chunk. */
const fixedAnswerLimits: Partial<Record<StepName, number>> = { confirm: 512, overview: 1024 };

function safetyMargin(contextTokens: number): number {
  return Math.ceil(contextTokens * SAFETY_SHARE);
}

/** Smallest context size that still fits a chunk of `MIN_CHUNK_TOKENS`. */
export function minimumContextTokens(): number {
  const needed = MIN_CHUNK_TOKENS * CHUNK_FACTOR + PROMPT_ALLOWANCE + ANSWER_ALLOWANCE;
  return Math.ceil(needed / (1 - SAFETY_SHARE));
}

/**
 * Returns the largest chunk, at most `requested`, whose analyze and write calls fit
 * `contextTokens`. Throws a `ProviderError` when the context cannot fit even a small chunk.
 */
export function fitChunkTokens(contextTokens: number, requested: number): number {
  const room = contextTokens - safetyMargin(contextTokens) - PROMPT_ALLOWANCE - ANSWER_ALLOWANCE;
  const fitted = Math.floor(room / CHUNK_FACTOR);
  if (fitted < MIN_CHUNK_TOKENS) {
    throw new ProviderError(
      "context-too-small",
      `a context of ${contextTokens} tokens leaves room for chunks of only ${Math.max(fitted, 0)} tokens; ` +
        `set contextTokens to at least ${minimumContextTokens()}`,
    );
  }
  return Math.max(1, Math.min(requested > 0 ? requested : fitted, fitted));
}

/**
 * Returns the answer limit of one call, or undefined when the prompt leaves too little room for
 * an answer. The caller reports that case as truncated without sending the prompt.
 */
export function answerLimit(
  step: StepName,
  promptTokens: number,
  contextTokens: number,
): number | undefined {
  const room = contextTokens - promptTokens - safetyMargin(contextTokens);
  if (room < ANSWER_ALLOWANCE) return undefined;
  const fixed = fixedAnswerLimits[step];
  return fixed === undefined ? room : Math.min(fixed, room);
}

/** Largest context used when the settings leave it to the server's trained length. */
export const CONTEXT_CAP = 8192;
/** Context used when the server reports no trained length and the settings give none. */
export const UNKNOWN_CONTEXT = 4096;

/**
 * Chooses the one context size of a build: the requested size, never above the model's trained length,
 * or, when `requested` is 0, the trained length capped at `CONTEXT_CAP`.
 */
export function chooseContextTokens(
  requested: number,
  trained: number | undefined,
  log: (line: string) => void,
): number {
  if (requested > 0) {
    if (trained === undefined || requested <= trained) return requested;
    log(`contextTokens ${requested} is more than the model's trained ${trained}; using ${trained}`);
    return trained;
  }
  if (trained !== undefined) return Math.min(trained, CONTEXT_CAP);
  log(
    `the server reports no context length for the model; using ${UNKNOWN_CONTEXT} tokens (set contextTokens to change it)`,
  );
  return UNKNOWN_CONTEXT;
}

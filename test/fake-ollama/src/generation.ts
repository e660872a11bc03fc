/**
 * The simulated generation of one chat request: what the model answers within its context and
 * token budget, how many tokens that takes, and how long it would take at the configured speeds.
 */
import { answerContent, estimateTokens } from "./answer.js";
import type { ChatMessage, Fault } from "./types.js";

export interface GenerationInput {
  messages: ChatMessage[];
  /** JSON schema, `"json"`, or `undefined`. */
  schema: unknown;
  promptTokens: number;
  contextTokens: number;
  /** Largest answer in tokens; negative for no limit besides the context. */
  maxTokens: number;
  thinking: boolean;
  fault: Fault | undefined;
  promptTokensPerSecond: number;
  generateTokensPerSecond: number;
}

/** Simulated durations in nanoseconds, as Ollama reports them. */
export interface Durations {
  load: number;
  promptEval: number;
  eval: number;
  total: number;
}

export interface Generation {
  thinking: string;
  content: string;
  doneReason: "stop" | "length";
  promptEvalCount: number;
  evalCount: number;
  durations: Durations;
}

/** Simulated time to load a model that is already in memory, in nanoseconds. */
const loadNs = 2_000_000;

/** Cuts `text` to `tokens` estimated tokens. */
function cutToTokens(text: string, tokens: number): string {
  return text.slice(0, Math.max(0, tokens) * 4);
}

function durationsOf(
  input: GenerationInput,
  promptEvalCount: number,
  evalCount: number,
): Durations {
  const promptEval = Math.round((promptEvalCount / input.promptTokensPerSecond) * 1e9);
  const evalNs = Math.round((evalCount / input.generateTokensPerSecond) * 1e9);
  return { load: loadNs, promptEval, eval: evalNs, total: loadNs + promptEval + evalNs };
}

function fullContent(input: GenerationInput): string {
  if (input.fault?.content !== undefined) return input.fault.content;
  if (input.fault?.empty) return "";
  return answerContent(input.messages, input.schema);
}

/**
 * Plans the answer. A prompt longer than the context is truncated to it, which leaves no room
 * to answer: the content is empty and the reason `length`. An answer longer than the room
 * left, or than `maxTokens`, is cut and also ends for `length`.
 */
export function generate(input: GenerationInput): Generation {
  const promptEvalCount = Math.min(input.promptTokens, input.contextTokens);
  const room = input.contextTokens - promptEvalCount;
  const budget = input.maxTokens >= 0 ? Math.min(room, input.maxTokens) : room;

  const wantedThinking = input.thinking
    ? "The schema of the request names the step to answer."
    : "";
  const wantedContent = input.fault?.empty ? "" : fullContent(input);
  const thinking = cutToTokens(wantedThinking, budget);
  const thinkingTokens = estimateTokens(thinking);
  const content = cutToTokens(wantedContent, budget - thinkingTokens);
  const cut = thinking !== wantedThinking || content !== wantedContent;

  const evalCount = thinkingTokens + estimateTokens(content);
  return {
    thinking,
    content,
    doneReason: input.fault?.doneReason ?? (cut ? "length" : "stop"),
    promptEvalCount: input.fault?.promptEvalCount ?? promptEvalCount,
    evalCount,
    durations: durationsOf(input, promptEvalCount, evalCount),
  };
}

/** Splits an answer into the pieces a stream sends, one estimated token (4 characters) each. */
export function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += 4) pieces.push(text.slice(start, start + 4));
  return pieces;
}

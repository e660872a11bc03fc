/**
 * Runs one step against a chat server. It checks that the prompt fits the context and sends it
 * through the host pool with a per-call time limit. It then detects truncated answers, repairs
 * the answer, and retries once with the validation error shown to the model.
 */
import {
  noUsage,
  type FailureKind,
  type StepName,
  type StepResult,
  type Usage,
} from "@wiki/compiler";
import { answerLimit } from "../prompt/budget.js";
import { retryMessages, type StepRequest } from "../prompt/messages.js";
import { countMessageTokens, type ChatMessage } from "../prompt/tokens.js";
import { repairAnswer, type StepValues } from "../repair/index.js";
import { CallError, classifyError, type CallErrorKind } from "./call-error.js";
import type { HostPool } from "./host-pool.js";

/** A chat server's reply, the same for every API. */
export interface ChatReply {
  content: string;
  /** `stop`, `length`, …; empty when the server sent none. */
  doneReason: string;
  /** Prompt tokens the server evaluated; prompt-cache hits are not counted. */
  promptTokens: number | undefined;
  completionTokens: number | undefined;
}

export interface ChatCall {
  step: StepName;
  messages: ChatMessage[];
  /** Largest number of answer tokens. */
  maxTokens: number;
}

/** Sends one chat call to one host; throws on any failure. */
export type SendChat = (host: string, call: ChatCall, signal: AbortSignal) => Promise<ChatReply>;

export interface StepRunner {
  model: string;
  /** The one context size of the build, in tokens. */
  contextTokens: number;
  timeoutMs: number;
  pool: HostPool;
  send: SendChat;
  log: (line: string) => void;
}

/** Prompt tokens this close to the context size mean the server cut the prompt to fit. */
const CEILING_SLACK = 16;

const failureKinds: Record<CallErrorKind, FailureKind> = {
  retry: "server",
  timeout: "server",
  aborted: "aborted",
  truncated: "truncated",
  fatal: "fatal",
};

function failure<T>(
  kind: FailureKind,
  message: string,
  usage: Usage,
  transient?: boolean,
): StepResult<T> {
  return { ok: false, kind, message, usage, ...(transient && { transient }) };
}

/**
 * Returns the failure of a truncated reply. An empty reply counts as truncated too, but a
 * server under load sends one now and then, so it is marked transient and not cached.
 */
function truncation<T>(reply: ChatReply, message: string, usage: Usage): StepResult<T> {
  return failure("truncated", message, usage, reply.content.trim() === "");
}

/** Returns why a reply counts as truncated, or undefined when it does not. */
export function truncationOf(reply: ChatReply, contextTokens: number): string | undefined {
  if (reply.doneReason === "length") return "the answer reached its token limit";
  if (reply.content.trim() === "") return "the answer is empty";
  const prompt = reply.promptTokens ?? 0;
  if (prompt >= contextTokens - CEILING_SLACK) {
    return `the prompt filled the context (${prompt} of ${contextTokens} tokens)`;
  }
  if (prompt + (reply.completionTokens ?? 0) >= contextTokens) {
    return `prompt and answer filled the context of ${contextTokens} tokens`;
  }
  return undefined;
}

async function sendOnce(runner: StepRunner, call: ChatCall, host: string, build: AbortSignal) {
  const timeout = AbortSignal.timeout(runner.timeoutMs);
  try {
    return await runner.send(host, call, AbortSignal.any([build, timeout]));
  } catch (error) {
    throw classifyError(error, { timeout, build, timeoutMs: runner.timeoutMs });
  }
}

function addTokens(usage: Usage, reply: ChatReply): void {
  usage.promptTokens += reply.promptTokens ?? 0;
  usage.completionTokens += reply.completionTokens ?? 0;
}

/** Runs one step request to a validated answer or a failure that states why. */
export async function runStep<S extends StepName>(
  runner: StepRunner,
  request: StepRequest<S>,
  signal: AbortSignal,
): Promise<StepResult<StepValues[S]>> {
  const usage = noUsage();
  const { step, label } = request;
  let messages = request.messages;
  for (let round = 1; round <= 2; round += 1) {
    const promptTokens = countMessageTokens(messages);
    const maxTokens = answerLimit(step, promptTokens, runner.contextTokens);
    if (maxTokens === undefined) {
      const needs = `needs about ${promptTokens} tokens, too many for a context of ${runner.contextTokens}`;
      // A retry that does not fit is no reason to split the chunk: the first answer was unusable.
      if (round === 2) return failure("invalid", `${label}: the ${step} retry ${needs}`, usage);
      return failure("truncated", `${label}: the ${step} prompt ${needs}`, usage);
    }

    let reply: ChatReply;
    try {
      const call = { step, messages, maxTokens };
      reply = await runner.pool.run(signal, usage, (host) => sendOnce(runner, call, host, signal));
    } catch (error) {
      const callError = error instanceof CallError ? error : new CallError("fatal", String(error));
      return failure(
        failureKinds[callError.kind],
        `${label}: ${step} with ${runner.model} failed: ${callError.message}`,
        usage,
      );
    }
    addTokens(usage, reply);

    const truncated = truncationOf(reply, runner.contextTokens);
    if (truncated !== undefined) return truncation(reply, `${label}: ${truncated}`, usage);

    const repaired = repairAnswer(step, reply.content, request.repair);
    if (repaired.ok) {
      if (repaired.droppedCount > 0) {
        const counts = Object.entries(repaired.dropped).map(([name, count]) => `${count} ${name}`);
        runner.log(
          `${label}: dropped ${counts.join(", ")} of the ${step} answer of ${runner.model} that failed validation`,
        );
      }
      return { ok: true, value: repaired.value, usage };
    }
    if (round === 2) {
      const message =
        `${label}: ${runner.model} returned an unusable ${step} answer twice: ${repaired.error}; ` +
        `if ${runner.model} keeps failing, choose another model with --model`;
      return failure("invalid", message, usage);
    }
    runner.log(
      `${label}: the ${step} answer of ${runner.model} is unusable (${repaired.error}); asking once more`,
    );
    usage.retries += 1;
    messages = retryMessages(request, reply.content, repaired.error);
  }
  return failure("invalid", `${label}: no usable answer`, usage);
}

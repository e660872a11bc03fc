/**
 * One `/api/chat` call through the `ollama` client library. It sends the step's JSON Schema as
 * `format`, one context size for the whole build, temperature 0, a fixed seed, and `think:
 * false` to models that can think. The stream is read to its last line, which has the counts.
 */
import { jsonSchemaOf, type StepName } from "@wiki/compiler";
import type { ChatResponse } from "ollama";
import { CallError } from "../pool/call-error.js";
import type { ChatReply, SendChat } from "../pool/run-step.js";
import { clientFor, serverError, streamError } from "./client.js";

export interface OllamaChatOptions {
  fetch: typeof fetch;
  model: string;
  /** The one `num_ctx` of the build. */
  contextTokens: number;
  seed: number;
  /** Hosts whose model reports the `thinking` capability; only they get `think: false`. */
  thinkingHosts: ReadonlySet<string>;
}

/** The message of the library when a stream ends without its `done` line. */
const incompleteStream = "Did not receive done or success response in stream.";

const formats = new Map<StepName, Record<string, unknown>>();

function formatOf(step: StepName): Record<string, unknown> {
  let format = formats.get(step);
  if (!format) {
    format = jsonSchemaOf(step);
    formats.set(step, format);
  }
  // The library writes into request objects, so every request gets its own copy.
  return structuredClone(format);
}

/** Sorts an error thrown while the stream was read; errors with a code come from the socket. */
function streamFailure(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted || !(error instanceof Error) || "code" in error) return error;
  if (error.message === incompleteStream)
    return new CallError("retry", "the response stream ended before its last line");
  return streamError(error.message);
}

async function readStream(
  stream: AsyncIterable<ChatResponse>,
  signal: AbortSignal,
): Promise<ChatReply> {
  let content = "";
  let last: Partial<ChatResponse> = {};
  try {
    for await (const part of stream) {
      content += part.message?.content ?? "";
      last = part;
    }
  } catch (error) {
    throw streamFailure(error, signal);
  }
  return {
    content,
    doneReason: last.done_reason ?? "",
    promptTokens: last.prompt_eval_count,
    completionTokens: last.eval_count,
  };
}

/** Creates the sender of the Ollama provider. */
export function ollamaSender(options: OllamaChatOptions): SendChat {
  return async (host, call, signal) => {
    const client = clientFor(host, options.fetch, signal);
    let stream: AsyncIterable<ChatResponse>;
    try {
      stream = await client.chat({
        model: options.model,
        messages: call.messages.map((message) => ({ ...message })),
        stream: true,
        format: formatOf(call.step),
        ...(options.thinkingHosts.has(host) ? { think: false } : {}),
        options: {
          num_ctx: options.contextTokens,
          temperature: 0,
          seed: options.seed,
          num_predict: call.maxTokens,
        },
      });
    } catch (error) {
      throw serverError(error, options.model, host, signal);
    }
    return readStream(stream, signal);
  };
}

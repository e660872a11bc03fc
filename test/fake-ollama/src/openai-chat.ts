/**
 * `/v1/chat/completions` in the OpenAI wire format, with the context check of llama.cpp's
 * llama-server: a prompt longer than the context is rejected with a 400, not truncated.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { responseFormatSchema } from "./answer.js";
import type { ChatRejection, ChatRequest, Dialect } from "./dialect.js";
import type { Generation } from "./generation.js";
import { HttpError, isRecord } from "./http.js";
import { messagesOf } from "./ollama-chat.js";

/** Request fields recorded as the options of a `/v1` request. */
const optionFields = [
  "temperature",
  "top_p",
  "seed",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "presence_penalty",
  "frequency_penalty",
  "stream_options",
];

/** Error types by status, as OpenAI-compatible servers name them. */
function errorType(status: number): string {
  if (status === 400) return "invalid_request_error";
  if (status === 404) return "not_found_error";
  if (status === 503) return "unavailable_error";
  return "server_error";
}

function parse(body: Record<string, unknown>): ChatRequest {
  const model = body["model"];
  if (typeof model !== "string" || model === "") throw new HttpError(400, "model is required");
  const options: Record<string, unknown> = {};
  for (const field of optionFields) if (field in body) options[field] = body[field];
  const format = body["response_format"];
  const type = isRecord(format) ? format["type"] : undefined;
  return {
    model,
    messages: messagesOf(body["messages"]),
    options,
    think: body["reasoning_effort"],
    format,
    schema: type === "json_object" ? "json" : responseFormatSchema(format),
    stream: body["stream"] === true,
  };
}

function maxTokensOf(request: ChatRequest): number {
  const value = request.options["max_completion_tokens"] ?? request.options["max_tokens"];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : -1;
}

function finishReason(generation: Generation): string {
  return generation.doneReason === "length" ? "length" : "stop";
}

function usage(generation: Generation): Record<string, number> {
  const prompt = generation.promptEvalCount;
  return {
    prompt_tokens: prompt,
    completion_tokens: generation.evalCount,
    total_tokens: prompt + generation.evalCount,
  };
}

/** Fields every completion object starts with; the id stays the same within one response. */
function head(
  response: ServerResponse,
  request: ChatRequest,
  object: string,
): Record<string, unknown> {
  const locals = response as ServerResponse & { completionId?: string };
  locals.completionId ??= `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  return {
    id: locals.completionId,
    object,
    created,
    model: request.model,
    system_fingerprint: "fp_fake",
  };
}

/** Whether a stream ends with a usage chunk, as `stream_options.include_usage` requests. */
function includesUsage(request: ChatRequest): boolean {
  const streamOptions = request.options["stream_options"];
  return isRecord(streamOptions) && streamOptions["include_usage"] === true;
}

function event(response: ServerResponse, value: unknown): void {
  response.write(`data: ${JSON.stringify(value)}\n\n`);
}

function chunk(
  response: ServerResponse,
  request: ChatRequest,
  delta: unknown,
  finish: string | null,
) {
  const choice = { index: 0, delta, finish_reason: finish };
  return { ...head(response, request, "chat.completion.chunk"), choices: [choice] };
}

/** Builds the 400 that llama-server sends for a prompt longer than its context. */
function contextError(promptTokens: number, contextTokens: number): ChatRejection {
  const message =
    `request (${promptTokens} tokens) exceeds the available context size ` +
    `(${contextTokens} tokens), try increasing it`;
  const error = { code: 400, message, type: "exceed_context_size_error" };
  return {
    status: 400,
    body: { error: { ...error, n_prompt_tokens: promptTokens, n_ctx: contextTokens } },
  };
}

export const openaiChat: Dialect = {
  endpoint: "/v1/chat/completions",
  contentType: "text/event-stream",
  parse,
  errorBody: (status, message) => ({ error: { code: status, message, type: errorType(status) } }),
  notFoundMessage: (model) => `model "${model}" not found, try pulling it first`,
  reject: (_request, model, promptTokens) =>
    promptTokens <= model.contextLength
      ? undefined
      : contextError(promptTokens, model.contextLength),
  limits: (request, model) => ({
    contextTokens: model.contextLength,
    maxTokens: maxTokensOf(request),
  }),
  thinks: (_request, model) => model.thinking,
  sendWhole(response, request, generation) {
    const message: Record<string, unknown> = { role: "assistant", content: generation.content };
    if (generation.thinking !== "") message["reasoning_content"] = generation.thinking;
    const choice = { index: 0, message, finish_reason: finishReason(generation) };
    const body = {
      ...head(response, request, "chat.completion"),
      choices: [choice],
      usage: usage(generation),
    };
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  },
  streamPiece(response, request, piece, kind) {
    const delta =
      kind === "content"
        ? { role: "assistant", content: piece }
        : { role: "assistant", reasoning_content: piece };
    event(response, chunk(response, request, delta, null));
  },
  streamEnd(response, request, generation) {
    event(response, chunk(response, request, {}, finishReason(generation)));
    if (includesUsage(request)) {
      const last = { ...head(response, request, "chat.completion.chunk"), choices: [] };
      event(response, { ...last, usage: usage(generation) });
    }
    response.write("data: [DONE]\n\n");
    response.end();
  },
  streamError(response, message) {
    event(response, { error: { code: 500, message, type: "server_error" } });
    response.end();
  },
};

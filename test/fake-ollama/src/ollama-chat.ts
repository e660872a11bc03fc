/** `/api/chat` in Ollama's wire format: NDJSON stream by default, durations in nanoseconds. */
import type { ServerResponse } from "node:http";
import { createdAt, type ChatRequest, type Dialect } from "./dialect.js";
import type { Generation } from "./generation.js";
import { HttpError, isRecord } from "./http.js";
import type { ChatMessage } from "./types.js";

/** Context size Ollama uses when a request sets no `num_ctx`. */
export const defaultNumCtx = 4096;

export function messagesOf(value: unknown): ChatMessage[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new HttpError(400, "invalid messages: expected an array");
  return value.map((message) => {
    const record = isRecord(message) ? message : {};
    return { role: String(record["role"] ?? "user"), content: textOf(record["content"]) };
  });
}

/** Returns a message's text; content parts (`[{type: "text", text}]`) are joined. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content == null ? "" : JSON.stringify(content);
  return content
    .map((part) => (isRecord(part) && typeof part["text"] === "string" ? part["text"] : ""))
    .join("");
}

function parse(body: Record<string, unknown>): ChatRequest {
  const model = body["model"];
  if (typeof model !== "string" || model === "") throw new HttpError(400, "model is required");
  return {
    model,
    messages: messagesOf(body["messages"]),
    options: isRecord(body["options"]) ? body["options"] : {},
    think: body["think"],
    format: body["format"],
    schema: body["format"] === "" ? undefined : body["format"],
    stream: body["stream"] !== false,
  };
}

function integerOption(request: ChatRequest, name: string): number | undefined {
  const value = request.options[name];
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function line(response: ServerResponse, value: unknown): void {
  response.write(`${JSON.stringify(value)}\n`);
}

function finalFields(generation: Generation): Record<string, unknown> {
  return {
    done: true,
    done_reason: generation.doneReason,
    total_duration: generation.durations.total,
    load_duration: generation.durations.load,
    prompt_eval_count: generation.promptEvalCount,
    prompt_eval_duration: generation.durations.promptEval,
    eval_count: generation.evalCount,
    eval_duration: generation.durations.eval,
  };
}

function message(content: string, thinking: string): Record<string, unknown> {
  return thinking === ""
    ? { role: "assistant", content }
    : { role: "assistant", content, thinking };
}

export const ollamaChat: Dialect = {
  endpoint: "/api/chat",
  contentType: "application/x-ndjson",
  parse,
  errorBody: (_status, text) => ({ error: text }),
  notFoundMessage: (model) => `model "${model}" not found, try pulling it first`,
  reject(request, model) {
    const wantsThinking = request.think !== undefined && request.think !== false;
    if (!wantsThinking || model.thinking) return undefined;
    return { status: 400, body: { error: `"${request.model}" does not support thinking` } };
  },
  limits(request) {
    const numCtx = integerOption(request, "num_ctx") ?? defaultNumCtx;
    const numPredict = integerOption(request, "num_predict") ?? -1;
    return { contextTokens: Math.max(1, numCtx), maxTokens: numPredict < 0 ? -1 : numPredict };
  },
  thinks: (request, model) => model.thinking && request.think !== false,
  sendWhole(response, request, generation) {
    const body = {
      model: request.model,
      created_at: createdAt(),
      message: message(generation.content, generation.thinking),
      ...finalFields(generation),
    };
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  },
  streamPiece(response, request, piece, kind) {
    const content = kind === "content" ? piece : "";
    const thinking = kind === "thinking" ? piece : "";
    line(response, {
      model: request.model,
      created_at: createdAt(),
      message: message(content, thinking),
      done: false,
    });
  },
  streamEnd(response, request, generation) {
    const last = { model: request.model, created_at: createdAt(), message: message("", "") };
    line(response, { ...last, ...finalFields(generation) });
    response.end();
  },
  streamError(response, text) {
    line(response, { error: text });
    response.end();
  },
};

/**
 * One `/v1/chat/completions` call to an OpenAI-compatible server such as llama.cpp's
 * llama-server, vLLM or Ollama's `/v1`. The step's JSON Schema goes in
 * `response_format.json_schema.schema`, where these servers read it, because a schema at the
 * top level is ignored without an error. Calls use temperature 0, a fixed seed and an answer
 * limit.
 */
import { jsonSchemaOf } from "@wiki/compiler";
import { CallError, statusError } from "../pool/call-error.js";
import type { ChatReply, SendChat } from "../pool/run-step.js";

export interface OpenAIChatOptions {
  fetch: typeof fetch;
  model: string;
  seed: number;
}

type Json = { [key: string]: unknown };

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the message of an error body: `{"error": {"message": …}}`, `{"error": "…"}` or plain text. */
export function errorMessageOf(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    const error = isJson(body) ? body["error"] : undefined;
    if (typeof error === "string") return error;
    if (isJson(error)) {
      const type = typeof error["type"] === "string" ? `${error["type"]}: ` : "";
      return `${type}${String(error["message"] ?? "")}`;
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return text.trim();
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Reads the reply of a completed call; an `error` field in a 200 response is a server error. */
export function replyOf(body: unknown): ChatReply {
  if (isJson(body) && body["error"] !== undefined) {
    throw new CallError(
      "retry",
      `the server reported an error: ${errorMessageOf(JSON.stringify(body))}`,
    );
  }
  const choices = isJson(body) && Array.isArray(body["choices"]) ? body["choices"] : [];
  const choice: unknown = choices[0];
  if (!isJson(choice)) throw new CallError("retry", "the response has no choices");
  const message = isJson(choice["message"]) ? choice["message"] : {};
  const usage = isJson(body) && isJson(body["usage"]) ? body["usage"] : {};
  return {
    content: typeof message["content"] === "string" ? message["content"] : "",
    doneReason: typeof choice["finish_reason"] === "string" ? choice["finish_reason"] : "",
    promptTokens: numberOf(usage["prompt_tokens"]),
    completionTokens: numberOf(usage["completion_tokens"]),
  };
}

/** Creates the sender of the OpenAI-compatible provider. */
export function openaiSender(options: OpenAIChatOptions): SendChat {
  return async (host, call, signal) => {
    const body = {
      model: options.model,
      messages: call.messages,
      stream: false,
      temperature: 0,
      seed: options.seed,
      max_tokens: call.maxTokens,
      response_format: {
        type: "json_schema",
        json_schema: { name: call.step, schema: jsonSchemaOf(call.step) },
      },
    };
    const response = await options.fetch(`${host}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    if (!response.ok) throw statusError(response.status, errorMessageOf(text), options.model);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CallError(
        "retry",
        `the server sent a body that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    return replyOf(parsed);
  };
}

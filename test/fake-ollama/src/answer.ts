/** Recognizes the step of a chat request from its JSON schema and builds the answer text. */
import { conform } from "./conform.js";
import { isRecord } from "./http.js";
import { analyzeAnswer } from "./rules/analyze.js";
import { confirmAnswer, overviewAnswer, writeAnswer } from "./rules/prose.js";
import type { ChatMessage, StepKind } from "./types.js";

/** Returns the step whose answer properties the schema lists, or `other`. */
export function stepOf(schema: unknown): StepKind {
  const properties = isRecord(schema) && isRecord(schema["properties"]) ? schema["properties"] : {};
  const has = (name: string): boolean => name in properties;
  if (has("entities") && has("claims")) return "analyze";
  if (has("summary") && has("paragraphs")) return "write";
  if (has("verdict")) return "confirm";
  if (has("overview")) return "overview";
  return "other";
}

/** Returns the schema of a `/v1` `response_format`, or `undefined` when it contains none. */
export function responseFormatSchema(format: unknown): unknown {
  if (!isRecord(format) || !isRecord(format["json_schema"])) return undefined;
  return format["json_schema"]["schema"];
}

/** Patterns that mark the input of each step in a message. */
const stepMarkers: Record<Exclude<StepKind, "other">, RegExp> = {
  analyze: /^\s*\[\d+-\d+\]/m,
  write: /<analysis>/,
  confirm: /<claim\b/,
  overview: /<member\b/,
};

/**
 * Returns the text a step's rule reads: the last system or user message with the step's input,
 * else all of them. A follow-up message of a retry thus does not hide the input.
 */
export function promptText(messages: ChatMessage[], step: Exclude<StepKind, "other">): string {
  const inputs = messages.filter((message) => message.role !== "assistant");
  const marked = inputs.filter((message) => stepMarkers[step].test(message.content)).at(-1);
  return marked ? marked.content : inputs.map((message) => message.content).join("\n");
}

const rules: Record<Exclude<StepKind, "other">, (message: string) => unknown> = {
  analyze: analyzeAnswer,
  write: writeAnswer,
  confirm: confirmAnswer,
  overview: overviewAnswer,
};

/**
 * Builds the answer content: the step's JSON fitted to the schema, `{}` for a schema of no
 * known step or for `format: "json"`, and a plain sentence when no format is set.
 */
export function answerContent(messages: ChatMessage[], schema: unknown): string {
  const step = stepOf(schema);
  if (step !== "other" && isRecord(schema)) {
    return JSON.stringify(conform(rules[step](promptText(messages, step)), schema));
  }
  if (isRecord(schema)) return JSON.stringify(conform({}, schema));
  if (schema === "json") return "{}";
  return "The fake model server read the request.";
}

/** Estimated tokens of a text: one per four characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function promptTokensOf(messages: ChatMessage[]): number {
  return estimateTokens(messages.map((message) => message.content).join(""));
}

/**
 * Finds the JSON object in a model's answer: removes reasoning blocks (`<think>…</think>`, or
 * everything before a lone closing tag), prefers the body of a Markdown fence, and skips the
 * text around the object.
 */
import { type JsonValue, LenientJsonError, parseLenientJson } from "./lenient-json.js";

/** Which parsed objects can be the answer, and how to name them in an error. */
export interface AnswerShape {
  accept: (value: { [key: string]: JsonValue }) => boolean;
  /** E.g. `an object with the keys entities, claims`. */
  expected: string;
}

export type Extraction =
  { ok: true; value: JsonValue; repairs: Set<string> } | { ok: false; error: string };

/** Starting positions tried per answer, so a long answer full of braces stays cheap. */
const MAX_STARTS = 40;
const reasoningTags = ["think", "thinking", "reasoning"];

/** Removes reasoning blocks; returns the remaining text. */
export function stripReasoning(text: string, repairs: Set<string>): string {
  let result = text;
  for (const tag of reasoningTags) {
    const closed = new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, "gi");
    if (closed.test(result)) repairs.add("reasoning-block");
    result = result.replace(closed, "");
    const close = result.toLowerCase().lastIndexOf(`</${tag}>`);
    if (close >= 0) {
      repairs.add("reasoning-block");
      result = result.slice(close + tag.length + 3);
    }
    const open = new RegExp(`<${tag}>`, "gi");
    if (open.test(result)) repairs.add("reasoning-block");
    result = result.replace(open, "");
  }
  return result;
}

/** Bodies of Markdown fences, closed or cut off at the end of the answer. */
function fenceBodies(text: string): string[] {
  const bodies: string[] = [];
  const fence = /```[\w-]*[^\S\n]*\n?([\s\S]*?)(?:```|$)/g;
  for (const match of text.matchAll(fence)) {
    if (match[1] !== undefined && match[1].trim() !== "") bodies.push(match[1]);
  }
  return bodies;
}

function startsOf(text: string, char: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(char); at >= 0 && starts.length < MAX_STARTS;) {
    starts.push(at);
    at = text.indexOf(char, at + 1);
  }
  return starts;
}

interface Search {
  found?: { [key: string]: JsonValue };
  /** First syntax error, reported when no object was accepted. */
  error?: LenientJsonError;
  /** Whether an object parsed but had the wrong shape. */
  rejected: boolean;
}

/** Reads the object at `start`, unwrapping a one-object array; returns undefined for other values. */
function objectAt(text: string, start: number, repairs: Set<string>) {
  const parsed = parseLenientJson(text, start);
  let value = parsed.value;
  if (Array.isArray(value) && value.length === 1 && isObject(value[0])) {
    value = value[0];
    repairs.add("wrapped-in-array");
  }
  if (!isObject(value)) return undefined;
  parsed.repairs.forEach((repair) => repairs.add(repair));
  if (text.slice(0, start).trim() !== "" || text.slice(parsed.end).trim() !== "") {
    repairs.add("surrounding-text");
  }
  return value;
}

/**
 * Finds the first object of `text` that `shape` accepts, trying each `{` and then each `[`.
 * Objects nested in a broken answer are rejected by the shape, so a cut-off answer is reported
 * as invalid JSON and not read as one of its records.
 */
function search(text: string, shape: AnswerShape, repairs: Set<string>): Search {
  const result: Search = { rejected: false };
  for (const char of ["{", "["]) {
    for (const start of startsOf(text, char)) {
      const local = new Set<string>();
      try {
        const value = objectAt(text, start, local);
        if (value === undefined) continue;
        if (!shape.accept(value)) {
          result.rejected = true;
          continue;
        }
        local.forEach((repair) => repairs.add(repair));
        return { ...result, found: value };
      } catch (error) {
        if (!(error instanceof LenientJsonError)) throw error;
        result.error ??= error;
      }
    }
  }
  return result;
}

export function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Typographic quotes in place of JSON's, as some models write the whole answer. */
function straightenQuotes(text: string): string | undefined {
  return /[\u201c\u201d]/.test(text) ? text.replace(/[\u201c\u201d]/g, '"') : undefined;
}

/** Extracts the JSON object of an answer, or states why there is none. */
export function extractJson(content: string, shape: AnswerShape): Extraction {
  const repairs = new Set<string>();
  const text = stripReasoning(content.replace(/^\uFEFF/, ""), repairs);
  if (text.trim() === "") {
    const onlyReasoning = content.trim() !== "";
    return {
      ok: false,
      error: onlyReasoning ? "the answer contains only reasoning, no JSON" : "the answer is empty",
    };
  }

  const fences = fenceBodies(text);
  let error: LenientJsonError | undefined;
  let rejected = false;
  for (const candidate of [...fences, text]) {
    const result = search(candidate, shape, repairs);
    if (result.found) {
      if (candidate !== text) repairs.add("markdown-fence");
      return { ok: true, value: result.found, repairs };
    }
    error ??= result.error;
    rejected ||= result.rejected;
  }

  const straight = straightenQuotes(text);
  const retried = straight === undefined ? undefined : search(straight, shape, repairs);
  if (retried?.found) {
    repairs.add("smart-quotes");
    return { ok: true, value: retried.found, repairs };
  }

  if (error) return { ok: false, error: `invalid JSON: ${error.message}` };
  if (rejected) return { ok: false, error: `the JSON is not ${shape.expected}` };
  return { ok: false, error: "no JSON object in the answer" };
}

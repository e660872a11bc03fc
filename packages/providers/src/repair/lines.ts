/**
 * Line ranges as models write them: `[3, 5]`, `[5, 3]`, `[3]`, `3`, `"3-5"`, `"L3–L5"`,
 * `{"start": 3, "end": 5}`. They become `[start, end]` with start ≤ end, clamped to the lines of
 * the chunk the model saw.
 */
import type { LineRange } from "@wiki/compiler";
import type { JsonValue } from "./lenient-json.js";
import { isObject } from "./extract.js";

const startKeys = ["start", "from", "first", "begin", "startline", "linestart"];
const endKeys = ["end", "to", "last", "stop", "endline", "lineend"];

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function integerOf(value: JsonValue | undefined): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value);
  if (typeof value === "string") {
    const match = /-?\d+/.exec(value);
    return match ? Number(match[0]) : undefined;
  }
  return undefined;
}

function pickByKeys(object: { [key: string]: JsonValue }, keys: string[]): number | undefined {
  for (const [key, value] of Object.entries(object)) {
    if (keys.includes(normalizeKey(key))) return integerOf(value);
  }
  return undefined;
}

/** Lists the numbers of a line value, in the order written. */
function numbersOf(value: JsonValue | undefined): number[] {
  if (Array.isArray(value)) {
    return value
      .flatMap((item) => (Array.isArray(item) ? numbersOf(item) : [integerOf(item)]))
      .filter((item): item is number => item !== undefined);
  }
  if (typeof value === "string")
    return [...value.matchAll(/\d+/g)].map((match) => Number(match[0]));
  if (isObject(value)) {
    return [pickByKeys(value, startKeys), pickByKeys(value, endKeys)].filter(
      (item): item is number => item !== undefined,
    );
  }
  const single = integerOf(value);
  return single === undefined ? [] : [single];
}

/** Start and end keys on the record itself, like `"start_line": 3, "end_line": 5`. */
export function linesFromRecord(record: { [key: string]: JsonValue }): JsonValue | undefined {
  const start = pickByKeys(record, ["startline", "linestart", "fromline", "firstline"]);
  const end = pickByKeys(record, ["endline", "lineend", "toline", "lastline"]);
  if (start === undefined && end === undefined) return undefined;
  return [start ?? end ?? 0, end ?? start ?? 0];
}

/**
 * Turns a line value into a range inside 1..lineCount; returns undefined when it contains no
 * number. Adds `lines-reordered` or `lines-clamped` to `repairs` when it had to change one.
 */
export function coerceLines(
  value: JsonValue | undefined,
  lineCount: number | undefined,
  repairs: Set<string>,
): LineRange | undefined {
  const numbers = numbersOf(value);
  const first = numbers[0];
  if (first === undefined) return undefined;
  let start = first;
  let end = numbers.length > 1 ? (numbers[numbers.length - 1] ?? first) : first;
  if (!Array.isArray(value) || value.length !== 2 || numbers.length !== 2)
    repairs.add("lines-shape");
  if (start > end) {
    [start, end] = [end, start];
    repairs.add("lines-reordered");
  }
  const max = lineCount !== undefined && lineCount >= 1 ? lineCount : Number.MAX_SAFE_INTEGER;
  const clamped: LineRange = [Math.min(Math.max(start, 1), max), Math.min(Math.max(end, 1), max)];
  if (clamped[0] !== start || clamped[1] !== end) repairs.add("lines-clamped");
  return clamped;
}

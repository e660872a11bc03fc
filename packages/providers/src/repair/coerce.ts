/**
 * Brings a parsed answer close to the JSON Schema of its step before zod validates it: keys in
 * another case or number, arrays sent as JSON strings, one string where a list is expected,
 * numbers sent as strings, enum values in another spelling, `null` for a field with a default,
 * and line ranges in any of the shapes `lines.ts` reads. Values it cannot place stay as they
 * are, so that validation reports them.
 */
import type { JsonValue } from "./lenient-json.js";
import { parseLenientJson } from "./lenient-json.js";
import { isObject } from "./extract.js";
import { coerceLines, linesFromRecord } from "./lines.js";

export type JsonSchema = { [key: string]: unknown };

export interface CoerceContext {
  /** Lines of the chunk the model saw; ranges are clamped to it. */
  lineCount: number | undefined;
  repairs: Set<string>;
}

const synonyms: Record<string, string[]> = {
  name: ["entity", "entityname", "term"],
  lines: ["line", "linerange", "lineranges", "range", "span"],
  description: ["desc", "definition"],
  statement: ["claim", "fact"],
  overview: ["summary", "text"],
  verdict: ["answer", "result", "decision"],
  from: ["source", "subject"],
  to: ["target", "object"],
  kind: ["type", "relation", "relationship"],
};

export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Returns the schema property that a key of the answer maps to, if any. */
export function propertyFor(key: string, properties: string[]): string | undefined {
  const normalized = normalizeKey(key);
  const exact = properties.find((name) => normalizeKey(name) === normalized);
  if (exact !== undefined) return exact;
  const plural = properties.find((name) => {
    const target = normalizeKey(name);
    const plurals = [`${normalized}s`, `${normalized}es`, normalized.replace(/y$/, "ies")];
    return plurals.includes(target) || `${target}s` === normalized;
  });
  return plural ?? properties.find((name) => synonyms[name]?.includes(normalized));
}

/** Values of `input` under the schema's property names; exact names win over near ones. */
function mapKeys(
  input: { [key: string]: JsonValue },
  properties: string[],
  context: CoerceContext,
) {
  const mapped: { [key: string]: JsonValue } = {};
  const exact = Object.keys(input).filter((key) => properties.includes(key));
  const others = Object.keys(input).filter((key) => !properties.includes(key));
  for (const key of [...exact, ...others]) {
    const property = propertyFor(key, properties);
    if (property === undefined || property in mapped) continue;
    if (property !== key) context.repairs.add("key-name");
    mapped[property] = input[key] ?? null;
  }
  return mapped;
}

function typeOf(schema: JsonSchema): string {
  if (typeof schema["type"] === "string") return schema["type"];
  return isObject(schema["properties"]) ? "object" : "";
}

function parseJsonString(value: string, context: CoerceContext): JsonValue | undefined {
  const text = value.trim();
  if (!text.startsWith("[") && !text.startsWith("{")) return undefined;
  try {
    const parsed = parseLenientJson(text);
    context.repairs.add("json-string");
    return parsed.value;
  } catch {
    return undefined;
  }
}

function coerceObject(value: JsonValue, schema: JsonSchema, context: CoerceContext): JsonValue {
  const input = typeof value === "string" ? (parseJsonString(value, context) ?? value) : value;
  if (!isObject(input)) return input;
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  const mapped = mapKeys(input, Object.keys(properties), context);
  const result: { [key: string]: JsonValue } = {};
  for (const [key, property] of Object.entries(properties)) {
    const propertySchema = property as JsonSchema;
    const coerced =
      key === "lines" && Array.isArray(propertySchema["items"])
        ? coerceRecordLines(mapped[key] ?? linesFromRecord(input), context)
        : coerceValue(mapped[key], propertySchema, context);
    if (coerced !== undefined) result[key] = coerced;
  }
  return result;
}

/** Returns a record's line range; a record without one gets the whole chunk, which contains it. */
function coerceRecordLines(
  value: JsonValue | undefined,
  context: CoerceContext,
): JsonValue | undefined {
  const lines = coerceLines(value, context.lineCount, context.repairs);
  if (lines !== undefined) return lines;
  if (context.lineCount === undefined) return value;
  context.repairs.add("lines-missing");
  return [1, context.lineCount];
}

function coerceArray(value: JsonValue, schema: JsonSchema, context: CoerceContext): JsonValue {
  const items = isObject(schema["items"]) ? (schema["items"] as JsonSchema) : {};
  let input: JsonValue = value;
  if (typeof input === "string")
    input = parseJsonString(input, context) ?? stringAsArray(input, items, context);
  if (isObject(input) && typeOf(items) === "object") {
    context.repairs.add("object-as-array");
    input = [input];
  }
  if (!Array.isArray(input)) return input;
  const result: JsonValue[] = [];
  for (const item of input) {
    const coerced = coerceValue(item, items, context);
    if (coerced !== undefined) result.push(coerced);
  }
  return result;
}

/** Wraps one string where a list is expected: a list of that string, or of the numbers in it. */
function stringAsArray(value: string, items: JsonSchema, context: CoerceContext): JsonValue {
  context.repairs.add("string-as-array");
  const type = typeOf(items);
  if (type === "integer" || type === "number") {
    return [...value.matchAll(/\d+/g)].map((match) => Number(match[0]));
  }
  return value.trim() === "" ? [] : [value];
}

function coerceString(
  value: JsonValue,
  schema: JsonSchema,
  context: CoerceContext,
): JsonValue | undefined {
  let text: JsonValue = value;
  if (typeof value === "number" || typeof value === "boolean") {
    context.repairs.add("number-as-string");
    text = String(value);
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) {
    context.repairs.add("array-as-string");
    text = value.filter((item) => item !== null).join(", ");
  }
  if (typeof text !== "string") return text;
  const values = Array.isArray(schema["enum"]) ? schema["enum"].map(String) : undefined;
  return values ? coerceEnum(text.trim(), values, "default" in schema, context) : text.trim();
}

/** Maps an enum value written in another case, with other separators, or as another word form. */
function coerceEnum(text: string, values: string[], hasDefault: boolean, context: CoerceContext) {
  if (values.includes(text)) return text;
  const normalized = text.toLowerCase().replace(/[\s_]+/g, "-");
  const match =
    values.find((item) => item === normalized) ??
    values.find((item) => sharedPrefix(item, normalized) >= 5);
  if (match) {
    context.repairs.add("enum-spelling");
    return match;
  }
  context.repairs.add(hasDefault ? "enum-default" : "enum-unknown");
  return hasDefault ? undefined : text;
}

function sharedPrefix(left: string, right: string): number {
  let length = 0;
  while (length < left.length && left[length] === right[length]) length += 1;
  return length;
}

function coerceInteger(value: JsonValue): JsonValue {
  if (typeof value === "number") return Math.round(value);
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value))
    return Math.round(Number(value));
  return value;
}

/** Coerces one value to its schema; undefined means "leave the field out". */
export function coerceValue(
  value: JsonValue | undefined,
  schema: JsonSchema,
  context: CoerceContext,
): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) {
    context.repairs.add("null-value");
    return undefined;
  }
  switch (typeOf(schema)) {
    case "object":
      return coerceObject(value, schema, context);
    case "array":
      return coerceArray(value, schema, context);
    case "string":
      return coerceString(value, schema, context);
    case "integer":
    case "number":
      return coerceInteger(value);
    default:
      return value;
  }
}

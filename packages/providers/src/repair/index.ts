/**
 * The tolerant answer parser: finds the JSON in a model's answer, repairs what it safely can,
 * validates it with the step's zod schema and keeps the valid records of a partly valid answer.
 */
import { jsonSchemaOf, stepSchemas } from "@wiki/compiler";
import type { Analysis, Overview, Prose, StepName, Verdict } from "@wiki/compiler";
import type { z } from "zod";
import { coerceValue, propertyFor, type JsonSchema } from "./coerce.js";
import { extractJson, isObject, type AnswerShape } from "./extract.js";
import type { JsonValue } from "./lenient-json.js";
import { countRecords, pruneInvalid } from "./prune.js";

/** The validated answer of each step. */
export interface StepValues {
  analyze: Analysis;
  write: Prose;
  confirm: Verdict;
  overview: Overview;
}

export interface RepairOptions {
  /** Lines of the chunk the model saw; line ranges are clamped to 1..lineCount. */
  lineCount?: number;
  /** Claims in the analysis a write step saw; claim indexes outside it are dropped. */
  claimCount?: number;
}

export type Repaired<T> =
  | {
      ok: true;
      value: T;
      /** Records removed because they failed validation, by the array they were in. */
      dropped: Record<string, number>;
      droppedCount: number;
      /** Names of the repairs made, e.g. `markdown-fence`, `trailing-comma`, `lines-clamped`. */
      repairs: string[];
    }
  | { ok: false; error: string };

const schemaCache = new Map<StepName, JsonSchema>();

function jsonSchema(step: StepName): JsonSchema {
  let schema = schemaCache.get(step);
  if (!schema) {
    schema = jsonSchemaOf(step);
    schemaCache.set(step, schema);
  }
  return schema;
}

/** Tells whether an object has one of `properties` as a key, in any spelling `coerce` maps. */
function hasKnownKey(object: { [key: string]: JsonValue }, properties: string[]): boolean {
  return Object.keys(object).some((key) => propertyFor(key, properties) !== undefined);
}

/** Returns the shape of an answer: an object with a key of the step, or one wrapping such an object. */
function shapeOf(properties: string[]): AnswerShape {
  return {
    accept: (value) =>
      hasKnownKey(value, properties) ||
      Object.values(value).some((item) => isObject(item) && hasKnownKey(item, properties)),
    expected: `an object with the keys ${properties.join(", ")}`,
  };
}

/** Unwraps `{"analysis": {...}}` or a schema echo `{"properties": {...}}` around the answer. */
function unwrap(value: { [key: string]: JsonValue }, properties: string[], repairs: Set<string>) {
  if (hasKnownKey(value, properties)) return value;
  const inner = Object.values(value).find(
    (item) => isObject(item) && hasKnownKey(item, properties),
  );
  if (!isObject(inner)) return value;
  repairs.add("unwrapped");
  return inner;
}

/** Gives required arrays that a model left out an empty list, when the answer has other keys. */
function fillMissingArrays(value: JsonValue, schema: JsonSchema, repairs: Set<string>): void {
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  if (!isObject(value) || !Object.keys(properties).some((key) => key in value)) return;
  for (const [key, property] of Object.entries(properties)) {
    if (
      !(key in value) &&
      isObject(property) &&
      property["type"] === "array" &&
      !("default" in property)
    ) {
      value[key] = [];
      repairs.add("missing-array");
    }
  }
}

/** Drops claim indexes of a write answer that point past the analysis it was given. */
function dropUnknownClaims(value: JsonValue, claimCount: number, repairs: Set<string>): void {
  const paragraphs =
    isObject(value) && Array.isArray(value["paragraphs"]) ? value["paragraphs"] : [];
  for (const paragraph of paragraphs) {
    const sentences =
      isObject(paragraph) && Array.isArray(paragraph["sentences"]) ? paragraph["sentences"] : [];
    for (const sentence of sentences) {
      if (!isObject(sentence) || !Array.isArray(sentence["claims"])) continue;
      const claims = sentence["claims"];
      const known = claims.filter(
        (index) => typeof index === "number" && index >= 0 && index < claimCount,
      );
      if (known.length !== claims.length) repairs.add("claim-index");
      sentence["claims"] = [...new Set(known)];
    }
  }
}

/** Parses, repairs and validates the answer of `step`. */
export function repairAnswer<S extends StepName>(
  step: S,
  content: string,
  options: RepairOptions = {},
): Repaired<StepValues[S]> {
  const schema = jsonSchema(step);
  const properties = Object.keys(isObject(schema["properties"]) ? schema["properties"] : {});
  const extracted = extractJson(content, shapeOf(properties));
  if (!extracted.ok) return extracted;
  const repairs = extracted.repairs;
  const root = unwrap(extracted.value as { [key: string]: JsonValue }, properties, repairs);

  const context = { lineCount: options.lineCount, repairs };
  const coerced = coerceValue(root, schema, context) ?? {};
  fillMissingArrays(coerced, schema, repairs);
  if (step === "write" && options.claimCount !== undefined) {
    dropUnknownClaims(coerced, options.claimCount, repairs);
  }

  const before = countRecords(coerced);
  const pruned = pruneInvalid(
    coerced,
    stepSchemas[step] as unknown as z.ZodType<StepValues[S]>,
    schema,
  );
  if (!pruned.ok) return pruned;
  const droppedCount = Object.values(pruned.dropped).reduce((sum, count) => sum + count, 0);
  if (before > 0 && countRecords(coerced) === 0) {
    return { ok: false, error: `every record of the answer was invalid: ${pruned.issues}` };
  }
  return {
    ok: true,
    value: pruned.value,
    dropped: pruned.dropped,
    droppedCount,
    repairs: [...repairs].sort(),
  };
}

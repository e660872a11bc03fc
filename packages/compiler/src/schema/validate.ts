/**
 * Reads the parsed `wiki.yaml` node by node against the settings catalog, so every problem gets
 * the line and column of the node it is about. Invalid values are left out (the default applies)
 * and reported; the caller fails the build when any problem is reported.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import type { Field, IntegerField, ListField, ObjectField, StringField } from "./fields.js";
import {
  describeValue,
  listAllowed,
  type SchemaProblem,
  type SchemaProblemCode,
} from "./problems.js";
import { checkDistinctValues, checkUniqueItems } from "./distinct.js";
import { checkRule } from "./rules.js";
import { unknownKeyMessage } from "./unknown-key.js";

export interface ReadContext {
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  problems: SchemaProblem[];
}

/**
 * Reads `node` as `field`; returns undefined when the node is empty or invalid. `at` is the node
 * whose position an empty value is reported at (the key of `key:` with no value).
 */
export function readField(
  node: unknown,
  field: Field,
  path: string,
  context: ReadContext,
  at: unknown = node,
): unknown {
  const resolved = isAlias(node) ? node.resolve(context.document) : node;
  const empty =
    resolved === undefined || resolved === null || (isScalar(resolved) && resolved.value === null);
  if (empty && path === "") return undefined;
  if (empty) {
    const message = `${path} is empty; give it a value or remove the key to use the default`;
    return void report(context, "wrong-type", resolved ?? at, message);
  }

  switch (field.type) {
    case "object":
      return readObject(resolved, field, path, context);
    case "list":
      return readList(resolved, field, path, context);
    case "string":
      return readString(resolved, field, path, context);
    case "integer":
      return readInteger(resolved, field, path, context);
  }
}

function readObject(node: unknown, field: ObjectField, path: string, context: ReadContext) {
  if (!isMap(node)) return wrongType(node, "a mapping of settings", path, context);
  const result: Record<string, unknown> = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const child = typeof key === "string" ? field.fields[key] : undefined;
    if (typeof key !== "string" || child === undefined) {
      const message = unknownKeyMessage(String(key), path, field);
      report(context, "unknown-key", pair.key ?? node, message);
      continue;
    }
    const value = readField(pair.value, child, join(path, key), context, pair.key);
    if (value !== undefined) result[key] = value;
  }
  for (const key of field.required) {
    if (result[key] !== undefined || hasKey(node, key)) continue;
    const about = (field.fields[key]?.description ?? "").replace(/\.$/, "").toLowerCase();
    report(context, "missing-key", node, `${path} lacks the key "${key}" (${about})`);
  }
  if (field.distinctValues === true) checkDistinctValues(node, result, path, context);
  return result;
}

function readList(node: unknown, field: ListField, path: string, context: ReadContext) {
  if (!isSeq(node)) {
    const single = isScalar(node) && typeof node.value === "string";
    const hint = single ? `; write [${JSON.stringify(node.value)}] for a list of one item` : "";
    return wrongType(node, "a list", path, context, hint);
  }
  const items: unknown[] = [];
  node.items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const value = readField(item, field.items, itemPath, context);
    if (value !== undefined) items.push(value);
  });
  if (node.items.length < field.minItems) {
    const count = field.minItems === 1 ? "one item" : `${field.minItems} items`;
    report(context, "invalid-value", node, `${path} must list at least ${count}`);
  }
  if (field.uniqueKey !== undefined) checkUniqueItems(node.items, field.uniqueKey, path, context);
  return items;
}

function readString(node: unknown, field: StringField, path: string, context: ReadContext) {
  if (!isScalar(node) || typeof node.value !== "string") {
    return wrongType(node, "a string", path, context);
  }
  const value = node.value;
  if (field.enum !== undefined && !field.enum.includes(value)) {
    const message = `${path} must be ${listAllowed(field.enum)}, not ${JSON.stringify(value)}`;
    return void report(context, "invalid-value", node, message);
  }
  const failure = field.rule === undefined ? undefined : checkRule(field.rule, value);
  if (failure !== undefined) {
    return void report(context, failure.code, node, `${path} ${failure.reason}`);
  }
  return value;
}

function readInteger(node: unknown, field: IntegerField, path: string, context: ReadContext) {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return wrongType(node, "an integer", path, context);
  }
  if (value < field.minimum || value > field.maximum) {
    const range = `an integer from ${field.minimum} to ${field.maximum}`;
    return void report(context, "invalid-value", node, `${path} must be ${range}, not ${value}`);
  }
  return value;
}

function hasKey(node: unknown, key: string): boolean {
  return isMap(node) && node.has(key);
}

function wrongType(
  node: unknown,
  expected: string,
  path: string,
  context: ReadContext,
  hint = "",
): undefined {
  const value = isScalar(node) ? node.value : isSeq(node) ? [] : isMap(node) ? {} : node;
  const subject = path === "" ? "the top level" : path;
  const message = `${subject} must be ${expected}, not ${describeValue(value)}${hint}`;
  report(context, "wrong-type", node, message);
  return undefined;
}

/** Records a problem at the start of `node` (line 1, column 1 when it has no position). */
export function report(
  context: ReadContext,
  code: SchemaProblemCode,
  node: unknown,
  message: string,
): void {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  const position = range ? context.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
  const line = Math.max(position.line, 1);
  context.problems.push({ code, file: context.file, line, column: position.col, message });
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

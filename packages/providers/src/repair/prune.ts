/**
 * Validates a coerced answer with the zod schema of its step and drops the invalid records of
 * a partly valid answer: an entity, claim, relation, paragraph or sentence that fails
 * validation goes, the rest stays. A failure outside any record makes the answer unusable.
 */
import type { z } from "zod";
import type { JsonValue } from "./lenient-json.js";
import { isObject } from "./extract.js";
import type { JsonSchema } from "./coerce.js";

type Path = (string | number)[];

export type Pruned<T> =
  | { ok: true; value: T; dropped: Record<string, number>; issues: string }
  | { ok: false; error: string };

/** Rounds of validation; each removes at least one record, so this bounds the work per answer. */
const MAX_ROUNDS = 16;

/** Returns the path of the deepest record (an object inside an array) that contains `path`. */
function recordOf(path: readonly PropertyKey[], schema: JsonSchema): Path | undefined {
  let node: unknown = schema;
  let record: Path | undefined;
  const walked: Path = [];
  for (const segment of path) {
    if (!isObject(node) || typeof segment === "symbol") break;
    if (typeof segment === "number") {
      const items = node["items"];
      if (!isObject(items)) break;
      walked.push(segment);
      if (items["type"] === "object") record = [...walked];
      node = items;
    } else {
      const properties = node["properties"];
      node = isObject(properties) ? properties[segment] : undefined;
      walked.push(segment);
    }
  }
  return record;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join(".") || "answer";
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return shown.join("; ") + more;
}

function arrayAt(root: JsonValue, path: Path): JsonValue[] | undefined {
  let node: JsonValue | undefined = root;
  for (const segment of path) {
    if (typeof segment === "number") node = Array.isArray(node) ? node[segment] : undefined;
    else node = isObject(node) ? node[segment] : undefined;
  }
  return Array.isArray(node) ? node : undefined;
}

/** Removes the records at `paths`, highest index first; counts them by array name. */
function removeRecords(root: JsonValue, paths: Path[], dropped: Record<string, number>): void {
  const unique = new Map(paths.map((path) => [JSON.stringify(path), path]));
  const sorted = [...unique.values()].sort((left, right) => {
    const a = left[left.length - 1] as number;
    const b = right[right.length - 1] as number;
    return b - a;
  });
  for (const path of sorted) {
    const parent = path.slice(0, -1);
    const array = arrayAt(root, parent);
    array?.splice(path[path.length - 1] as number, 1);
    const name = String(parent.filter((segment) => typeof segment === "string").pop() ?? "records");
    dropped[name] = (dropped[name] ?? 0) + 1;
  }
}

/** Counts the records of the top-level arrays of an answer. */
export function countRecords(value: JsonValue): number {
  if (!isObject(value)) return 0;
  return Object.values(value).reduce<number>(
    (sum, item) => sum + (Array.isArray(item) ? item.length : 0),
    0,
  );
}

/** Validates `value` with `schema`, dropping invalid records; `value` is changed in place. */
export function pruneInvalid<T>(
  value: JsonValue,
  schema: z.ZodType<T>,
  json: JsonSchema,
): Pruned<T> {
  const dropped: Record<string, number> = {};
  let firstIssues = "";
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data, dropped, issues: firstIssues };
    const issues = parsed.error.issues;
    firstIssues ||= describeIssues(issues);
    const records = issues.map((issue) => recordOf(issue.path, json));
    if (records.some((record) => record === undefined)) {
      return { ok: false, error: describeIssues(issues) };
    }
    removeRecords(value, records as Path[], dropped);
  }
  return { ok: false, error: `too many invalid records: ${firstIssues}` };
}

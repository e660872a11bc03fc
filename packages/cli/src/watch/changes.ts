/**
 * The changes between two snapshots of the inputs, as a list for `--json` and as a short phrase
 * for the status line: file names when there are a few, counts when there are many.
 */
import type { InputSnapshot } from "./snapshot.js";

export interface InputChange {
  kind: "source" | "schema";
  /** Path relative to the raw folder (sources) or to the schema folder (schema files), POSIX. */
  path: string;
  change: "added" | "changed" | "removed" | "renamed";
  /** The previous path of a renamed file. */
  from?: string;
}

/** Lists the changed inputs; a file removed and another added with the same bytes is a rename. */
export function diffSnapshots(
  previous: InputSnapshot | undefined,
  current: InputSnapshot,
): InputChange[] {
  return [
    ...diffFiles("source", previous?.sources ?? new Map(), current.sources),
    ...diffFiles("schema", previous?.schema ?? new Map(), current.schema),
  ];
}

function diffFiles(
  kind: InputChange["kind"],
  before: Map<string, string>,
  after: Map<string, string>,
): InputChange[] {
  const changes: InputChange[] = [];
  const removedByHash = new Map<string, string[]>();
  for (const [file, hash] of before) {
    if (after.has(file)) continue;
    removedByHash.set(hash, [...(removedByHash.get(hash) ?? []), file]);
  }
  for (const [file, hash] of [...after].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const old = before.get(file);
    if (old === hash) continue;
    const from = old === undefined ? removedByHash.get(hash)?.shift() : undefined;
    if (from !== undefined) changes.push({ kind, path: file, change: "renamed", from });
    else changes.push({ kind, path: file, change: old === undefined ? "added" : "changed" });
  }
  for (const file of [...removedByHash.values()].flat().sort()) {
    changes.push({ kind, path: file, change: "removed" });
  }
  return changes;
}

/** Changes named one by one up to this count; beyond it the status line gives counts. */
const maxNamedChanges = 3;

/**
 * Describes the changes in a few words: `api.md changed`, `a.md renamed to b.md, schema/wiki.yaml
 * changed`, or `12 sources changed, 2 added; 1 schema file changed`. `schemaLabel` is the prefix
 * of schema files.
 */
export function describeChanges(changes: InputChange[], schemaLabel: string): string {
  if (changes.length === 0) return "no input changed";
  const name = (change: InputChange, file: string) =>
    change.kind === "schema" ? `${schemaLabel}/${file}` : file;
  if (changes.length <= maxNamedChanges) {
    return changes
      .map((change) =>
        change.from === undefined
          ? `${name(change, change.path)} ${change.change}`
          : `${name(change, change.from)} renamed to ${name(change, change.path)}`,
      )
      .join(", ");
  }
  return countChanges(changes, schemaLabel);
}

function countChanges(changes: InputChange[], schemaLabel: string): string {
  const parts: string[] = [];
  for (const kind of ["source", "schema"] as const) {
    const counts = new Map<string, number>();
    for (const change of changes.filter((each) => each.kind === kind)) {
      counts.set(change.change, (counts.get(change.change) ?? 0) + 1);
    }
    const words = [...counts].map(([change, count], index) => {
      if (index > 0) return `${count} ${change}`;
      const noun = kind === "source" ? "source" : `${schemaLabel} file`;
      return `${count} ${noun}${count === 1 ? "" : "s"} ${change}`;
    });
    if (words.length) parts.push(words.join(", "));
  }
  return parts.join("; ");
}

/**
 * The inputs of a build at one moment: the sha256 of every source the build would read and of
 * every file of the schema folder, summed up in one fingerprint. Two snapshots with the same
 * fingerprint build the same wiki, so `wiki watch` skips a build whose fingerprint equals that of
 * the last build that finished.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { loadSchema, scan } from "@wiki/compiler";
import type { IgnorePredicate } from "./ignore.js";

/** The largest source a build reads; larger files are reported by scan and skipped. */
const maxSourceBytes = 8 * 1024 * 1024;

/** Marks a source that scan could not read, followed by the problem code, in place of a hash. */
const unreadablePrefix = "unreadable:";

export interface InputSnapshot {
  /**
   * sha256 by source path (relative to the raw folder, POSIX). A file that scan could not read
   * has `unreadable:` and the problem code in place of its hash.
   */
  sources: Map<string, string>;
  /** sha256 by path relative to the schema folder, POSIX. */
  schema: Map<string, string>;
  /** sha256 of both maps. */
  fingerprint: string;
}

export interface SnapshotFolders {
  rawDir: string;
  schemaDir: string;
}

/**
 * Reads the inputs as a build would: the sources that scan finds with the schema's `include` and
 * `exclude` globs, and every file of the schema folder that `ignore` lets through.
 */
export async function takeSnapshot(
  folders: SnapshotFolders,
  ignore: IgnorePredicate,
): Promise<InputSnapshot> {
  const schemaExists = existsSync(folders.schemaDir);
  const { config } = loadSchema(schemaExists ? folders.schemaDir : undefined);
  const scanned = await scan(folders.rawDir, { ...config, maxBytes: maxSourceBytes });

  const sources = new Map<string, string>();
  for (const source of scanned.sources) sources.set(source.path, source.sha256);
  for (const problem of scanned.problems) {
    sources.set(problem.file, `${unreadablePrefix}${problem.code}`);
  }
  const schema = schemaExists ? await hashFolder(folders.schemaDir, ignore) : new Map();
  return { sources, schema, fingerprint: fingerprintOf(sources, schema) };
}

/**
 * Returns the snapshot of what a build read. The build scans the raw folder after `before` was
 * taken, so it may have read later saves. Its `sourceHashes` therefore replace the sources of
 * `before`, and only unreadable files and the schema folder are taken from `before`.
 * NOTE: a schema file saved in the few milliseconds between the snapshot and the build's own
 * read of the schema is built once more by the next rebuild, which then writes nothing.
 */
export function snapshotOfBuild(
  before: InputSnapshot,
  sourceHashes: Record<string, string>,
): InputSnapshot {
  const sources = new Map(Object.entries(sourceHashes));
  for (const [file, hash] of before.sources) {
    if (hash.startsWith(unreadablePrefix) && !sources.has(file)) sources.set(file, hash);
  }
  return { sources, schema: before.schema, fingerprint: fingerprintOf(sources, before.schema) };
}

function fingerprintOf(sources: Map<string, string>, schema: Map<string, string>): string {
  const hash = createHash("sha256");
  const add = (kind: string, files: Map<string, string>) => {
    for (const name of [...files.keys()].sort()) {
      hash.update(`${kind}\0${name}\0${files.get(name)}\0`);
    }
  };
  add("source", sources);
  add("schema", schema);
  return hash.digest("hex");
}

/** Hashes every file below `dir` that `ignore` lets through, leaving out files just removed. */
async function hashFolder(dir: string, ignore: IgnorePredicate): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const pending = [dir];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      if (ignore(file)) continue;
      if (entry.isDirectory()) pending.push(file);
      if (!entry.isFile()) continue;
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes === undefined) continue;
      const name = path.relative(dir, file).split(path.sep).join("/");
      hashes.set(name, createHash("sha256").update(bytes).digest("hex"));
    }
  }
  return hashes;
}

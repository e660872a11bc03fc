/**
 * scan: finds the sources under the raw folder in sorted order and hashes their bytes. With a
 * stat cache, a source whose stat is unchanged since the last build is not read: its hash comes
 * from the cache and its text is read only when a later stage needs it (`loadSources`). Files
 * that cannot be read as text are reported and skipped.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { toSourcePath } from "./paths.js";
import { problem, sourceOf } from "./source-text.js";
import { StatCache } from "./stat-cache.js";
import type { Problem, Source, SourcePath } from "./types.js";

export { countLines, decode } from "./source-text.js";

export interface ScanOptions {
  include: string[];
  exclude: string[];
  /** Files larger than this are reported and skipped. */
  maxBytes: number;
}

export interface ScanResult {
  sources: Source[];
  /** Files that are not sources (other extensions, or excluded by the schema). */
  skipped: number;
  /** Paths of the skipped files, relative to the raw folder, in code-point order. */
  skippedPaths: SourcePath[];
  problems: Problem[];
}

/** A source found by `scanSources`: its path and hash, and its content once read. */
export interface ScannedSource {
  path: SourcePath;
  /** Hex sha256 of the file's bytes on disk. */
  sha256: string;
  /** Absolute path of the file. */
  file: string;
  format: Source["format"];
  /** The source read in full, or undefined when its hash came from the stat cache. */
  loaded: Source | undefined;
}

/** The sources of a raw folder, some of them not read yet. */
export interface SourceScan {
  sources: ScannedSource[];
  skipped: number;
  skippedPaths: SourcePath[];
  problems: Problem[];
}

/** The file extensions read as sources, lowercase, with the format each is parsed as. */
export const sourceFormats = {
  ".md": "md",
  ".mdx": "mdx",
  ".markdown": "md",
  ".txt": "txt",
} as const;

/** Finds, reads and hashes every source of the raw folder. */
export async function scan(rawDir: string, options: ScanOptions): Promise<ScanResult> {
  const found = await scanSources(rawDir, options, StatCache.disabled());
  const loaded = await loadSources(found, options.maxBytes);
  const problems = [...found.problems, ...loaded.problems];
  return { ...loaded, skipped: found.skipped, skippedPaths: found.skippedPaths, problems };
}

/**
 * Finds the sources of the raw folder and hashes them, reading only the files whose stat
 * differs from the one recorded in `statCache`.
 */
export async function scanSources(
  rawDir: string,
  options: ScanOptions,
  statCache: StatCache,
): Promise<SourceScan> {
  const isIncluded = picomatch(options.include, { dot: false });
  const isExcluded = options.exclude.length ? picomatch(options.exclude) : () => false;
  const result: SourceScan = { sources: [], skipped: 0, skippedPaths: [], problems: [] };

  const links: string[] = [];
  const files = await listFiles(rawDir, links);
  for (const link of links) {
    const linkPath = toSourcePath(rawDir, link);
    result.skippedPaths.push(linkPath);
    const message = "Symbolic link not followed; copy the file into the raw folder to compile it.";
    result.problems.push(problem("source-link", linkPath, message, "warning"));
  }
  const candidates: [string, SourcePath, Source["format"]][] = [];
  for (const file of files) {
    const sourcePath = toSourcePath(rawDir, file);
    const format = sourceFormats[path.extname(file).toLowerCase() as keyof typeof sourceFormats];
    if (!format || !isIncluded(sourcePath) || isExcluded(sourcePath)) {
      result.skippedPaths.push(sourcePath);
    } else candidates.push([file, sourcePath, format]);
  }
  result.skippedPaths.sort(compareCodePoints);
  result.skipped = result.skippedPaths.length;
  const scanned = await mapInBatches(candidates, ([file, sourcePath, format]) =>
    scanSource(statCache, file, sourcePath, format, options.maxBytes),
  );
  for (const item of scanned) {
    if (item === undefined) continue;
    if ("code" in item) result.problems.push(item);
    else result.sources.push(item);
  }
  return result;
}

/**
 * Reads the sources that `scanSources` took from the stat cache, and takes the ones it read out
 * of the scan, so the scan keeps no text. A file changed since the scan is used as it is now,
 * with its new hash. One that became unreadable is reported and left out.
 */
export async function loadSources(
  found: SourceScan,
  maxBytes: number,
): Promise<{ sources: Source[]; problems: Problem[] }> {
  const loaded = await mapInBatches(found.sources, async (scanned) => {
    const { loaded } = scanned;
    scanned.loaded = undefined;
    if (loaded) return loaded;
    return readSource(scanned.file, scanned.path, scanned.format, maxBytes);
  });
  const sources: Source[] = [];
  const problems: Problem[] = [];
  for (const item of loaded) {
    if (item === undefined) continue;
    if ("code" in item) problems.push(item);
    else sources.push(item);
  }
  return { sources, problems };
}

/**
 * Lists regular files below `dir` in code-point order. Hidden files are skipped; symbolic links
 * are not followed, so a link cannot pull in files from outside the raw folder.
 */
async function listFiles(dir: string, links: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => compareCodePoints(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) links.push(full);
    else if (entry.isDirectory()) files.push(...(await listFiles(full, links)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hashes one source: from the stat cache when its stat matches, else by reading it. Returns
 * undefined for a file deleted since the folder was listed.
 */
async function scanSource(
  statCache: StatCache,
  file: string,
  sourcePath: SourcePath,
  format: Source["format"],
  maxBytes: number,
): Promise<ScannedSource | Problem | undefined> {
  const checked = await statCache.check(file);
  if (!checked) return undefined;
  const size = Number(checked.stats.size);
  if (size > maxBytes) return tooLarge(sourcePath, size, maxBytes);
  if (checked.sha256 !== undefined) {
    return { path: sourcePath, sha256: checked.sha256, file, format, loaded: undefined };
  }
  const bytes = await readBytes(file, sourcePath);
  if (bytes === undefined || "code" in bytes) return bytes;
  const source = sourceOf(bytes, sourcePath, format);
  if ("code" in source) return source;
  // Only sources are recorded, so a file with a problem is read and reported by every build.
  statCache.record(file, checked.stats, source.sha256);
  return { path: sourcePath, sha256: source.sha256, file, format, loaded: source };
}

async function readSource(
  file: string,
  sourcePath: SourcePath,
  format: Source["format"],
  maxBytes: number,
): Promise<Source | Problem | undefined> {
  const bytes = await readBytes(file, sourcePath);
  if (bytes === undefined || "code" in bytes) return bytes;
  if (bytes.length > maxBytes) return tooLarge(sourcePath, bytes.length, maxBytes);
  return sourceOf(bytes, sourcePath, format);
}

/** Reads a file, or returns undefined when it was deleted since the folder was listed. */
async function readBytes(
  file: string,
  sourcePath: SourcePath,
): Promise<Buffer | Problem | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    return problem(
      "source-unreadable",
      sourcePath,
      `File could not be read (${reason}); check its permissions, or exclude it.`,
    );
  }
}

function tooLarge(sourcePath: SourcePath, size: number, maxBytes: number): Problem {
  const limit = `${Math.round(maxBytes / 1024 / 1024)} MiB`;
  return problem(
    "source-too-large",
    sourcePath,
    `File is ${size} bytes, over the ${limit} limit for one source; split it, or exclude it with \`exclude\` in schema/wiki.yaml.`,
  );
}

/**
 * Maps items in order, 64 at a time: parallel enough to keep the disk busy, few enough to stay
 * far below the limit of open files.
 */
async function mapInBatches<T, R>(items: T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += 64) {
    results.push(...(await Promise.all(items.slice(start, start + 64).map(map))));
  }
  return results;
}

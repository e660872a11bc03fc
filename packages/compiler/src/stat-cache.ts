/**
 * The stat cache: the size, modification time, change time and inode of the sources and output
 * files a build hashed, with the sha256 of their bytes, kept in the cache folder as `stats.json`.
 * A file whose stat equals its entry is not read again, so a build that changes nothing reads
 * only the files that changed since the last build.
 *
 * An entry is recorded only when the file's mtime and ctime are both earlier than a stamp: the
 * mtime of a file in the cache folder, written just before the file's stat was taken. Any later
 * write to the file then gives it a later mtime, so a stat that still matches means the same
 * bytes. A file changed in the same clock tick as the stamp ("racily clean" in git's terms) is
 * hashed and used, but not recorded, so the next build reads it again.
 * NOTE: this assumes the sources, the output and the cache folder share one file system clock
 * with the same timestamp granularity, as they do when they sit in one workspace folder.
 */
import { createHash } from "node:crypto";
import type { BigIntStats } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const statCacheName = "stats.json";
const stampName = "stats-stamp";

/** Size, mtime in ns, ctime in ns and inode as decimal strings, then the file's sha256. */
type StatEntry = [size: string, mtimeNs: string, ctimeNs: string, ino: string, sha256: string];

interface StatCacheFile {
  version: 1;
  /** Entries by path relative to the folder that contains the cache folder (POSIX). */
  files: Record<string, StatEntry>;
}

/** The result of `StatCache.check`: a file's stat, and its hash when the entry matches. */
export interface CheckedFile {
  stats: BigIntStats;
  /** sha256 of the file's bytes when its stat equals the recorded one, else undefined. */
  sha256: string | undefined;
}

export interface StatCacheOptions {
  /** Read the recorded stats but never write to the cache folder (`--check`). */
  readOnly: boolean;
}

export class StatCache {
  /** Files read and hashed because no entry matched, counted for the build's log and tests. */
  reads = 0;
  private readonly next = new Map<string, StatEntry>();
  private stampNs: bigint | undefined;
  private dirty = false;

  private constructor(
    private readonly cacheDir: string,
    private readonly previous: Map<string, StatEntry>,
    private readonly readOnly: boolean,
  ) {}

  /**
   * Loads the stat cache of a cache folder and takes a stamp. A missing, unreadable or invalid
   * `stats.json` gives an empty cache, so every file is hashed again.
   */
  static async open(cacheDir: string, options: StatCacheOptions): Promise<StatCache> {
    const cache = new StatCache(cacheDir, await loadEntries(cacheDir), options.readOnly);
    await cache.stamp();
    return cache;
  }

  /** Returns a cache that records nothing, so every file is read. */
  static disabled(): StatCache {
    return new StatCache("", new Map(), true);
  }

  /** Stats a file and returns its recorded hash when the stat matches, or undefined when missing. */
  async check(file: string): Promise<CheckedFile | undefined> {
    const stats = await stat(file, { bigint: true }).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    const key = this.keyOf(file);
    const entry = this.previous.get(key);
    if (!entry || !sameStats(entry, stats)) return { stats, sha256: undefined };
    this.next.set(key, entry);
    return { stats, sha256: entry[4] };
  }

  /** Records the hash of a file with the stat taken before it was read, unless it is racy. */
  record(file: string, stats: BigIntStats, sha256: string): void {
    this.reads++;
    if (this.readOnly || this.stampNs === undefined) return;
    const key = this.keyOf(file);
    if (stats.mtimeNs >= this.stampNs || stats.ctimeNs >= this.stampNs) {
      this.dirty ||= this.previous.has(key);
      this.next.delete(key);
      return;
    }
    const entry = entryOf(stats, sha256);
    this.next.set(key, entry);
    this.dirty ||= !sameEntry(this.previous.get(key), entry);
  }

  /** Returns the sha256 of a file, reading it only when its stat differs, or undefined when missing. */
  async hash(file: string): Promise<string | undefined> {
    const checked = await this.check(file);
    if (!checked) return undefined;
    if (checked.sha256 !== undefined) return checked.sha256;
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined) return undefined;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    this.record(file, checked.stats, sha256);
    return sha256;
  }

  /**
   * Takes a new stamp, for the files stat'ed from now on. A stamp is the mtime of a small file
   * written in the cache folder, so it comes from the file system's own clock. It waits up to
   * 50 ms for that clock to tick once, so files written just before, such as the pages a build
   * has just committed, are earlier than the stamp and can be recorded.
   */
  async stamp(): Promise<void> {
    if (this.readOnly) return;
    try {
      await mkdir(this.cacheDir, { recursive: true });
      const first = await this.readClock();
      let now = first;
      for (let waited = 0; now === first && waited < 50; waited++) {
        await sleep(1);
        now = await this.readClock();
      }
      this.stampNs = now;
      await rm(path.join(this.cacheDir, stampName), { force: true });
    } catch {
      // Without a stamp nothing is recorded, and the build hashes every file as before.
      this.stampNs = undefined;
    }
  }

  /** Writes the stamp file and returns its mtime in ns. */
  private async readClock(): Promise<bigint> {
    const stampFile = path.join(this.cacheDir, stampName);
    await writeFile(stampFile, `${process.pid} ${Date.now()}\n`);
    return (await stat(stampFile, { bigint: true })).mtimeNs;
  }

  /**
   * Writes the entries of the files checked or recorded since `open`, when any of them differs
   * from what was loaded. Entries of files no longer seen are dropped.
   */
  async save(): Promise<void> {
    if (this.readOnly || this.stampNs === undefined) return;
    if (!this.dirty && this.next.size === this.previous.size) return;
    const data: StatCacheFile = { version: 1, files: Object.fromEntries(this.next) };
    const target = path.join(this.cacheDir, statCacheName);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, target);
  }

  private keyOf(file: string): string {
    return path.relative(path.dirname(this.cacheDir), file).split(path.sep).join("/");
  }
}

async function loadEntries(cacheDir: string): Promise<Map<string, StatEntry>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(cacheDir, statCacheName), "utf8"));
  } catch {
    return new Map();
  }
  const entries = new Map<string, StatEntry>();
  if (!isCacheFile(data)) return entries;
  for (const [file, entry] of Object.entries(data.files)) {
    if (isEntry(entry)) entries.set(file, entry);
  }
  return entries;
}

function isCacheFile(data: unknown): data is StatCacheFile {
  if (typeof data !== "object" || data === null) return false;
  const { version, files } = data as Partial<StatCacheFile>;
  return version === 1 && typeof files === "object" && files !== null;
}

function isEntry(entry: unknown): entry is StatEntry {
  return (
    Array.isArray(entry) &&
    entry.length === 5 &&
    entry.every((part) => typeof part === "string" && part.length > 0)
  );
}

function entryOf(stats: BigIntStats, sha256: string): StatEntry {
  const { size, mtimeNs, ctimeNs, ino } = stats;
  return [String(size), String(mtimeNs), String(ctimeNs), String(ino), sha256];
}

function sameStats(entry: StatEntry, stats: BigIntStats): boolean {
  return (
    entry[0] === String(stats.size) &&
    entry[1] === String(stats.mtimeNs) &&
    entry[2] === String(stats.ctimeNs) &&
    entry[3] === String(stats.ino)
  );
}

function sameEntry(a: StatEntry | undefined, b: StatEntry): boolean {
  return a !== undefined && a.every((part, index) => part === b[index]);
}

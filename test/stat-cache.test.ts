/**
 * The stat cache on its own. A file whose stat is unchanged is not read again, and a touched or
 * edited file is hashed again. A file changed in the same clock tick as the stamp is never
 * trusted, and a missing or invalid cache file only costs a rehash.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatCache, statCacheName } from "../packages/compiler/src/stat-cache.js";

let root: string;
let cacheDir: string;
let file: string;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hourAgo = () => new Date(Date.now() - 3600_000);
const open = (readOnly = false) => StatCache.open(cacheDir, { readOnly });

/** Writes `text` to the file with an mtime an hour ago, and waits for `settle`. */
async function writeOld(text: string, time = hourAgo()): Promise<void> {
  writeFileSync(file, text);
  utimesSync(file, time, time);
  await settle();
}

/**
 * Waits until the file system clock has moved past the file's ctime, so the next stamp is later
 * and the file's entry is not racy.
 */
async function settle(): Promise<void> {
  const changed = statSync(file, { bigint: true }).ctimeNs;
  const probe = path.join(root, "clock-probe");
  for (let attempt = 0; attempt < 200; attempt++) {
    writeFileSync(probe, String(attempt));
    if (statSync(probe, { bigint: true }).mtimeNs > changed) break;
    await sleep(5);
  }
  rmSync(probe);
}

const mtimeNs = () => statSync(file, { bigint: true }).mtimeNs;

/** Hashes the file through a freshly opened cache, saves it, and returns the hash and reads. */
async function hashOnce(): Promise<{ hash: string | undefined; reads: number }> {
  const cache = await open();
  const hash = await cache.hash(file);
  await cache.save();
  return { hash, reads: cache.reads };
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "wiki-stat-cache-"));
  cacheDir = path.join(root, ".wiki-cache");
  file = path.join(root, "page.md");
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("stat cache", () => {
  it("reads an unchanged file only once", async () => {
    await writeOld("# Page\n");
    const first = await hashOnce();
    expect(first.hash).toBe(sha256("# Page\n"));
    expect(first.reads).toBe(1);

    const second = await hashOnce();
    expect(second.hash).toBe(sha256("# Page\n"));
    expect(second.reads).toBe(0);
  });

  it("rehashes a touched file", async () => {
    await writeOld("# Page\n");
    await hashOnce();
    const touched = new Date(Date.now() - 1800_000);
    utimesSync(file, touched, touched);
    await settle();

    const again = await hashOnce();
    expect(again.hash).toBe(sha256("# Page\n"));
    expect(again.reads).toBe(1);
    expect((await hashOnce()).reads).toBe(0);
  });

  it("catches a same-size edit with the old mtime", async () => {
    const time = hourAgo();
    await writeOld("# Page A\n", time);
    const recorded = mtimeNs();
    await hashOnce();
    await writeOld("# Page B\n", time);
    expect(mtimeNs()).toBe(recorded);

    const again = await hashOnce();
    expect(again.hash).toBe(sha256("# Page B\n"));
    expect(again.reads).toBe(1);
  });

  it("never records a file as new as the stamp", async () => {
    const future = new Date(Date.now() + 3600_000);
    await writeOld("# Page\n", future);
    expect((await hashOnce()).reads).toBe(1);

    // The entry was not recorded, so a same-size edit with the same mtime is read, not trusted.
    await writeOld("# Edit\n", future);
    const again = await hashOnce();
    expect(again.hash).toBe(sha256("# Edit\n"));
    expect(again.reads).toBe(1);
  });

  it("rehashes after the cache file is deleted", async () => {
    await writeOld("# Page\n");
    await hashOnce();
    rmSync(path.join(cacheDir, statCacheName));

    const again = await hashOnce();
    expect(again.hash).toBe(sha256("# Page\n"));
    expect(again.reads).toBe(1);
    expect(existsSync(path.join(cacheDir, statCacheName))).toBe(true);
  });

  it("rehashes after the cache file is corrupted", async () => {
    await writeOld("# Page\n");
    await hashOnce();
    for (const text of ["{not json", '{"version":1,"files":{"page.md":[1,2]}}', "[]"]) {
      writeFileSync(path.join(cacheDir, statCacheName), text);
      const again = await hashOnce();
      expect(again.hash, text).toBe(sha256("# Page\n"));
      expect(again.reads, text).toBe(1);
    }
  });

  it("returns undefined for a missing file", async () => {
    const cache = await open();
    expect(await cache.hash(file)).toBeUndefined();
    expect(await cache.check(file)).toBeUndefined();
  });

  it("writes nothing when read-only", async () => {
    await writeOld("# Page\n");
    const cache = await open(true);
    expect(await cache.hash(file)).toBe(sha256("# Page\n"));
    await cache.save();
    expect(existsSync(cacheDir)).toBe(false);
    expect(readdirSync(root)).toEqual(["page.md"]);
  });

  it("uses entries of a read-only open", async () => {
    await writeOld("# Page\n");
    await hashOnce();
    const cache = await open(true);
    expect(await cache.hash(file)).toBe(sha256("# Page\n"));
    expect(cache.reads).toBe(0);
  });
});

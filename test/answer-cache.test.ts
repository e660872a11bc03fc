/**
 * The answer cache on disk: a missing or damaged entry is a miss, any other read failure stops
 * the build instead of passing for a miss that would repeat the call unseen.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AnswerCache } from "../packages/compiler/src/cache.js";

const identity = { provider: "ollama", model: "m", digest: "", options: "" } as const;
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function newCache(): { dir: string; cache: AnswerCache; entry: (key: string) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wiki-answer-cache-"));
  folders.push(dir);
  const entry = (key: string) => path.join(dir, "answers", key.slice(0, 2), `${key.slice(2)}.json`);
  return { dir, cache: new AnswerCache(dir, identity), entry };
}

describe("answer cache", () => {
  it("returns a stored answer from a new instance", async () => {
    const { dir, cache } = newCache();
    const key = cache.key("analyze", "v1", "text");
    await cache.set(key, { entities: [] });
    const again = new AnswerCache(dir, identity);
    expect(await again.get(key)).toEqual({ entities: [] });
  });

  it("takes a missing entry for a miss", async () => {
    const { cache } = newCache();
    expect(await cache.get(cache.key("analyze", "v1", "text"))).toBeUndefined();
  });

  it("takes a damaged entry for a miss", async () => {
    const { cache, entry } = newCache();
    const key = cache.key("analyze", "v1", "text");
    mkdirSync(path.dirname(entry(key)), { recursive: true });
    writeFileSync(entry(key), '{"entities": [');
    expect(await cache.get(key)).toBeUndefined();
  });

  it("throws when an entry cannot be read", async () => {
    const { cache, entry } = newCache();
    const key = cache.key("analyze", "v1", "text");
    mkdirSync(entry(key), { recursive: true });
    await expect(cache.get(key)).rejects.toThrow(/cannot read the answer cache entry .*EISDIR/);
  });
});

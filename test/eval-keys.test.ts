import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sourceReader } from "./eval/citations.js";
import type { Key, KeySide } from "./eval/key.js";
import { corpusNames, loadCorpusKey } from "./eval/run.js";
import { rawDirOf } from "./eval/score.js";

/** Reads every file of a corpus and joins them, with runs of whitespace as one space. */
async function corpusText(key: Key): Promise<string> {
  const dir = rawDirOf(key);
  const files = (await readdir(dir, { recursive: true })).filter((file) =>
    /\.(md|mdx|txt)$/.test(file),
  );
  const texts = await Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8")));
  return texts.join("\n").replace(/\s+/g, " ");
}

/** Tests whether the text contains the spelling as a whole word, in any case unless `exact`. */
function spells(text: string, spelling: string, exact: boolean): boolean {
  const escaped = spelling.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, exact ? "u" : "iu");
  return pattern.test(text);
}

describe.each(corpusNames)("key of %s", (name) => {
  let key: Key;
  let text: string;
  beforeAll(async () => {
    key = await loadCorpusKey(name);
    text = await corpusText(key);
  });

  it("names its corpus", () => {
    expect(key.corpus).toBe(name);
  });

  it("spells every entity as its corpus does", () => {
    const unseen = key.entities.filter(
      (entity) =>
        !entity.names.some((spelling) => spells(text, spelling, false)) &&
        !entity.exact.some((spelling) => spells(text, spelling, true)),
    );
    expect(unseen.map((entity) => entity.id)).toEqual([]);
  });

  it("restricts entities to sources that exist", async () => {
    const read = sourceReader(rawDirOf(key));
    const sources = key.entities.flatMap((entity) => entity.in);
    const missing = [];
    for (const source of sources) if (!(await read(source))) missing.push(source);
    expect(missing).toEqual([]);
  });

  it("places every side on lines of its source", async () => {
    const read = sourceReader(rawDirOf(key));
    const sides: KeySide[] = [...key.contradictions, ...key.nonContradictions].flatMap(
      (c) => c.sides,
    );
    const wrong: string[] = [];
    for (const side of sides) {
      const lines = await read(side.source);
      const passage = lines
        ?.slice(side.lines[0] - 1, side.lines[1])
        .join(" ")
        .trim();
      if (!lines || side.lines[1] > lines.length || !passage)
        wrong.push(`${side.source}:${side.lines.join("-")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("keeps ids of apart pairs distinct", () => {
    expect(key.apart.filter(([first, second]) => first === second)).toEqual([]);
  });
});

describe("gold key", () => {
  it("gives sides whose lines state their number", async () => {
    const key = await loadCorpusKey("gold");
    const read = sourceReader(rawDirOf(key));
    const wrong: string[] = [];
    for (const side of [...key.contradictions, ...key.nonContradictions].flatMap((c) => c.sides)) {
      const number = side.value.match(/^\d+/)?.[0];
      if (!number) continue;
      const passage = (await read(side.source))!.slice(side.lines[0] - 1, side.lines[1]).join(" ");
      const short = Number(number) % 1024 === 0 ? `${Number(number) / 1024}k` : number;
      if (!passage.includes(number) && !passage.includes(short))
        wrong.push(`${side.source}: ${number}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has between 6 and 10 sources", async () => {
    const files = await readdir(rawDirOf(await loadCorpusKey("gold")));
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.length).toBeLessThanOrEqual(10);
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AnswerCache } from "../packages/compiler/src/cache.js";
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { emptyStats, type BuildContext } from "../packages/compiler/src/context.js";
import { ingestAll } from "../packages/compiler/src/ingest.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import { detached } from "../packages/compiler/src/parse-blocks.js";
import { SourceStore, type PreparedSource } from "../packages/compiler/src/prepare.js";
import type { Source, SourcePath } from "../packages/compiler/src/types.js";
import { createOfflineProvider } from "../packages/providers/src/offline/index.js";
import { stepContext } from "./offline-corpus.js";

const markdown = `# Queue

The queue is a buffer that holds jobs until a worker takes them. It keeps jobs in order.

## Limits

- \`QUEUE_LIMIT\` - The most jobs the queue holds. The default is 100.
- The [worker pool](pool.md) takes jobs from the queue.

A Dead Letter Queue (DLQ) keeps the jobs that failed three times.
`;

const settings = chunkSettings(1500);
const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

function sourceOf(text: string): Source {
  return {
    path: "queue.md" as SourcePath,
    sha256: "",
    text,
    lineCount: text.split("\n").length,
    format: "md",
  };
}

/** Ingests one source through a store that writes no file, and returns its chunks. */
async function ingestOne(keepBlocks: boolean) {
  const memory = new Map<string, PreparedSource>();
  const store = new SourceStore(await folderOf(), memory, true);
  const ingest = ingestAll(await contextOf(), store, [sourceOf(markdown)], settings, {
    keepBlocks,
  });
  const { analyses } = await ingest.analyzed;
  const prose = await ingest.written;
  const chunks = [...memory.values()].flatMap((prepared) => prepared.chunks);
  return { analyses, prose, chunks };
}

async function folderOf(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "ingest-release-"));
  folders.push(folder);
  return folder;
}

async function contextOf(): Promise<BuildContext> {
  const folder = await folderOf();
  const provider = createOfflineProvider();
  return {
    provider,
    cache: new AnswerCache(folder, provider.identity, { readOnly: true }),
    step: stepContext,
    promptVersions: { analyze: "1", write: "1", confirm: "1", overview: "1" },
    stats: emptyStats(),
    problems: [],
    log: () => {},
    inFlight: new Map(),
  };
}

describe("ingest release", () => {
  it("drops blocks once written", async () => {
    const texts = chunkSource(parseSource(sourceOf(markdown)), settings).map((chunk) =>
      chunk.blocks.map((block) => block.text),
    );
    const { analyses, prose, chunks } = await ingestOne(false);

    expect(analyses.map((item) => item.blockTexts)).toEqual(texts);
    expect(prose.size).toBe(texts.length);
    for (const chunk of chunks) {
      expect(chunk.blocks).toEqual([]);
      expect(chunk.text).toBe("");
    }
  });

  it("keeps blocks for the next build", async () => {
    const before = chunkSource(parseSource(sourceOf(markdown)), settings);
    const { chunks } = await ingestOne(true);

    expect(chunks).toEqual(before);
  });
});

describe("parsed block lists", () => {
  const blocks = parseSource(sourceOf(markdown)).blocks;
  const underLimits = blocks.filter((block) => block.headings.includes("Limits"));

  it("share the headings above them", () => {
    expect(underLimits.length).toBe(3);
    expect(underLimits[0]!.headings).toEqual(["Queue", "Limits"]);
    for (const block of underLimits) expect(block.headings).toBe(underLimits[0]!.headings);
  });

  it("share one frozen empty list", () => {
    const empty = blocks[0]!.headings;
    expect(empty).toEqual([]);
    expect(Object.isFrozen(empty)).toBe(true);
    for (const block of blocks.filter((block) => block.linkTexts.length === 0)) {
      expect(block.linkTexts).toBe(empty);
    }
  });

  it("keep their link texts", () => {
    const linked = blocks.filter((block) => block.linkTexts.length > 0);
    expect(linked.map((block) => block.linkTexts)).toEqual([["worker pool"]]);
  });
});

describe("stored block lists", () => {
  it("share lists as parsed ones do", async () => {
    const folder = await folderOf();
    const source = sourceOf(markdown);
    await new SourceStore(folder).prepare(source, settings);
    const store = new SourceStore(folder);
    const { chunks } = await store.prepare(source, settings);
    const blocks = chunks.flatMap((chunk) => chunk.blocks);
    const underLimits = blocks.filter((block) => block.headings.includes("Limits"));

    expect(store.hits).toBe(1);
    expect(underLimits.length).toBe(3);
    for (const block of underLimits) expect(block.headings).toBe(underLimits[0]!.headings);
    expect(Object.isFrozen(blocks[0]!.headings)).toBe(true);
    expect(blocks[0]!.linkTexts).toBe(blocks[0]!.headings);
  });
});

describe("detached texts", () => {
  it("equal the text they copy, lone surrogates included", () => {
    for (const text of ["plain", "café → été", "a\ud800b", "😀 ok", ""]) {
      expect(detached(`>${text}<`.slice(1, -1))).toBe(text);
    }
  });
});

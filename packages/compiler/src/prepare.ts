/**
 * parse and chunk with a cache: the blocks and chunks of a source are stored beside the answer
 * cache, keyed by the source's path and hash and the chunk settings, so a rebuild parses only
 * the sources that changed. Within one process (`wiki watch`) they are also kept in memory.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { chunkerVersion, chunkSource, type ChunkSettings } from "./chunk.js";
import { parseSource } from "./parse.js";
import { noTexts } from "./parse-blocks.js";
import { fileOf } from "./source-text.js";
import type { Chunk, ParsedSource, Source, SourceFacts } from "./types.js";

/** Changes whenever parse output changes for the same file. */
export const parserVersion = "6";

export interface PreparedSource {
  parsed: SourceFacts;
  chunks: Chunk[];
}

type Stored = Omit<SourceFacts, "source"> & { chunks: Chunk[] };

export class SourceStore {
  hits = 0;
  /** Milliseconds spent parsing sources or reading stored ones, file reads and writes left out. */
  parseMs = 0;
  /** Milliseconds spent in chunking, reported apart from parsing. */
  chunkMs = 0;
  private readonly dir: string;

  constructor(
    cacheDir: string,
    /** Sources prepared by earlier builds of this process (`wiki watch`), updated by each build. */
    private readonly memory?: Map<string, PreparedSource>,
    /** Writes no file (`wiki build --check`). */
    private readonly readOnly = false,
  ) {
    this.dir = path.join(cacheDir, "sources");
  }

  async prepare(source: Source, settings: ChunkSettings): Promise<PreparedSource> {
    const key = createHash("sha256")
      .update(JSON.stringify([parserVersion, chunkerVersion, settings, source.path, source.sha256]))
      .digest("hex");
    const known = this.memory?.get(key) ?? (await this.read(key, source));
    if (known) {
      this.hits++;
      this.memory?.set(key, known);
      return known;
    }
    const started = performance.now();
    const parsed = parseSource(source);
    const parsedAt = performance.now();
    const prepared = { parsed: factsOf(parsed), chunks: chunkSource(parsed, settings) };
    this.parseMs += parsedAt - started;
    this.chunkMs += performance.now() - parsedAt;
    this.memory?.set(key, prepared);
    if (!this.readOnly) await this.write(key, prepared);
    return prepared;
  }

  private async read(key: string, source: Source): Promise<PreparedSource | undefined> {
    const text = await readFile(this.file(key), "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    const started = performance.now();
    try {
      return storedSource(text, source);
    } finally {
      this.parseMs += performance.now() - started;
    }
  }

  private async write(key: string, prepared: PreparedSource): Promise<void> {
    const { source: _source, ...parsed } = prepared.parsed;
    await writeFileAtomic(this.file(key), JSON.stringify({ ...parsed, chunks: prepared.chunks }));
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }
}

/**
 * Reads a stored entry. One of another shape (damaged, or from another version) gives undefined,
 * and the source is parsed again.
 */
function storedSource(text: string, source: Source): PreparedSource | undefined {
  try {
    const stored = JSON.parse(text) as Partial<Stored>;
    if (!Array.isArray(stored.chunks) || !Array.isArray(stored.problems)) return undefined;
    const { chunks, ...parsed } = stored as Stored;
    shareLists(chunks);
    return { parsed: { ...parsed, source: fileOf(source) }, chunks };
  } catch {
    return undefined;
  }
}

/** Keeps what the stages after chunk read; the chunks hold the blocks. */
function factsOf({ blocks: _blocks, source, ...facts }: ParsedSource): SourceFacts {
  return { ...facts, source: fileOf(source) };
}

/**
 * Makes the blocks of stored chunks share equal heading lists and one empty list, as the blocks
 * of a parse do, since each list read from JSON is an array of its own.
 */
function shareLists(chunks: Chunk[]): void {
  const lists = new Map<string, string[]>();
  const shared = (texts: string[]): string[] => {
    if (texts.length === 0) return noTexts;
    const key = JSON.stringify(texts);
    const known = lists.get(key);
    if (!known) lists.set(key, texts);
    return known ?? texts;
  };
  for (const chunk of chunks) {
    chunk.headings = shared(chunk.headings);
    for (const block of chunk.blocks) {
      block.headings = shared(block.headings);
      if (block.linkTexts.length === 0) block.linkTexts = noTexts;
    }
  }
}

/**
 * chunk: cuts a parsed source into parts that fit one model call. Boundaries are anchored on
 * headings: sections join the chunk before them until it reaches `minTokens`, and a section that
 * would push it past `maxTokens` starts the next one. Each chunk thus ends at the first heading
 * past the threshold, so an edit changes the chunk it falls in and rarely the next one. A section
 * larger than the budget is cut between blocks. Sizes count tokens plus an allowance per
 * identifier, for the answer it adds. Lines inside a chunk are relative to it, so moving a chunk
 * keeps its key.
 */
import { createHash } from "node:crypto";
import { countTokens } from "./tokens.js";
import type { Block, Chunk, LineRange, ParsedSource, SourcePath } from "./types.js";

/** Changes whenever chunk boundaries or renderings change, so cached answers are not reused. */
export const chunkerVersion = "4";

export interface ChunkSettings {
  maxTokens: number;
  /** A chunk smaller than this takes in the next section too. */
  minTokens: number;
}

/**
 * Share of `maxTokens` a chunk reaches before the next heading closes it. Every call repeats the
 * prompt's fixed instructions, so small chunks cost more prompt tokens per source token. Chunks
 * still end at the first heading past the threshold, so most edits change only their own chunk.
 */
const MIN_SHARE = 3 / 4;

export function chunkSettings(maxTokens: number): ChunkSettings {
  return { maxTokens, minTokens: Math.floor(maxTokens * MIN_SHARE) };
}

export function chunkSource(parsed: ParsedSource, settings: ChunkSettings): Chunk[] {
  const groups: Block[][] = [];
  let group: Block[] = [];
  let groupTokens = 0;

  for (const section of sections(parsed.blocks)) {
    for (const part of splitSection(section, settings.maxTokens)) {
      const tokens = blockTokens(part);
      if (
        group.length &&
        (groupTokens >= settings.minTokens || groupTokens + tokens > settings.maxTokens)
      ) {
        groups.push(group);
        group = [];
        groupTokens = 0;
      }
      group.push(...part);
      groupTokens += tokens;
    }
  }
  if (group.length) groups.push(group);
  return groups.map((blocks) => makeChunk(parsed.source.path, blocks, settings));
}

/** Splits blocks at every heading. */
function sections(blocks: Block[]): Block[][] {
  const result: Block[][] = [];
  for (const block of blocks) {
    if (block.kind === "heading" || result.length === 0) result.push([]);
    result[result.length - 1]!.push(block);
  }
  return result;
}

/** Cuts a section larger than the budget into runs of whole blocks. */
function splitSection(section: Block[], maxTokens: number): Block[][] {
  const parts: Block[][] = [[]];
  let tokens = 0;
  for (const block of section.flatMap((whole) => splitBlock(whole, maxTokens))) {
    const size = blockTokens([block]);
    if (tokens > 0 && tokens + size > maxTokens) {
      parts.push([]);
      tokens = 0;
    }
    parts[parts.length - 1]!.push(block);
    tokens += size;
  }
  return parts;
}

/**
 * Cuts a block larger than the budget (a long paragraph, often a single line) into runs of
 * sentences. The pieces keep the block's lines, since they may share one line of the file.
 */
function splitBlock(block: Block, maxTokens: number): Block[] {
  if (block.kind === "code" || blockTokens([block]) <= maxTokens) return [block];
  const sentences = block.text.match(/[^.!?]+(?:[.!?]+\s*|$)/g) ?? [block.text];
  const pieces: Block[] = [];
  let text = "";
  let tokens = 0;
  for (const sentence of sentences) {
    const runs =
      sentence.length > maxTokens * 2
        ? sentence.match(new RegExp(`[^]{1,${maxTokens * 2}}`, "g"))!
        : [sentence];
    for (const run of runs) {
      const size = countTokens(run);
      if (text && tokens + size > maxTokens) {
        pieces.push({ ...block, text: text.trim() });
        text = "";
        tokens = 0;
      }
      text += run;
      tokens += size;
    }
  }
  if (text.trim()) pieces.push({ ...block, text: text.trim() });
  return pieces;
}

/** Splits a chunk in two at the block nearest its middle; returns undefined for a single block. */
export function splitChunk(chunk: Chunk, settings: ChunkSettings): [Chunk, Chunk] | undefined {
  if (chunk.blocks.length < 2) return undefined;
  const offset = chunk.lines[0] - 1;
  const blocks = chunk.blocks.map((block) => ({
    ...block,
    lines: [block.lines[0] + offset, block.lines[1] + offset] as LineRange,
  }));
  const middle = Math.ceil(blocks.length / 2);
  return [
    makeChunk(chunk.source, blocks.slice(0, middle), settings),
    makeChunk(chunk.source, blocks.slice(middle), settings),
  ];
}

/**
 * Tokens added per inline code span when sizing chunks, an estimate. The analysis lists most
 * identifiers as entities, each a record of dozens of answer tokens, so a table of identifiers
 * would otherwise get an answer longer than its budget and be split after a wasted call.
 */
const CODE_SPAN_TOKENS = 12;

/**
 * Line range used to size a block's prompt line. The real range is relative to the chunk and
 * known only once the chunk is cut. A fixed one keeps a block's size the same wherever the block
 * sits in the file, so an edit above it does not change its size.
 * NOTE: blocks past line 9,999 of their chunk render a token or two longer than sized.
 */
const SIZING_LINES: [number, number] = [9999, 9999];

/**
 * The size of each block, counted once: cutting a source sizes a block several times, and
 * tokenizing is most of the work of chunk.
 */
const sizes = new WeakMap<Block, number>();

/**
 * Returns the size of blocks for chunking: the tokens of their prompt lines, with the answer their
 * identifiers add.
 */
function blockTokens(blocks: Block[]): number {
  let sum = 0;
  for (const block of blocks) {
    let size = sizes.get(block);
    if (size === undefined) sizes.set(block, (size = blockSize(block)));
    sum += size;
  }
  return sum;
}

function blockSize(block: Block): number {
  if (block.kind === "code") return countTokens(block.text) + 4;
  const spans = block.text.match(/`[^`\n]+`/g)?.length ?? 0;
  const line = renderBlock({ ...block, lines: SIZING_LINES });
  return countTokens(`${line}\n`) + spans * CODE_SPAN_TOKENS;
}

function makeChunk(source: SourcePath, blocks: Block[], settings: ChunkSettings): Chunk {
  const first = blocks[0]!.lines[0];
  const last = Math.max(...blocks.map((block) => block.lines[1]));
  const relative = blocks.map((block) => ({
    ...block,
    lines: [block.lines[0] - first + 1, block.lines[1] - first + 1] as [number, number],
  }));
  const text = relative
    .filter((block) => block.kind !== "code")
    .map(renderBlock)
    .join("\n");
  const key = createHash("sha256")
    .update(JSON.stringify([chunkerVersion, settings, relative]))
    .digest("hex");
  return {
    source,
    lines: [first, last],
    headings: blocks[0]!.headings,
    blocks: relative,
    text,
    lineCount: last - first + 1,
    tokens: blockTokens(blocks),
    key,
  };
}

function renderBlock(block: Block): string {
  const prefix =
    block.kind === "heading"
      ? `${"#".repeat(block.depth)} `
      : block.kind === "list-item"
        ? "- "
        : "";
  return `[${block.lines[0]}-${block.lines[1]}] ${prefix}${block.text}`;
}

/**
 * The reading of a chunk that every offline step works from: its sentences with their tags and
 * lines, its headings with their topics, and the leading term of each list item or table row.
 */
import type { Block, Chunk, LineRange } from "@wiki/compiler";
import { startsWithImperative, tagSentence, type Token } from "./nlp.js";
import { headingTopic, type Phrase } from "./phrases.js";
import {
  cleanBlockText,
  isTableHeader,
  leadingTerm,
  splitSentences,
  type LeadingTerm,
} from "./text.js";

export interface SentenceUnit {
  blockIndex: number;
  block: Block;
  text: string;
  tokens: Token[];
  /** Lines of the block, relative to the chunk. */
  lines: LineRange;
  /** Position of the sentence in its block, 0 for the first. */
  position: number;
}

export interface HeadingUnit {
  blockIndex: number;
  block: Block;
  tokens: Token[];
  topic: Phrase | undefined;
}

export interface ChunkReading {
  chunk: Chunk;
  sentences: SentenceUnit[];
  headings: HeadingUnit[];
  /** Leading terms by block index. */
  terms: Map<number, LeadingTerm>;
  /** Topic of each heading text, for the headings of blocks. */
  topics: Map<string, Phrase | undefined>;
}

export function readChunk(chunk: Chunk): ChunkReading {
  const reading: ChunkReading = {
    chunk,
    sentences: [],
    headings: [],
    terms: new Map(),
    topics: new Map(),
  };
  chunk.blocks.forEach((block, blockIndex) => {
    if (block.kind === "code") return;
    if (block.kind === "heading") {
      const tokens = tagSentence(block.text);
      if (tokens.length > 1 && tokens[0]!.pos !== "VERB" && startsWithImperative(block.text)) {
        tokens[0] = { ...tokens[0]!, pos: "VERB" };
      }
      const topic = headingTopic(block.text, tokens);
      reading.headings.push({ blockIndex, block, tokens, topic });
      reading.topics.set(block.text, topic);
      return;
    }
    if (isTableHeader(chunk.blocks, blockIndex)) return;

    const term = leadingTerm(block);
    if (term) reading.terms.set(blockIndex, term);
    const prose = block.kind === "table-row" ? (term?.rest ?? "") : cleanBlockText(block.text);
    splitSentences(prose).forEach((text, position) => {
      reading.sentences.push({
        blockIndex,
        block,
        text,
        tokens: tagSentence(text),
        lines: block.lines,
        position,
      });
    });
  });
  addEnclosingTopics(reading);
  return reading;
}

/** Topics of headings that enclose the chunk but start before it. */
function addEnclosingTopics(reading: ChunkReading): void {
  const texts = new Set(reading.sentences.flatMap((unit) => unit.block.headings));
  for (const text of texts) {
    if (!reading.topics.has(text)) reading.topics.set(text, headingTopic(text, tagSentence(text)));
  }
}

/** Topic of the innermost heading of a block that has one. */
export function topicOf(reading: ChunkReading, block: Block): Phrase | undefined {
  for (let i = block.headings.length - 1; i >= 0; i--) {
    const topic = reading.topics.get(block.headings[i]!);
    if (topic) return topic;
  }
  return undefined;
}

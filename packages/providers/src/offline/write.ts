/**
 * write, offline: extractive prose. The summary is the chunk's first sentences of prose; each
 * entity gets a paragraph of its claims' statements, each sentence citing its claims. Every
 * sentence is a sentence of the source.
 */
import type { Analysis, Chunk, Prose } from "@wiki/compiler";
import { cleanBlockText, splitSentences } from "./text.js";

/** Summaries end after the sentence that reaches this many characters. */
const summaryLength = 160;

export function writeChunk(chunk: Chunk, analysis: Analysis): Prose {
  return { summary: summaryOf(chunk), paragraphs: paragraphsOf(analysis) };
}

/** Returns the first sentences of the chunk's first paragraph, without lines introducing code. */
function summaryOf(chunk: Chunk): string {
  for (const block of chunk.blocks) {
    if (block.kind !== "paragraph" && block.kind !== "list-item") continue;
    const sentences = splitSentences(cleanBlockText(block.text)).filter(
      (sentence) => !sentence.endsWith(":") && sentence.split(/\s+/).length >= 4,
    );
    const chosen: string[] = [];
    for (const sentence of sentences) {
      chosen.push(sentence);
      if (chosen.join(" ").length >= summaryLength) break;
    }
    if (chosen.length) return chosen.join(" ");
  }
  return "";
}

function paragraphsOf(analysis: Analysis): Prose["paragraphs"] {
  const paragraphs = new Map<string, Map<string, number[]>>();
  analysis.claims.forEach((claim, index) => {
    const sentences = paragraphs.get(claim.subject) ?? new Map<string, number[]>();
    const text = claim.statement.trim();
    // In V8 (Node 20), `concat` and an array literal allocate exactly the elements, while a
    // spread reserves room for 17, about 150 bytes for each sentence of a large build.
    const cited = sentences.get(text);
    sentences.set(text, cited ? cited.concat(index) : [index]);
    paragraphs.set(claim.subject, sentences);
  });
  return [...paragraphs].map(([entity, sentences]) => ({
    entity,
    sentences: [...sentences].map(([text, claims]) => ({ text, claims })),
  }));
}

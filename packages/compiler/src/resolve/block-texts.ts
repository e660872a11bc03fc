/**
 * The block texts of an analyzed chunk, which three joining rules of resolve search. A build
 * that keeps no sources for the next one drops a chunk's blocks once its write call returns,
 * and keeps only these texts.
 */
import type { ChunkAnalysis } from "./identity.js";

/** Returns the texts of an analyzed chunk's blocks in order. */
export function blockTextsOf({ chunk, blockTexts }: ChunkAnalysis): string[] {
  return blockTexts ?? chunk.blocks.map((block) => block.text);
}

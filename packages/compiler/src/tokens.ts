/**
 * Token counts for sizing chunks and prompts. The o200k encoding is not the tokenizer of every
 * local model, so callers keep a safety margin on top of these counts.
 */
import { countTokens as countEncodedTokens } from "gpt-tokenizer";

// Special tokens such as `<|im_start|>` in a source are counted as plain text, never rejected.
const asPlainText = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string): number {
  return countEncodedTokens(text, asPlainText);
}

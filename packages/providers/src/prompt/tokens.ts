/**
 * Token estimates for prompts and answers. The o200k encoding of `gpt-tokenizer` is not the
 * tokenizer of most local models, so budgets keep a safety margin on top of these counts.
 */
import { countTokens as countEncodedTokens } from "gpt-tokenizer";

/** Special tokens such as `<|im_start|>` inside a document count as plain text. */
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Estimated tokens added per chat message by the chat template (role markers and separators). */
const MESSAGE_OVERHEAD = 8;

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export function countTokens(text: string): number {
  return countEncodedTokens(text, asPlainText);
}

/** Estimated prompt tokens of a conversation, template markers included. */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + MESSAGE_OVERHEAD + countTokens(message.content),
    0,
  );
}

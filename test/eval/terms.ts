/**
 * The key terms of a statement, and whether a passage of a source contains them. Numbers and
 * code spans are facts, so every one must appear; other content words may be paraphrased, so
 * half of them suffice.
 */

export interface KeyTerms {
  /** Code spans and numbers, lowercased: each must appear in the cited lines. */
  exact: string[];
  /** Content words, lowercased: at least `wordShare` of them must appear. */
  words: string[];
}

/** Share of content words that a supporting passage must contain. */
export const wordShare = 0.5;

const stopwords = new Set(
  (
    "the and for are but not you your yours with from into onto that this these those there " +
    "their they them then than when what which who whom whose where why how all any both each " +
    "few more most other some such only own same very can will just should would could may " +
    "might must shall does did doing done has have having had was were been being its it's " +
    "also about above after again against below between during before over under until while " +
    "out off once here our ours ourselves yourself his her hers him she he one use used uses " +
    "using via per like set sets see lets let get gets got make makes made way ways well " +
    "because so if or as of to in on at by an be is a no nor too"
  ).split(" "),
);

const codeSpan = /`([^`]+)`/g;
const number = /(?<![\p{L}\d.])\d+(?:[.,]\d+)*(?![\p{L}\d])/gu;

/** Folds a word to a rough stem so that `workers` and `worker` compare equal. */
export function stem(word: string): string {
  const base = word.replace(/(?:ies|es|s|ing|ed)$/, "");
  return base.length >= 3 ? base : word;
}

/** Removes Markdown escapes and the HTML entities the wiki writes for `<`, `>` and `&`. */
export function plainText(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function keyTerms(statement: string): KeyTerms {
  const text = plainText(statement);
  const codes = [...text.matchAll(codeSpan)].map((match) =>
    match[1]!.replace(/\s+/g, " ").trim().toLowerCase(),
  );
  const prose = text.replace(codeSpan, " ");
  const numbers = [...prose.matchAll(number)].map((match) => match[0]);
  const words = (prose.toLowerCase().match(/\p{L}[\p{L}\p{N}_'-]*/gu) ?? [])
    .map((word) => word.replace(/['-]+$/, ""))
    .filter((word) => word.length >= 3 && !stopwords.has(word));
  return {
    exact: [...new Set([...codes.filter(Boolean), ...numbers])],
    words: [...new Set(words)],
  };
}

/** Returns the stems of the words of a passage. */
function stemsOf(passage: string): Set<string> {
  const words = passage.toLowerCase().match(/\p{L}[\p{L}\p{N}_'-]*/gu) ?? [];
  return new Set(words.map((word) => stem(word.replace(/['-]+$/, ""))));
}

function containsNumber(passage: string, value: string): boolean {
  const escaped = value.replace(/[.]/g, "\\.");
  return new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(passage);
}

/** Returns the terms that the passage lacks; `supported` applies the rule above. */
export function missingTerms(
  terms: KeyTerms,
  passage: string,
): { missingExact: string[]; missingWords: string[]; supported: boolean } {
  const lower = plainText(passage).toLowerCase().replace(/\s+/g, " ");
  const stems = stemsOf(lower);
  const missingExact = terms.exact.filter((term) =>
    /^\d/.test(term) && !/[^\d.,]/.test(term)
      ? !containsNumber(lower, term)
      : !lower.includes(term),
  );
  const missingWords = terms.words.filter(
    (word) => !stems.has(stem(word)) && !lower.includes(word),
  );
  const found = terms.words.length - missingWords.length;
  const wordsOk = terms.words.length === 0 || found / terms.words.length >= wordShare;
  return { missingExact, missingWords, supported: missingExact.length === 0 && wordsOk };
}

/**
 * Identifiers joined with the phrase of their words, only where one chunk writes both: a chunk
 * that names `STYLE_GUIDE` and writes "the style guide" in its prose speaks of one thing.
 * The identifier needs two words or more, without a file extension, so `CHANGELOG.md` never
 * joins "changelog". An identifier whose first word starts other identifiers too is a member
 * of a namespace (`APP_MODELS`, `APP_PORT`), a setting rather than the name of a thing, and
 * joins no phrase.
 */
import { blockTextsOf } from "./block-texts.js";
import type { ChunkAnalysis } from "./identity.js";
import { isIdentifier, sharedPrefixes, singular, wordsOf } from "./keys.js";
import { isIdentifier as isWrittenAsCode } from "./names.js";
import { namesOf } from "./variants.js";

/** Folded words of an identifier without a trailing file extension: `STYLE_GUIDE.md`. */
export function identifierWords(identifier: string): string[] {
  const stem = identifier.replace(/\.[A-Za-z]{1,5}$/, "");
  return wordsOf(stem).map(singular);
}

/**
 * Folded words of a text's prose between spaces, without code spans and words written as code
 * (`STYLE_GUIDE`), so an identifier never supplies its own phrase.
 */
function phraseWords(text: string): string {
  const prose = text
    .replace(/`[^`]*`/g, " ")
    .split(/\s+/)
    .filter((word) => !isWrittenAsCode(word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")));
  return ` ${wordsOf(prose.join(" ")).map(singular).join(" ")} `;
}

/** Pairs of an identifier and a known phrase of its words that one chunk writes together. */
export function identifierPhrasePairs(
  analyses: ChunkAnalysis[],
  known: Set<string>,
): [string, string][] {
  const phrases = new Map<string, string[]>();
  for (const name of known) {
    if (!/\s/.test(name) || isIdentifier(name)) continue;
    const key = wordsOf(name).map(singular).join(" ");
    phrases.set(key, [...(phrases.get(key) ?? []), name]);
  }
  const namespaces = sharedPrefixes([...known].filter((name) => isIdentifier(name)));
  const pairs: [string, string][] = [];
  for (const item of analyses) {
    const identifiers = [...namesOf(item.analysis)].filter(
      (name) => isIdentifier(name) && !namespaces.has(wordsOf(name)[0] ?? ""),
    );
    if (!identifiers.length) continue;
    const prose = phraseWords(blockTextsOf(item).join("\n"));
    for (const identifier of identifiers) {
      const words = identifierWords(identifier);
      const key = words.join(" ");
      if (words.length < 2 || !prose.includes(` ${key} `)) continue;
      for (const phrase of phrases.get(key) ?? []) pairs.push([identifier, phrase]);
    }
  }
  return pairs;
}

/**
 * Keys that decide whether two claims speak of the same subject and attribute. Phrases are
 * folded by general rules: case, plurals, articles, and measure nouns, so "the buffer window
 * size", "buffer length" and "default buffer window" meet. Identifiers keep their exact
 * spelling unless the sources use a phrase with the same words (see `aliasIdentifiers`).
 */

/** Nouns that name a measure of a thing rather than the thing itself. */
const measureNouns = new Set([
  "size",
  "length",
  "len",
  "window",
  "limit",
  "count",
  "number",
  "num",
  "amount",
  "total",
  "value",
  "capacity",
]);
const attributeWords: Record<string, string> = {
  default: "default",
  defaults: "default",
  max: "maximum",
  maximum: "maximum",
  min: "minimum",
  minimum: "minimum",
};
const determiners = new Set([
  ..."a an the this that these those its their your our my his her each every all some any"
    .split(" ")
    .concat(["following", "given", "certain", "such"]),
]);
const identifierShape = /^[\p{L}\p{N}]+(?:[_.\-/:][\p{L}\p{N}]+)+$|^\/[\p{L}\p{N}_\-/.{}:]+$/u;
const camelCase = /^\p{Ll}+\p{Lu}|^\p{Lu}{2,}$/u;

/** Strips code marks, quotes and a possessive, and applies Unicode NFKC. */
function plain(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[`"“”‘’*]/g, "")
    .replace(/'s\b/g, "")
    .trim();
}

/** Returns whether a name is written as code: `snake_case`, `UPPER_CASE`, `/a/path`, `a.b`. */
export function isIdentifier(name: string): boolean {
  const text = plain(name);
  return !/\s/.test(text) && (identifierShape.test(text) || camelCase.test(text));
}

export function singular(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is|os)$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/** Lowercase words of a phrase or identifier, split at spaces, punctuation and camelCase. */
export function wordsOf(text: string): string[] {
  return plain(text)
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Folds phrase words: drops determiners and attribute words, singularizes, drops measures. */
export function foldWords(words: string[]): string[] {
  const content = words
    .filter((word) => !determiners.has(word) && !(word in attributeWords))
    .map(singular);
  let folded = content;
  while (folded.length > 2 && measureNouns.has(folded[0]!) && folded[1] === "of") {
    folded = folded.slice(2);
  }
  while (folded.length > 1 && measureNouns.has(folded[folded.length - 1]!)) {
    folded = folded.slice(0, -1);
  }
  return folded.length ? folded : words.map(singular);
}

/**
 * Key of the thing a measure phrase measures: "buffer window size", "buffer length" and
 * "maximum buffer length" give `buffer`. Undefined when the phrase ends in no measure noun.
 */
export function measuredKey(phrase: string): string | undefined {
  if (isIdentifier(phrase)) return undefined;
  const words = wordsOf(phrase)
    .filter((word) => !determiners.has(word) && !(word in attributeWords))
    .map(singular);
  if (words.length < 2 || !measureNouns.has(words[words.length - 1]!)) return undefined;
  const folded = foldWords(words);
  return folded.length < words.length ? folded.join(" ") : undefined;
}

/** Key of a claim's subject: the identifier itself, or the folded words of a phrase. */
export function subjectKey(subject: string): string {
  if (isIdentifier(subject)) return `\`${plain(subject).toLowerCase()}`;
  return foldWords(wordsOf(subject)).join(" ");
}

/** Key of an attribute: "Default value" and "defaults" give `default`, "max" gives `maximum`. */
export function attributeKey(attribute: string): string {
  const words = wordsOf(attribute)
    .filter((word) => !determiners.has(word) && word !== "value")
    .map((word) => attributeWords[word] ?? singular(word));
  return words.join(" ");
}

/**
 * Maps identifier keys to phrase keys when the sources write both: with `APP_CACHE_SIZE` and
 * `APP_PORT` among the subjects, the prefix `APP` they share is a namespace, so
 * `APP_CACHE_SIZE` takes the key of the phrase "cache size". Both sides need two words or
 * more before folding, so one common word never joins an identifier to a phrase.
 */
export function aliasIdentifiers(subjects: string[]): Map<string, string> {
  const identifiers = [...new Set(subjects.filter(isIdentifier).map(plain))];
  const phraseKeys = new Set(
    subjects
      .filter((subject) => !isIdentifier(subject) && wordsOf(subject).length >= 2)
      .map(subjectKey),
  );
  const prefixes = sharedPrefixes(identifiers);
  const aliases = new Map<string, string>();
  for (const identifier of identifiers) {
    const words = wordsOf(identifier);
    const local = prefixes.has(words[0]!) ? words.slice(1) : words;
    if (local.length < 2) continue;
    const key = foldWords(local).join(" ");
    if (phraseKeys.has(key)) aliases.set(subjectKey(identifier), key);
  }
  return aliases;
}

/** First words that two or more different multi-word identifiers start with. */
export function sharedPrefixes(identifiers: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const identifier of identifiers) {
    const words = wordsOf(identifier);
    if (words.length > 1) counts.set(words[0]!, (counts.get(words[0]!) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([word]) => word));
}

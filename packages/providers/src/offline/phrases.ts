/**
 * Noun phrases found from part-of-speech tags: the phrases of a sentence, the subject a clause
 * starts with, and the topic of a heading.
 */
import type { Token } from "./nlp.js";
import { isVagueAdjective, pronouns } from "./noise.js";

export interface Phrase {
  text: string;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  tokens: Token[];
}

const nounTags = new Set(["NOUN", "PROPN", "CODE"]);
const wordTags = new Set(["ADJ", "NOUN", "PROPN", "CODE", "NUM"]);
const joiners = new Set(["of", "with", "for", "on"]);

/** Returns whether token `i` is a hyphen or slash between two words: "cross-origin", "K/V". */
function isJoiner(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    (token?.text === "-" || token?.text === "/") &&
    before !== undefined &&
    after !== undefined &&
    before.end === token.start &&
    token.end === after.start
  );
}

/** End (exclusive) of the run of phrase words that starts at `from`. */
function runEnd(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && (wordTags.has(tokens[i]!.pos) || isJoiner(tokens, i))) i++;
  while (i > from && !nounTags.has(tokens[i - 1]!.pos)) i--;
  return i;
}

function phraseOf(sentence: string, tokens: Token[], from: number, to: number): Phrase {
  const slice = tokens.slice(from, to);
  return {
    text: sentence.slice(slice[0]!.start, slice[slice.length - 1]!.end),
    start: slice[0]!.start,
    end: slice[slice.length - 1]!.end,
    tokens: slice,
  };
}

/** Leading tokens that do not belong in a name: numbers, vague adjectives, hyphens. */
function trimStart(tokens: Token[], from: number, to: number): number {
  let i = from;
  while (i < to - 1 && (tokens[i]!.pos === "NUM" || isVagueAdjective(tokens[i]!.text))) i++;
  return i;
}

/**
 * Finds the noun phrases of a sentence, joining proper nouns across "of" ("Bill of Materials")
 * and a plural apostrophe ("Bakers' Guild").
 */
export function nounPhrases(sentence: string, tokens: Token[]): Phrase[] {
  const phrases: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    const end = runEnd(tokens, i);
    if (end <= i) {
      i++;
      continue;
    }
    let to = end;
    const joined = joinsNames(tokens, to);
    if (joined && tokens[to + 1]?.pos === "PROPN") to = runEnd(tokens, to + 1);
    const from = trimStart(tokens, i, to);
    phrases.push(phraseOf(sentence, tokens, from, to));
    i = to;
  }
  return phrases;
}

/**
 * Returns whether the token at `at` joins two names into one: "of" ("Bank of England") or the
 * apostrophe of a plural ("Bakers' Guild"). A singular "'s" marks an owner ("Acme's API").
 */
function joinsNames(tokens: Token[], at: number): boolean {
  const before = tokens[at - 1];
  if (before?.pos !== "PROPN") return false;
  const text = tokens[at]?.text;
  return text === "of" || ((text === "'" || text === "’") && /s$/i.test(before.text));
}

/**
 * Returns the noun phrase a clause starts with when a verb follows it ("The `x` model has ...",
 * "Hosts with two disks currently default ..."). A pronoun gives `pronoun: true`.
 */
export function clauseSubject(
  sentence: string,
  tokens: Token[],
): { phrase: Phrase | undefined; pronoun: boolean } {
  let i = 0;
  while (tokens[i]?.pos === "DET") i++;
  if (tokens[i]?.pos === "PRON" || pronouns.has(tokens[i]?.text.toLowerCase() ?? "")) {
    return { phrase: undefined, pronoun: true };
  }
  let end = runEnd(tokens, i);
  if (end <= i) return { phrase: undefined, pronoun: false };
  while (joiners.has(tokens[end]?.text ?? "") && runEnd(tokens, end + 1) > end + 1) {
    end = runEnd(tokens, end + 1);
  }
  let next = end;
  while (tokens[next]?.pos === "ADV") next++;
  const verb = tokens[next]?.pos === "VERB" || tokens[next]?.pos === "AUX";
  return { phrase: verb ? phraseOf(sentence, tokens, i, end) : undefined, pronoun: false };
}

const leadingClause =
  /^(?:on|for|in|with|under|when|if|since|as of|once|after|before|while|whenever|unless)\b[^,]{1,100},\s+/i;

/** Strips a leading condition ("On Linux, ...", "If ..., ...") from a sentence and its tokens. */
export function mainClause(sentence: string, tokens: Token[]): { text: string; tokens: Token[] } {
  const match = leadingClause.exec(sentence);
  if (!match) return { text: sentence, tokens };
  const cut = match[0].length;
  const rest = tokens
    .filter((token) => token.start >= cut)
    .map((token) => ({ ...token, start: token.start - cut, end: token.end - cut }));
  return { text: sentence.slice(cut), tokens: rest };
}

/** Returns the topic of a heading: its longest noun phrase, the last one on a tie. */
export function headingTopic(heading: string, tokens: Token[]): Phrase | undefined {
  let best: Phrase | undefined;
  for (const phrase of nounPhrases(heading, tokens)) {
    if (phrase.tokens.every((token) => token.pos === "PRON")) continue;
    if (!best || phrase.tokens.length >= best.tokens.length) best = phrase;
  }
  return best;
}

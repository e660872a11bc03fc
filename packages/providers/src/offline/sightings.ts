/**
 * Sightings of names of things in a chunk: headings' noun phrases, defined terms ("X is a ..."),
 * leading terms of list items and table rows, identifiers in code spans, link texts, proper nouns
 * and noun phrases. Each sighting goes into the candidate pool with its weight.
 */
import type { LineRange } from "@wiki/compiler";
import { addAbbreviations } from "./abbreviations.js";
import { CandidatePool, plainSighting } from "./candidates.js";
import { shapeHints, typeNounAfter } from "./entity-types.js";
import { isNameCode, isGoodPhraseName, unquoteCode } from "./names.js";
import { addNamings } from "./naming.js";
import { tagSentence, type Token } from "./nlp.js";
import { isDocumentNoun, isGenericNoun } from "./noise.js";
import { clauseSubject, nounPhrases, type Phrase } from "./phrases.js";
import type { ChunkReading, SentenceUnit } from "./read.js";

const definitionVerb =
  /^\s*(?:is|are)\s+(?:a|an|the|one of)\b|^\s*(?:refers to|means|stands for)\b/i;

export function collectSightings(reading: ChunkReading): CandidatePool {
  const pool = new CandidatePool();
  for (const heading of reading.headings) {
    addAbbreviations(pool, heading.block.text, heading.block.lines);
    for (const found of nounPhrases(heading.block.text, heading.tokens)) {
      const phrase = cleanPhrase(heading.block.text, heading.tokens, found);
      if (phrase) addPhrase(pool, phrase, headingWeight(phrase), heading.block.lines, false);
    }
  }
  for (const [blockIndex, term] of reading.terms) {
    const block = reading.chunk.blocks[blockIndex]!;
    const description = term.rest.split(/(?<=[.!?])\s/)[0] ?? "";
    const weight = description.split(/\s+/).length >= 3 ? 4 : 3;
    if (term.code && isNameCode(term.term)) {
      pool.add(codeSighting(term.term, weight, block.lines, description, ""));
    } else if (!term.code && isGoodPhraseName(term.term)) {
      const hints = shapeHints(term.term, false);
      pool.add({ ...plainSighting(term.term, weight, block.lines), hints, description });
    }
  }
  const prose = reading.sentences.map((unit) => unit.text).join(" ");
  const firstOfBlock = new Set<number>();
  for (const unit of reading.sentences) {
    addSentence(pool, unit, prose);
    if (!firstOfBlock.has(unit.blockIndex)) {
      firstOfBlock.add(unit.blockIndex);
      for (const text of unit.block.linkTexts) addLinkText(pool, text, unit.lines);
    }
  }
  return pool;
}

function addSentence(pool: CandidatePool, unit: SentenceUnit, prose: string): void {
  addAbbreviations(pool, unit.text, unit.lines);
  addNamings(pool, unit);
  const subject = clauseSubject(unit.text, unit.tokens).phrase;
  if (subject && definitionVerb.test(unit.text.slice(subject.end))) {
    const name = subject.text.replace(/^(?:the|a|an)\s+/i, "");
    if (isGoodPhraseName(name) || isNameCode(name)) {
      pool.add({ ...plainSighting(name, 5, unit.lines), description: unit.text, natural: true });
    }
  }
  unit.tokens.forEach((token) => {
    if (token.pos !== "CODE" || !isNameCode(token.text)) return;
    const after = unit.text.slice(token.end);
    pool.add(codeSighting(token.text, 3, unit.lines, "", after, prose));
  });
  const phrases = nounPhrases(unit.text, unit.tokens);
  const wholeItem = unit.block.kind === "list-item" && phrases.length === 1;
  if (wholeItem && phrases[0]!.text === unit.text.replace(/[.:]$/, "").trim()) {
    // A list item that is only a name enumerates a thing: "- Reviewer", "- Approver".
    const phrase = cleanPhrase(unit.text, unit.tokens, phrases[0]!);
    if (phrase && phrase.tokens.length <= 4) addPhrase(pool, phrase, 3, unit.lines, true);
  }
  for (const found of phrases) {
    const phrase = cleanPhrase(unit.text, unit.tokens, found);
    if (!phrase || phrase.tokens.some((token) => token.pos === "CODE")) continue;
    const proper = phrase.tokens.every(
      (token) => token.pos === "PROPN" || nameJoiners.has(token.text),
    );
    const sentenceStart = phrase.start === 0;
    const weight = proper && !(sentenceStart && phrase.tokens.length === 1) ? 2 : 1;
    const hints = proper ? nameHints(unit.text, phrase) : [];
    addPhrase(pool, phrase, weight, unit.lines, !sentenceStart || proper, hints);
  }
}

const platformHints = ["platform", "operating system"];
/** Signs that join the words of one name: "Wi-Fi", "TCP/IP", "Bakers' Guild". */
const nameJoiners = new Set(["-", "/", "'", "\u2019"]);

/**
 * Returns type hints from the words around a name: "who" after it marks a person ("Ada Byron,
 * who wrote"), "on" before it a platform ("runs on Linux").
 */
function nameHints(sentence: string, phrase: Phrase): string[] {
  if (/^\s*,?\s+who\b/i.test(sentence.slice(phrase.end))) return ["person"];
  return /\bon\s+$/i.test(sentence.slice(0, phrase.start)) ? platformHints : [];
}

/**
 * Returns the weight of a heading's phrase. One word at a heading's start weighs less, unless it
 * is an acronym ("CLI") or a name in mixed case, because such words are often labels ("App").
 */
function headingWeight(phrase: Phrase): number {
  if (phrase.tokens.length > 1 || phrase.start > 0) return 3;
  return /^\p{Lu}{2,}\d*$|\p{Ll}\p{Lu}/u.test(phrase.text) ? 3 : 2;
}

/**
 * Cleans a noun phrase into a name, or rejects it. A phrase glued to the word before it ("com"
 * in "example.com") or measured by a number before it ("GiB memory" in "16 GiB memory") is no
 * name. A trailing version ("v5"), a trailing document noun ("parser docs") and a generic noun
 * after a proper name ("Acme Cloud features") are dropped.
 */
function cleanPhrase(sentence: string, tokens: Token[], phrase: Phrase): Phrase | undefined {
  const before = sentence[phrase.start - 1];
  if (before !== undefined && /[./_@:\\-]/.test(before)) return undefined;
  const previous = tokens[tokens.indexOf(phrase.tokens[0]!) - 1];
  if (previous?.pos === "NUM" && previous.end >= phrase.start - 1) return undefined;
  const last = phrase.tokens[phrase.tokens.length - 1]!;
  const afterName =
    phrase.tokens.slice(0, -1).every((token) => token.pos === "PROPN") && isGenericNoun(last.text);
  const droppable = /^v\d+$/i.test(last.text) || isDocumentNoun(last.text) || afterName;
  if (phrase.tokens.length < 2 || !droppable) return phrase;
  const kept = phrase.tokens.slice(0, -1);
  const end = kept[kept.length - 1]!.end;
  return { ...phrase, text: sentence.slice(phrase.start, end), end, tokens: kept };
}

function addLinkText(pool: CandidatePool, text: string, lines: LineRange): void {
  const tokens = tagSentence(text);
  const phrases = nounPhrases(text, tokens);
  if (phrases.length !== 1 || phrases[0]!.text.length < text.trim().length - 1) return;
  const phrase = cleanPhrase(text, tokens, phrases[0]!);
  if (phrase) addPhrase(pool, phrase, 2, lines, true);
}

/**
 * Adds a phrase. It is a name when it has a proper noun past its first word, or is all proper
 * nouns: the tagger reads many capitalized first words of a sentence as proper nouns.
 */
function addPhrase(
  pool: CandidatePool,
  phrase: Phrase,
  weight: number,
  lines: LineRange,
  natural: boolean,
  hints: string[] = [],
): void {
  if (!isGoodPhraseName(phrase.text)) return;
  const proper = phrase.tokens.filter((token) => token.pos === "PROPN");
  const isName = proper.length === phrase.tokens.length || proper.some((token) => token.start > 0);
  pool.add({ ...plainSighting(phrase.text, weight, lines), isName, natural, hints });
}

/**
 * Turns a code span into a sighting. A lone word (`name`) weighs as an identifier only when a
 * type noun follows it ("the `name` parameter") or the chunk's prose uses the word again.
 */
function codeSighting(
  code: string,
  weight: number,
  lines: LineRange,
  description: string,
  after: string,
  prose = "",
) {
  const name = unquoteCode(code);
  const typeNoun = typeNounAfter(after);
  const plainWord = /^\p{L}[\p{L}\d]*$/u.test(name);
  const seenAgain = plainWord && countWord(prose, name) >= 2;
  const adjusted = plainWord && !typeNoun && !seenAgain && weight === 3 ? 2 : weight;
  const hints = [...(typeNoun ? [typeNoun] : []), ...shapeHints(name, true)];
  return { name, weight: adjusted, lines, hints, description, isName: true, natural: !plainWord };
}

/** Counts the whole-word occurrences of a word in a text, in any case. */
function countWord(text: string, word: string): number {
  const lower = text.toLowerCase();
  const target = word.toLowerCase();
  let count = 0;
  for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + 1)) {
    const before = lower[at - 1] ?? " ";
    const after = lower[at + target.length] ?? " ";
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) count++;
  }
  return count;
}

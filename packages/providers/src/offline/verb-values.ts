/**
 * Values stated by a verb and a number, without a value word: "Build logs are kept for 90 days"
 * gives the subject "Build logs", the attribute "kept for" and the value "90 days". A counted
 * noun that is no unit goes into the attribute too: "A deploy needs two approvals" gives the
 * attribute "need approval" and the value "two approvals", so "needs two approvals" never meets
 * "needs two days". Only a clause that starts with its subject, has one verb group and puts the
 * number right after the verb is read.
 */
import { readValue } from "@wiki/compiler";
import type { Token } from "./nlp.js";
import type { Phrase } from "./phrases.js";

export interface VerbValue {
  subject: Phrase;
  attribute: string;
  value: string;
  /** The text after the value, where conditions may follow ("since version 3"). */
  tail: string;
}

/** Number words read as numbers; `quantities.ts` in the compiler reads the same words. */
const numberWordList =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred";
const numberWords = new RegExp(`^(?:${numberWordList})$`, "i");
const numberWordInText = new RegExp(`\\d|\\b(?:${numberWordList})\\b`, "i");
/** Words between a verb and its number: a preposition or a comparison. */
const linkWords = new Set(
  `for after within in every at least most up to than more less fewer over under about around
  only exactly`.split(/\s+/),
);
const comparison =
  /\b(?:at least|at most|up to|more than|less than|fewer than|over|under|about|around|exactly)$/i;
const subjectDeterminers = /^(?:a|an|the|each|every|all|your|our|its|their)$/i;
const subjectTags = new Set(["ADJ", "NOUN", "PROPN", "CODE", "NUM"]);

/** Returns whether a text has a digit or a number word, which every verb value needs. */
export function mentionsNumber(text: string): boolean {
  return numberWordInText.test(text);
}

function isNumber(token: Token): boolean {
  return token.pos === "NUM" && (/^\d[\d,.]*$/.test(token.text) || numberWords.test(token.text));
}

/** Reads "SUBJECT [aux] VERB [preposition] NUMBER [unit or noun] ..." from a clause. */
export function readVerbValue(body: string, tokens: Token[]): VerbValue | undefined {
  const numberAt = tokens.findIndex(isNumber);
  if (numberAt < 0) return undefined;
  let verbAt = numberAt - 1;
  const isLink = (token: Token) => linkWords.has(token.text.toLowerCase());
  while (verbAt >= 0 && numberAt - verbAt <= 3 && isLink(tokens[verbAt]!)) verbAt--;
  const verb = tokens[verbAt];
  if (verb?.pos !== "VERB") return undefined;

  let subjectEnd = verbAt;
  while (subjectEnd > 0 && /^(?:AUX|PART|ADV)$/.test(tokens[subjectEnd - 1]!.pos)) subjectEnd--;
  const subject = subjectOf(body, tokens.slice(0, subjectEnd));
  if (!subject) return undefined;
  const passive = tokens.slice(subjectEnd, verbAt).some((token) => token.lemma === "be");
  const verbWord = passive ? verb.text.toLowerCase() : verb.lemma;

  const between = body.slice(verb.end, tokens[numberAt]!.start).trim();
  const compared = comparison.exec(between)?.[0] ?? "";
  const link = between
    .slice(0, between.length - compared.length)
    .trim()
    .toLowerCase();
  const counted = countedPart(body, tokens, numberAt);
  const attribute = [verbWord, link, counted.noun].filter(Boolean).join(" ");
  const value = `${compared ? `${compared} ` : ""}${counted.text}`;
  return { subject, attribute, value, tail: body.slice(counted.end).trim() };
}

// NOTE: a clause must start with its subject, so an imperative ("Preheat the oven to 250 °C")
// or a pronoun ("She kept it at 68 percent") gives no value and is never compared offline.

/** Forms of "be" that link a subject to its value. */
export const copulas = new Set(["is", "are", "was", "were"]);

/**
 * Reads "THE ATTRIBUTE of SUBJECT is NUMBER [unit]" ("The hydration of the dough is 75
 * percent": subject "dough", attribute "hydration") and "SUBJECT is NUMBER [unit]" ("The
 * oven temperature is 250 °C": attribute "is"). The number must follow the verb, so "Version 2
 * is faster" is not read.
 */
export function readCopulaValue(body: string, tokens: Token[]): VerbValue | undefined {
  const copulaAt = tokens.findIndex((token) => copulas.has(token.text.toLowerCase()));
  if (copulaAt < 1) return undefined;
  let numberAt = copulaAt + 1;
  while (numberAt - copulaAt <= 3 && linkWords.has(tokens[numberAt]?.text.toLowerCase() ?? ""))
    numberAt++;
  if (!tokens[numberAt] || !isNumber(tokens[numberAt]!)) return undefined;
  const before = tokens.slice(0, copulaAt);
  const ofAt = before.findIndex((token) => token.text.toLowerCase() === "of");
  const subject = subjectOf(body, ofAt < 0 ? before : before.slice(ofAt + 1));
  const measured = ofAt < 0 ? undefined : subjectOf(body, before.slice(0, ofAt));
  if (!subject || (ofAt >= 0 && !measured)) return undefined;
  const between = body.slice(tokens[copulaAt]!.end, tokens[numberAt]!.start).trim();
  const counted = countedPart(body, tokens, numberAt);
  const attribute = [measured?.text.toLowerCase() ?? "is", counted.noun].filter(Boolean).join(" ");
  const value = `${between ? `${between} ` : ""}${counted.text}`;
  return { subject, attribute, value, tail: body.slice(counted.end).trim() };
}

/**
 * Reads the number or range ("4 to 6") with its unit or counted nouns. A unit ("90 days", "8 GB",
 * "50%") stays out of the attribute; counted nouns ("two approvals", "two sign-in methods") go
 * into it, by their lemmas.
 */
function countedPart(body: string, tokens: Token[], numberAt: number) {
  const first = tokens[numberAt]!;
  const joined = /^(?:to|or|and|-|–)$/i.test(tokens[numberAt + 1]?.text ?? "");
  const rangeEnd = joined && tokens[numberAt + 2] && isNumber(tokens[numberAt + 2]!);
  const lastAt = rangeEnd ? numberAt + 2 : numberAt;
  const numberEnd = tokens[lastAt]!.end;
  const next = tokens[lastAt + 1];
  if (next?.text === "%" && next.start === numberEnd) {
    return { text: body.slice(first.start, next.end), noun: "", end: next.end };
  }
  const degrees = /^ ?°[CFK]?\b|^ ?°/.exec(body.slice(numberEnd));
  if (degrees) {
    const end = numberEnd + degrees[0].length;
    return { text: body.slice(first.start, end), noun: "", end };
  }
  let nounEnd = lastAt + 1;
  while (nounEnd - lastAt <= 3 && /^(?:NOUN|PROPN)$/.test(tokens[nounEnd]?.pos ?? "")) nounEnd++;
  const nouns = tokens.slice(lastAt + 1, nounEnd);
  if (nouns.length === 0)
    return { text: body.slice(first.start, numberEnd), noun: "", end: numberEnd };

  const end = nouns[nouns.length - 1]!.end;
  const form = readValue(`1 ${nouns[0]!.text}`);
  const unit = nouns.length === 1 && form.kind === "quantity" && form.quantity.dimension !== "";
  const noun = unit ? "" : nouns.map((token) => token.lemma).join(" ");
  return { text: body.slice(first.start, end), noun, end };
}

/**
 * Reads the subject a clause starts with: a noun phrase without its determiner. Its first word
 * may be tagged as a verb ("Build logs", "a deploy"), because the tagger reads such nouns so.
 */
function subjectOf(body: string, tokens: Token[]): Phrase | undefined {
  const words = subjectDeterminers.test(tokens[0]?.text ?? "") ? tokens.slice(1) : tokens;
  if (words.length === 0 || words.length > 5) return undefined;
  // A code span names the subject alone; "the function `run()`" is no name.
  if (words.length > 1 && words.some((token) => token.pos === "CODE")) return undefined;
  const fits = words.every(
    (token, i) =>
      subjectTags.has(token.pos) || (i === 0 && token.pos === "VERB") || token.text === "-",
  );
  const last = words[words.length - 1]!;
  const named =
    /^(?:NOUN|PROPN|CODE)$/.test(last.pos) || (words.length === 1 && last.pos === "VERB");
  if (!fits || !named) return undefined;
  const start = words[0]!.start;
  return { text: body.slice(start, last.end), start, end: last.end, tokens: words };
}

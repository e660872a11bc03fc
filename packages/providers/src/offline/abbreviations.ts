/**
 * Abbreviations written beside their long form, "Service Level Agreement (SLA)" or
 * "SLA (Service Level Agreement)": the two names join as one thing.
 */
import type { LineRange } from "@wiki/compiler";
import { plainSighting, type CandidatePool } from "./candidates.js";
import { isGoodPhraseName } from "./names.js";

const smallWords = new Set(["of", "for", "and", "the", "a", "an", "to", "in", "on", "with"]);

/** First letters of words, with or without the small words ("of", "and"). */
function initialsOf(words: string[], withSmall: boolean): string {
  return words
    .flatMap((word) => word.split("-"))
    .filter((word) => word && (withSmall || !smallWords.has(word.toLowerCase())))
    .map((word) => word[0]!.toLowerCase())
    .join("");
}

/** Returns whether the letters of `short` appear in `word` in order, from its first letter. */
function isContraction(word: string, short: string): boolean {
  const lower = word.toLowerCase();
  if (lower[0] !== short[0]) return false;
  let at = 0;
  for (const letter of short) {
    at = lower.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * Returns the words before an abbreviation that it stands for: the shortest run of words ending
 * there whose initials spell it ("Service Level Agreement (SLA)"), or one word that contains
 * its letters in order ("magnesium (Mg)").
 */
export function expansionOf(before: string, abbreviation: string): string | undefined {
  const short = abbreviation.replace(/(?<=[A-Z]{2})s$/, "").toLowerCase();
  const words = before.trimEnd().split(/\s+/).slice(-8);
  for (let count = 1; count <= words.length; count++) {
    const run = words.slice(-count);
    if (run.some((word) => !/^[\p{L}][\p{L}\d-]*$/u.test(word))) return undefined;
    if (smallWords.has(run[0]!.toLowerCase())) continue;
    if (initialsOf(run, true) === short || initialsOf(run, false) === short) return run.join(" ");
    if (count === 1 && short.length <= 3 && isContraction(run[0]!, short)) return run[0];
  }
  return undefined;
}

/** "long form (ABBR)" and "ABBR (long form)": both names join as one thing. */
export function addAbbreviations(pool: CandidatePool, text: string, lines: LineRange): void {
  for (const match of text.matchAll(/\(([A-Z][A-Za-z\d]{0,7})\)/g)) {
    const long = expansionOf(text.slice(0, match.index), match[1]!);
    if (long) addAbbreviation(pool, long, match[1]!, lines);
  }
  for (const match of text.matchAll(/\b([A-Z][A-Z\d]{1,7}s?) \(([^()]{3,80})\)/g)) {
    const long = expansionOf(match[2]!, match[1]!);
    if (long === match[2]!.trim()) addAbbreviation(pool, long, match[1]!, lines);
  }
}

function addAbbreviation(pool: CandidatePool, long: string, short: string, lines: LineRange): void {
  if (!isGoodPhraseName(long)) return;
  pool.add({ ...plainSighting(long, 3, lines), natural: true, isName: /\p{Lu}/u.test(long) });
  pool.add({ ...plainSighting(short, 3, lines), natural: true, isName: true });
  pool.join(long, short);
}

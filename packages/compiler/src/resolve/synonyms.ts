/**
 * General rules that find two names for one thing in the sources' own wording: an acronym and
 * the words it abbreviates, written together in one chunk (`Developer Certificate of Origin
 * (DCO)`, or both named in the chunk's analysis), and names of one measure (`X size`,
 * `X length`, `X window size`).
 */
import { blockTextsOf } from "./block-texts.js";
import type { ChunkAnalysis } from "./identity.js";
import { cleanName } from "./names.js";

const minorWords = new Set([
  "of",
  "the",
  "and",
  "for",
  "to",
  "in",
  "on",
  "a",
  "an",
  "with",
  "by",
  "&",
]);
const acronym = /^[A-Z][A-Z0-9]{1,5}$/;

/** Pairs of spellings that one chunk uses for one thing. */
export function acronymPairs(analyses: ChunkAnalysis[], known: Set<string>): [string, string][] {
  const expanded = explicitlyExpanded(analyses);
  const pairs: [string, string][] = [];
  for (const item of analyses) {
    const { analysis } = item;
    const names = new Set<string>();
    for (const entity of analysis.entities) names.add(cleanName(entity.name));
    for (const claim of analysis.claims) names.add(cleanName(claim.subject));
    const acronyms = [...names].filter(
      (name) => acronym.test(name.replace(/s$/, "")) && !expanded.has(name),
    );
    for (const short of acronyms) {
      const letters = short.replace(/s$/, "");
      for (const long of names) {
        if (long.includes(" ") && initials(long) === letters) pairs.push([short, long]);
      }
    }
    for (const text of blockTextsOf(item)) {
      for (const [long, short] of writtenTogether(text)) {
        if (known.has(long) && known.has(short)) pairs.push([short, long]);
      }
    }
  }
  return pairs;
}

/** Acronyms whose expansion a source gives as an alias; only that expansion joins them. */
function explicitlyExpanded(analyses: ChunkAnalysis[]): Set<string> {
  const expanded = new Set<string>();
  for (const { analysis } of analyses) {
    for (const entity of analysis.entities) {
      const name = cleanName(entity.name);
      if (acronym.test(name) && entity.aliases.some((alias) => initials(alias) === name))
        expanded.add(name);
    }
  }
  return expanded;
}

function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((word) => word && !minorWords.has(word.toLowerCase()));
  return words.map((word) => word[0]!.toUpperCase()).join("");
}

/** Finds `Long Name (ACRONYM)` in a text and returns `[long name, acronym]` pairs. */
function writtenTogether(text: string): [string, string][] {
  const found: [string, string][] = [];
  for (const match of text.matchAll(/\(([A-Z][A-Z0-9]{1,5})s?\)/g)) {
    const short = match[1]!;
    const before = text.slice(0, match.index).trim().split(/\s+/);
    const taken: string[] = [];
    let counted = 0;
    while (before.length && counted < short.length) {
      const word = before.pop()!.replace(/[^\p{L}\p{N}-]/gu, "");
      if (!word) break;
      taken.unshift(word);
      if (!minorWords.has(word.toLowerCase())) counted++;
    }
    const long = taken.join(" ");
    if (counted === short.length && initials(long) === short) found.push([long, short]);
  }
  return found;
}

const measureEnding = / (window size|window length|window|size|length)$/;

/**
 * The key shared by names of one measure: `buffer size`, `buffer length`, `buffer window`
 * and `buffer window size` all give `buffer#measure`. Undefined for other names.
 */
export function measureKey(folded: string): string | undefined {
  const match = measureEnding.exec(folded);
  if (!match || match.index === 0) return undefined;
  return `${folded.slice(0, match.index)}#measure`;
}

/**
 * Normalized keys of names: what makes two spellings the same thing. Unicode form, case, quotes,
 * surrounding punctuation and white space never tell things apart; a plural -s is folded for
 * common nouns only, never for proper names or identifiers; digits and symbols are kept, so
 * enumerated names (`step-2`, `step-3`) stay apart.
 */

const quotes = /^[\s"'“”‘’«»„<*_]+|[\s"'“”‘’«»„>*_.,;:!?]+$/gu;
/** Pairs of brackets. Angle brackets are not among them: names use them as arrows or tags. */
const brackets: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const openers = new Set(Object.keys(brackets));
const closers = new Set(Object.values(brackets));
/** Maximum rounds of trimming, each of which removes at least one character or ends the loop. */
const maxTrimRounds = 8;

/**
 * The name as a person would write it: NFKC, single spaces, no wrapping quotes, punctuation or
 * brackets. A round, square or curly bracket is removed only where it wraps the whole name or
 * has no partner, so `run()` and `Acme (beta)` keep theirs and `(GPU)` becomes `GPU`. Backticks
 * follow the same rule, so a code span inside a name stays whole. Angle brackets at either end
 * are removed like quotes.
 */
export function cleanName(name: string): string {
  let clean = cleaned.get(name);
  if (clean === undefined) {
    if (cleaned.size >= maxCleaned) cleaned.clear();
    clean = cleanNameOnce(name);
    cleaned.set(name, clean);
  }
  return clean;
}

/**
 * Names cleaned so far. Resolve and write clean each name many times, by estimate millions of
 * calls at 10,000 sources. The cache is cleared when full rather than kept in order of use.
 */
const cleaned = new Map<string, string>();
const maxCleaned = 1 << 16;

function cleanNameOnce(name: string): string {
  let clean = name.normalize("NFKC").replace(/\s+/g, " ").trim();
  for (let round = 0; round < maxTrimRounds; round++) {
    const trimmed = trimBackticks(trimBrackets(clean.replace(quotes, "").trim()).trim()).trim();
    if (trimmed === clean) break;
    clean = trimmed;
  }
  return clean;
}

/** Removes backticks around the whole text, or a first or last backtick with no partner. */
function trimBackticks(text: string): string {
  const wrapped = /^(`+)([^`]*)\1$/.exec(text);
  if (wrapped) return wrapped[2]!;
  if ((text.split("`").length - 1) % 2 === 0) return text;
  if (text.startsWith("`")) return text.slice(1);
  return text.endsWith("`") ? text.slice(0, -1) : text;
}

/** Removes a bracket pair around the whole text, or a first or last bracket with no partner. */
function trimBrackets(text: string): string {
  const first = text[0] ?? "";
  const last = text[text.length - 1] ?? "";
  if (brackets[first] === last && isBalanced(text.slice(1, -1))) return text.slice(1, -1);
  if (openers.has(first) && !isBalanced(text)) return text.slice(1);
  if (closers.has(last) && !isBalanced(text)) return text.slice(0, -1);
  return text;
}

/** True when every bracket of a text closes in order. */
export function isBalanced(text: string): boolean {
  const open: string[] = [];
  for (const character of text) {
    if (openers.has(character)) open.push(brackets[character]!);
    else if (closers.has(character) && open.pop() !== character) return false;
  }
  return open.length === 0;
}

/** True for names written as code: `snake_case`, `UPPER_CASE`, `/paths`, `--flags`, `a.b()`. */
export function isIdentifier(name: string): boolean {
  return /[_/\\.()=]|^-|^[A-Z0-9]+_[A-Z0-9_]+$/.test(name) && !/\s/.test(name);
}

/**
 * Case-folded key of a name: the first test of whether two spellings are one thing. A call's
 * empty brackets are dropped, so `run()` and `run` are one thing, and so are backticks, which
 * only format a part of the name as code.
 */
export function nameKey(name: string): string {
  return cleanName(name)
    .replace(/`/g, "")
    .replace(/(?<=\S)\(\)$/, "")
    .toLowerCase();
}

/**
 * Possible singulars of a name's last word, case-folded (`caches` gives `cache` and `cach`).
 * Callers keep only a candidate that the sources also use, so a wrong guess merges nothing.
 */
export function singularCandidates(clean: string): string[] {
  const folded = clean.toLowerCase();
  const lastWord = clean.split(" ").pop() ?? "";
  if (isIdentifier(clean)) return [];
  if (/^[A-Z]{2,}s$/.test(lastWord)) return [folded.slice(0, -1)];
  if (lastWord.length < 4 || !/s$/.test(lastWord)) return [];
  if (/(ss|us|is)$/.test(folded)) return [];
  const candidates = [folded.slice(0, -1)];
  if (/es$/.test(folded)) candidates.push(folded.slice(0, -2));
  if (/ies$/.test(folded)) candidates.push(`${folded.slice(0, -3)}y`);
  return candidates;
}

/** True when a spelling is written all in lower case (a common noun, not a proper name). */
export function isLowerCase(clean: string): boolean {
  return clean === clean.toLowerCase() && /\p{Ll}/u.test(clean);
}

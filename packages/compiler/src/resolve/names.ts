/**
 * Normalized keys of names: what makes two spellings the same thing. Unicode form, case, quotes,
 * surrounding punctuation and white space never tell things apart; a plural -s is folded for
 * common nouns only, never for proper names or identifiers; digits and symbols are kept, so
 * enumerated names (`step-2`, `step-3`) stay apart.
 */

const quotes = /^[\s"'`“”‘’«»„(\[{<*_]+|[\s"'`“”‘’«»„)\]}>*_.,;:!?]+$/gu;

/** The name as a person would write it: NFKC, no wrapping quotes or punctuation, single spaces. */
export function cleanName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, " ").replace(quotes, "").trim();
}

/** True for names written as code: `snake_case`, `UPPER_CASE`, `/paths`, `--flags`, `a.b()`. */
export function isIdentifier(name: string): boolean {
  return /[_/\\.()=]|^-|^[A-Z0-9]+_[A-Z0-9_]+$/.test(name) && !/\s/.test(name);
}

/** Case-folded key of a name: the first test of whether two spellings are one thing. */
export function nameKey(name: string): string {
  return cleanName(name).toLowerCase();
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

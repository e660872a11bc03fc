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
 * Singular of a case-folded common noun phrase (its last word), or the phrase itself. Callers
 * apply it only to names the sources write in lower case somewhere, so proper names such as
 * `Windows` keep their final s; an acronym plural such as `GPUs` folds to `GPU`.
 */
export function singularKey(clean: string): string {
  const folded = clean.toLowerCase();
  const lastWord = clean.split(" ").pop() ?? "";
  if (isIdentifier(clean)) return folded;
  if (/^[A-Z]{2,}s$/.test(lastWord)) return folded.slice(0, -1);
  if (/\p{Lu}/u.test(lastWord) || lastWord.length < 4) return folded;
  if (/ies$/.test(folded)) return `${folded.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(folded)) return folded;
  if (/(ches|shes|xes|sses|zes)$/.test(folded)) return folded.slice(0, -2);
  if (/s$/.test(folded)) return folded.slice(0, -1);
  return folded;
}

/** True when a spelling is written all in lower case (a common noun, not a proper name). */
export function isLowerCase(clean: string): boolean {
  return clean === clean.toLowerCase() && /\p{Ll}/u.test(clean);
}

/**
 * How the scorer compares names: Unicode NFKC, no Markdown markup or quotes, hyphens read as
 * spaces, no leading article, and no case unless a key spelling requires it (`Cr` and `CR` are
 * two things). Other punctuation is part of the name, so `~/.ollama/models` stays apart from
 * `OLLAMA_MODELS` and `OLLAMA_MODELS` from the phrase `Ollama models`.
 */

const markup = /[`*"\u201C\u201D\\]/g;
const leadingArticle = /^(the|a|an) /i;

/** Returns the comparable form of a name: `` `OLLAMA_HOST` `` and `ollama_host` give one form. */
export function normalizeName(name: string, keepCase = false): string {
  const folded = name.normalize("NFKC").replace(markup, "");
  const cased = keepCase ? folded : folded.toLowerCase();
  return cased
    .replace(/\(\)$/, "")
    .replace(/[\s\u2010-\u2015-]+/g, " ")
    .replace(/^[\s'\u2018\u2019]+|[\s.,:;!?'\u2018\u2019]+$/g, "")
    .replace(leadingArticle, "");
}

/**
 * Returns the names a page title or alias stands for: itself and, for a title that ends in a
 * parenthesized qualifier such as `Atlas (cluster)`, the name before it.
 */
export function nameVariants(name: string): string[] {
  const bare = name.replace(/\s*\([^()]*\)\s*$/, "").trim();
  return bare && bare !== name.trim() ? [name, bare] : [name];
}

/** Comparable forms of a page name in both modes, for matching against key spellings. */
export interface NameForms {
  folded: Set<string>;
  cased: Set<string>;
}

export function nameForms(names: string[]): NameForms {
  const variants = names.flatMap(nameVariants);
  return {
    folded: new Set(variants.map((name) => normalizeName(name)).filter(Boolean)),
    cased: new Set(variants.map((name) => normalizeName(name, true)).filter(Boolean)),
  };
}

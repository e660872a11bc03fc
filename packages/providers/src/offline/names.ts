/**
 * Names of things as the offline extractor reads them: which code spans name a thing, the key
 * that decides when two spellings name one thing, and the pattern that finds a name in a sentence.
 */
import { isIdentifier, singular } from "@wiki/compiler";
import { isNoisePhrase } from "./noise.js";

/** Top folders of Unix file systems: a path under one is a location, not an endpoint. */
const fileSystemRoot =
  /^\/(?:bin|boot|dev|etc|home|lib|lib64|mnt|opt|proc|root|run|sbin|srv|sys|tmp|usr|var)(?:\/|$)/;
const literalWords = new Set(["true", "false", "null", "none", "nil", "undefined", "yes", "no"]);

/** Removes the backticks around a code span. */
export function unquoteCode(text: string): string {
  return text.replace(/^`+|`+$/g, "").trim();
}

/**
 * Returns whether a code span names a thing (an identifier, an endpoint path, a command of up to
 * two words) rather than a value: numbers, addresses, URLs, file-system paths, literals and code.
 */
export function isNameCode(text: string): boolean {
  const name = unquoteCode(text);
  if (name.length < 2 || name.length > 50) return false;
  if (/^--?[a-z][\w-]*$/i.test(name) || /^[A-Za-z_][\w.]*\(\)$/.test(name)) return true;
  if (/^[\d.:\-+]/.test(name) || /^(?:https?:|www\.|~|\.|[A-Za-z]:\\)/.test(name)) return false;
  if (fileSystemRoot.test(name)) return false;
  if (/[{}()[\]=<>"'*%$,;|\\#!?]/.test(name)) return false;
  if (literalWords.has(name.toLowerCase())) return false;
  if (/\s/.test(name)) {
    const words = name.split(/\s+/);
    return words.length <= 2 && words.every((word) => /^[a-z][\w.:-]*$/.test(word));
  }
  if (name.startsWith("/")) return /^(?:\/[\w{}:.-]+){1,4}$/.test(name) && !/\/\./.test(name);
  return /\p{L}/u.test(name);
}

/** Returns whether a phrase can be a page name: short, from a letter, not only generic words. */
export function isGoodPhraseName(name: string): boolean {
  const words = name.split(/\s+/);
  if (name.length < 2 || name.length > 60 || words.length > 6) return false;
  if (!/^\p{L}/u.test(name) || /[|=<>{}[\]"“”;]/.test(name)) return false;
  return !isNoisePhrase(name);
}

/** Key of a name: identifiers exactly, phrases lowercased without articles, each word singular. */
export function nameKey(name: string): string {
  const plain = unquoteCode(name.normalize("NFKC")).replace(/[’']s\b/g, "");
  if (isIdentifier(plain)) return `\`${plain.toLowerCase()}`;
  return plain
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s./+-]/gu, " ")
    .split(/\s+/)
    .filter((word) => word && !/^(?:the|a|an)$/.test(word))
    .map(singular)
    .join(" ");
}

const wordCharacter = /[\p{L}\p{N}_]/u;

/** Offset of the first whole-word occurrence of `form` in `text`, allowing a plural ending. */
function findWord(text: string, form: string): number {
  for (let from = text.indexOf(form); from >= 0; from = text.indexOf(form, from + 1)) {
    const before = text[from - 1] ?? " ";
    let end = from + form.length;
    if (text.startsWith("es", end)) end += 2;
    else if (text[end] === "s") end += 1;
    const after = text[end] ?? " ";
    const plainAfter = text[from + form.length] ?? " ";
    const bounded = !wordCharacter.test(after) || !wordCharacter.test(plainAfter);
    if (!wordCharacter.test(before) && !/[/-]/.test(before) && bounded) return from;
  }
  return -1;
}

/**
 * Returns a function that finds the first mention of any of the names in a text, as a whole
 * word and with a plural `s`. Names match in any case, except names of three characters or
 * fewer, which match only as written. The offset is in the text with its white space
 * collapsed, or -1 when no name occurs.
 */
export function mentionFinder(names: string[]): (text: string) => number {
  const forms = [...new Set(names.map((name) => unquoteCode(name).replace(/\s+/g, " ")))].filter(
    Boolean,
  );
  const exact = forms.filter((form) => form.length <= 3);
  const folded = forms.filter((form) => form.length > 3).map((form) => form.toLowerCase());
  return (text) => {
    const spaced = text.replace(/\s+/g, " ");
    const lower = spaced.toLowerCase();
    const offsets = [
      ...exact.map((form) => findWord(spaced, form)),
      ...folded.map((form) => findWord(lower, form)),
    ].filter((offset) => offset >= 0);
    return offsets.length ? Math.min(...offsets) : -1;
  };
}

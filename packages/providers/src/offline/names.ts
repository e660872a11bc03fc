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
/**
 * Lower-case keywords of common programming and template languages that are not English nouns:
 * `for` or `with` in a code span is a piece of code, not the name of a thing. Keywords that are
 * also nouns or commands (`import`, `type`, `class`, `range`) are left out.
 */
const keywords = new Set(
  `if else elif elsif unless until for foreach while do done fi esac in of with return break
  continue switch try catch finally throw throws yield await async def func fn lambda let var
  const and or not is as then goto`.split(/\s+/),
);
/** A version string: `1.2.3`, `v0.6`, `v2`, `2.0.0-rc.1`, `v1.4+build`. */
const versionString = /^v?\d+(?:\.\d+)*(?:[-+][\w.]+)?$/i;
const bracketPairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

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
  if (literalWords.has(name.toLowerCase()) || keywords.has(name)) return false;
  if (versionString.test(name)) return false;
  if (/\s/.test(name)) {
    const words = name.split(/\s+/);
    return words.length <= 2 && words.every((word) => /^[a-z][\w.:-]*$/.test(word));
  }
  if (name.startsWith("/")) return /^(?:\/[\w{}:.-]+){1,4}$/.test(name) && !/\/\./.test(name);
  return /\p{L}/u.test(name);
}

/**
 * Returns whether a phrase can be a page name: short, from a letter, not only generic words, and
 * no keyword, version string or fragment with an unclosed bracket or code span.
 */
export function isGoodPhraseName(name: string): boolean {
  const words = name.split(/\s+/);
  if (name.length < 2 || name.length > 60 || words.length > 6) return false;
  if (!/^\p{L}/u.test(name) || /[|=<>{}[\]"“”;]/.test(name)) return false;
  if (keywords.has(name) || versionString.test(name)) return false;
  if (!isBalanced(name) || (name.match(/`/g) ?? []).length % 2 === 1) return false;
  return !isNoisePhrase(name);
}

/** Returns whether every bracket of a text closes in order. */
function isBalanced(text: string): boolean {
  const open: string[] = [];
  for (const character of text) {
    if (character in bracketPairs) open.push(bracketPairs[character]!);
    else if (")]}".includes(character) && open.pop() !== character) return false;
  }
  return open.length === 0;
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
 * fewer and single words in capitals, which match only as written: a keyword such as `FROM` or
 * `SYSTEM` is not the common word "from" or "system" of the prose around it. The offset is in
 * the text with its white space collapsed, or -1 when no name occurs.
 */
export function mentionFinder(names: string[]): (text: string) => number {
  const forms = [...new Set(names.map((name) => unquoteCode(name).replace(/\s+/g, " ")))].filter(
    Boolean,
  );
  const isExact = (form: string) => form.length <= 3 || /^\p{Lu}[\p{Lu}\d]+$/u.test(form);
  const exact = forms.filter(isExact);
  const folded = forms.filter((form) => !isExact(form)).map((form) => form.toLowerCase());
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

/**
 * Second names a sentence gives a thing: "an agreement, often called a Service Level
 * Agreement", "a policy, also known as X", and the file that holds a thing: "a security policy,
 * defined in a `SECURITY.md` file", "the manifest (`app.json`)". Both names join as one thing.
 */
import type { LineRange } from "@wiki/compiler";
import { plainSighting, type CandidatePool } from "./candidates.js";
import { isGoodPhraseName, isNameCode, unquoteCode } from "./names.js";
import { nounPhrases, type Phrase } from "./phrases.js";
import type { SentenceUnit } from "./read.js";

const naming =
  /(?:,|\s--|\s[—–]|\s\()\s*(?:(?:often|also|sometimes|commonly|usually|generally)\s+)?(?:called|known as|referred to as|named)\s+(?:(?:a|an|the)\s+)?/gi;
const fileOfThing =
  /,\s+(?:which is\s+)?(?:defined|described|documented|kept|stored|written|specified)\s+in\s+(?:(?:a|an|the|your|its|their)\s+)?(`[^`]+`)(?:\s+file)?/gi;
const fileInBrackets = /\s\((`[^`]+`)\)/g;
const fileName = /^[\w.-]+\.[A-Za-z]{1,5}$/;

/** Adds the names a sentence gives one thing and joins them in the pool. */
export function addNamings(pool: CandidatePool, unit: SentenceUnit): void {
  const phrases = nounPhrases(unit.text, unit.tokens);
  for (const match of unit.text.matchAll(naming)) {
    const before = phraseEndingAt(phrases, match.index);
    const after = phrases.find((phrase) => phrase.start === match.index + match[0].length);
    if (before && after) joinNames(pool, before.text, after.text, unit.lines);
  }
  const files = [...unit.text.matchAll(fileOfThing), ...unit.text.matchAll(fileInBrackets)];
  for (const match of files) {
    const file = unquoteCode(match[1]!);
    const before = phraseEndingAt(phrases, match.index);
    if (before && fileName.test(file) && isNameCode(file)) {
      joinNames(pool, before.text, file, unit.lines);
    }
  }
}

/** Finds the noun phrase that ends where a separator starts. */
function phraseEndingAt(phrases: Phrase[], end: number): Phrase | undefined {
  return phrases.find((phrase) => phrase.end === end && phrase.tokens.at(-1)?.pos !== "CODE");
}

function joinNames(pool: CandidatePool, name: string, other: string, lines: LineRange): void {
  const first = name.replace(/^(?:the|a|an)\s+/i, "");
  const second = other.replace(/^(?:the|a|an)\s+/i, "");
  const good = (text: string) => isGoodPhraseName(text) || isNameCode(text);
  if (!good(first) || !good(second) || first.toLowerCase() === second.toLowerCase()) return;
  const isName = (text: string) => /\p{Lu}/u.test(text) || fileName.test(text);
  pool.add({ ...plainSighting(first, 3, lines), natural: true, isName: isName(first) });
  pool.add({ ...plainSighting(second, 3, lines), natural: true, isName: isName(second) });
  pool.join(first, second);
}

/**
 * Claims of an offline analysis: one per sentence that states something about an entity, and one
 * per value a sentence states. The subject is the thing a value measures, the clause's subject,
 * the term a list item or table row starts with, an entity the sentence names, or the topic of
 * the section, in that order.
 */
import { noTexts, type Claim } from "@wiki/compiler";
import type { EntityIndex } from "./entities.js";
import type { Phrase } from "./phrases.js";
import type { ChunkReading, SentenceUnit } from "./read.js";
import { generalSubject, statementSubject, valueContext } from "./subjects.js";
import { readValueStatements, type ValueStatement } from "./statements.js";
import { cutValue } from "./value-span.js";

const negation = /\b(?:not|never|cannot|no longer)\b|n't\b|^no\b/i;
/** Phrases by which a text reports a view it does not hold. */
const reporting = [
  /\b(?:some|many|most|other)\s+(?:people|folks|users|developers|critics|sources|articles)?\s*(?:say|claim|believe|think|argue|assume|suggest|insist)\b/i,
  /\b(?:it is|it's)\s+(?:a\s+)?(?:common\s+|popular\s+|widespread\s+)?(?:myth|misconception|misunderstanding)\b/i,
  /\b(?:a|the)\s+(?:common\s+|popular\s+)?(?:myth|misconception)\s+(?:is\s+)?that\b/i,
  /\bcontrary to\b/i,
  /\b(?:is|are)\s+(?:often|commonly|widely|sometimes|frequently)\s+(?:said|believed|thought|assumed|claimed)\b/i,
  /\b(?:you|people)\s+(?:may|might)\s+have\s+heard\b/i,
  /\bpeople\s+(?:often|sometimes|usually)\s+(?:say|think|believe|assume)\b/i,
  /\bit is (?:not true|false) that\b/i,
];

interface PendingList {
  subject: string;
  attribute: string;
  blockIndex: number;
}

export function extractClaims(reading: ChunkReading, index: EntityIndex): Claim[] {
  const claims: Claim[] = [];
  const subjectsByBlock = new Map<number, string>();
  let pending: PendingList | undefined;

  for (const unit of reading.sentences) {
    if (pending && isNextListItem(unit, pending)) {
      const claim = listCaseClaim(unit, pending);
      pending.blockIndex = unit.blockIndex;
      if (claim) claims.push(claim);
      continue;
    }
    pending = undefined;
    if (unit.text.endsWith("?")) continue;

    const context = (): string | undefined => valueContext(reading, index, unit, subjectsByBlock);
    const statements = readValueStatements(unit.text);
    let previous: string | undefined;
    for (const statement of statements) {
      const subject = statementSubject(index, unit, statement, previous, context);
      if (!subject) continue;
      previous = subject;
      claims.push(valueClaim(unit, subject, statement));
      if (statement.introducesList) {
        pending = { subject, attribute: statement.attribute, blockIndex: unit.blockIndex };
      }
    }
    const tooShort = !previous && unit.text.split(/\s+/).length < 3;
    const subject = tooShort
      ? undefined
      : (previous ?? generalSubject(reading, index, unit, subjectsByBlock));
    if (!subject) continue;
    subjectsByBlock.set(unit.blockIndex, subject);
    const plain = previous ? undefined : plainClaim(reading, unit, subject);
    if (plain) claims.push(plain);
  }
  claims.push(...firstMentionClaims(reading, index, claims));
  return claims;
}

/**
 * Adds a claim for each strongly marked entity that no claim is about yet, from the first
 * sentence that mentions it, so every named thing of the chunk keeps a statement of its own.
 */
function firstMentionClaims(reading: ChunkReading, index: EntityIndex, claims: Claim[]): Claim[] {
  const covered = new Set(claims.map((claim) => claim.subject));
  const added: Claim[] = [];
  for (const name of index.strongNames()) {
    if (covered.has(name)) continue;
    const units = reading.sentences.filter(
      (unit) => !unit.text.endsWith("?") && index.mentions(unit.text).includes(name),
    );
    const claim = units
      .map((unit) => plainClaim(reading, unit, name))
      .find((found) => found !== undefined);
    // A thing named only in a sentence that ends with a colon keeps that sentence, closed.
    const first = units[0];
    if (claim) added.push(claim);
    else if (first) added.push(closedClaim(first, name));
  }
  return added;
}

function baseClaim(unit: SentenceUnit, subject: string): Claim {
  return {
    subject,
    statement: unit.text.trim(),
    attribute: "",
    value: "",
    conditions: noTexts,
    polarity: negation.test(unit.text) ? "negative" : "positive",
    stance: reporting.some((pattern) => pattern.test(unit.text)) ? "reports" : "asserts",
    // Entities cite the block's own range as well, and no stage changes a range in place.
    lines: unit.lines,
  };
}

/** Maximum length of a code line quoted into the claim of the sentence before it. */
const maxQuotedCode = 120;

/**
 * Returns the claim of a sentence that states no value. A sentence that ends with a colon
 * introduces what follows it, so a one-line code block after it is quoted into the claim and
 * cited with it. Before anything else (a list, a longer program) the sentence is incomplete
 * and gives no claim.
 */
function plainClaim(reading: ChunkReading, unit: SentenceUnit, subject: string): Claim | undefined {
  const text = unit.text.trim();
  if (!text.endsWith(":")) return baseClaim(unit, subject);
  const next = reading.chunk.blocks[unit.blockIndex + 1];
  const code = next?.kind === "code" ? next.text.trim() : "";
  if (!code || code.includes("\n") || code.includes("`") || code.length > maxQuotedCode) {
    return undefined;
  }
  return {
    ...baseClaim(unit, subject),
    statement: `${text} \`${code}\``,
    lines: [unit.lines[0], next!.lines[1]],
  };
}

/** Returns the claim of a sentence that ends with a colon, stated with a full stop instead. */
function closedClaim(unit: SentenceUnit, subject: string): Claim {
  return { ...baseClaim(unit, subject), statement: `${unit.text.trim().replace(/:$/, "")}.` };
}

function valueClaim(unit: SentenceUnit, subject: string, statement: ValueStatement): Claim {
  const narrowing = statement.measured && statement.subject && isNarrowing(statement.subject);
  return {
    ...baseClaim(unit, subject),
    attribute: statement.attribute,
    value: statement.value,
    conditions: narrowing
      ? [statement.subject!.text, ...statement.conditions]
      : statement.conditions,
    polarity: statement.negated ? "negative" : "positive",
  };
}

/**
 * Returns whether a clause subject narrows the claim about the thing it measures. A kind named
 * by a name does ("the `x` model", "Acme servers"), but a bare name ("Acme") does not.
 */
function isNarrowing(phrase: Phrase): boolean {
  const last = phrase.tokens[phrase.tokens.length - 1];
  const named = phrase.tokens.some((token) => token.pos === "CODE" || token.pos === "PROPN");
  return named && last?.pos === "NOUN";
}

function isNextListItem(unit: SentenceUnit, pending: PendingList): boolean {
  if (unit.block.kind !== "list-item") return false;
  return unit.blockIndex === pending.blockIndex + 1 && unit.position === 0;
}

/** "< 8 GiB memory: 4k entries" under a sentence that introduced the list. */
function listCaseClaim(unit: SentenceUnit, pending: PendingList): Claim | undefined {
  const match = /^(.{1,60}?)(?::\s+|\s+[-–—]\s+)(.+)$/.exec(unit.block.text.trim());
  if (!match) return undefined;
  const span = cutValue(match[2]!);
  if (!span.value) return undefined;
  return {
    ...baseClaim(unit, pending.subject),
    statement: unit.block.text.trim(),
    attribute: pending.attribute,
    value: span.value,
    conditions: [match[1]!.trim(), ...span.conditions],
  };
}

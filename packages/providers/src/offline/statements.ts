/**
 * Sentences that give a value, read by general English patterns:
 *   "The default is 64", "..., default 1", "(default: `10m`, max 20)", "X defaults to Y",
 *   "X has a default cache size of 64 MB", "X uses a cache size of 64 MB by default",
 *   "X is enabled by default", "X keeps items for 10 minutes by default",
 *   and, without a value word, "X is kept for 90 days" (see `verb-values.ts`).
 * A pattern names the measured thing when the sentence does ("a cache size of ..."). Otherwise
 * the claim's subject is the clause's subject, or the term or topic the sentence sits under.
 */
import { tagSentence } from "./nlp.js";
import { clauseSubject, type Phrase } from "./phrases.js";
import { draftsOf, type Draft } from "./statement-patterns.js";
import { cutValue } from "./value-span.js";
import { mentionsNumber, readCopulaValue, readVerbValue, type VerbValue } from "./verb-values.js";

export interface ValueStatement {
  /** The measured thing the sentence names ("cache size"), if any. */
  measured: string | undefined;
  /** The clause's own subject, if it has one; undefined means the subject comes from context. */
  subject: Phrase | undefined;
  /** The value belongs to the subject of the clause before ("..., but disabled in the app"). */
  continuesPrevious: boolean;
  attribute: string;
  value: string;
  conditions: string[];
  negated: boolean;
  /** The sentence introduces a list of cases ("defaults to the following sizes:"). */
  introducesList: boolean;
}

/** Every pattern of `statement-patterns.ts` needs one of these words. */
const valueWords = /\b(?:defaults?|defaulting|max(?:imum)?|min(?:imum)?)\b/i;
const examplePrefix = /^(?:for example|for instance|e\.g\.|to\s|such as|say\b)/i;
const byDefault = /,?\s*\bby default\b,?/i;
const leadingCondition =
  /^((?:on|for|in|with|under|when|if|since|as of|starting with|using|after|once)\s+[^,]{1,80}),\s+/i;
const notConditions =
  /^(?:for example|for instance|in addition|in general|in short|in fact|in practice|in particular|in other words|in this|in that|on the other hand|with that|in most cases)\b/i;
const negation = /\b(?:not|never|cannot|no longer)\b|n't\b/i;

/** Reads the value statements of a sentence, one per clause that states a value. */
export function readValueStatements(sentence: string): ValueStatement[] {
  const text = sentence.trim();
  if (examplePrefix.test(text) || text.endsWith("?")) return [];
  const hasValueWord = valueWords.test(text);
  // A value stated by a verb needs a number, so sentences with neither are skipped early.
  if (!hasValueWord && !mentionsNumber(text)) return [];
  const statements: ValueStatement[] = [];
  const clauses = text.split(/,\s+but\s+|;\s+/);
  clauses.forEach((clause, position) => {
    statements.push(...readClause(clause, position > 0, hasValueWord));
  });
  return statements;
}

/**
 * Keeps the predicate that "by default" belongs to: "X is bundled in Y and is enabled by
 * default" gives "X is enabled by default".
 */
function focusOnDefault(clause: string): string {
  const parts = clause.split(/\s+and\s+(?=(?:is|are|was|were|will|can|has|have)\b)/i);
  const index = parts.findIndex((part) => byDefault.test(part));
  if (index <= 0) return clause;
  const subject = clauseSubject(parts[0]!, tagSentence(parts[0]!)).phrase;
  return subject ? `${subject.text} ${parts[index]}` : clause;
}

function readClause(text: string, afterAnother: boolean, hasValueWord: boolean): ValueStatement[] {
  const clause = focusOnDefault(text);
  const introducesList = /:\s*$/.test(clause);
  const hasByDefault = byDefault.test(clause);
  let body = clause.replace(byDefault, " ").replace(/\s+/g, " ").trim().replace(/^,\s*/, "");
  body = body.replace(/[.:!]+$/, "");
  const conditions: string[] = [];
  const leading = leadingCondition.exec(body);
  if (leading && !notConditions.test(leading[1]!)) {
    conditions.push(leading[1]!);
    body = body.slice(leading[0].length);
  }
  body = body.replace(/^(?:currently|now|also|still|always|usually|typically|generally),?\s+/i, "");

  const tokens = tagSentence(body);
  const drafts = hasValueWord ? draftsOf(body, tokens, hasByDefault, afterAnother) : [];
  const negated = negation.test(body.replace(/,\s*(?:if|when|unless)\b[^,]*,/gi, ","));
  if (drafts.length === 0 && !hasByDefault) {
    const verbValue = readVerbValue(body, tokens) ?? readCopulaValue(body, tokens);
    return verbValue ? [verbStatement(verbValue, conditions, negated)] : [];
  }
  return drafts.flatMap((draft) => finish(draft, conditions, negated, introducesList));
}

/** Conditions of time written after a value: "since version 3", "as of 2025". */
const timeCondition = /\b(?:since|as of|starting (?:with|from|in)|until)\s+[^,;()]+/gi;

function verbStatement(
  found: VerbValue,
  leadingConditions: string[],
  negated: boolean,
): ValueStatement {
  const tail = cutValue(`${found.value} ${found.tail}`);
  const times = [...found.tail.matchAll(timeCondition)].map((match) => match[0].trim());
  return {
    measured: undefined,
    subject: found.subject,
    continuesPrevious: false,
    attribute: found.attribute,
    value: found.value,
    conditions: [...leadingConditions, ...tail.conditions, ...times],
    negated,
    introducesList: false,
  };
}

function finish(
  draft: Draft,
  leadingConditions: string[],
  negated: boolean,
  introducesList: boolean,
): ValueStatement[] {
  const span = cutValue(draft.value);
  let value = span.value;
  const isNegatedValue = /^not\s+/i.test(value);
  value = value.replace(/^not\s+/i, "");
  if (!value && !span.dependsOn) return [];
  if (!value) value = `depends on ${span.dependsOn}`;
  if (value.split(/\s+/).length > 12) return [];
  return [
    {
      ...draft,
      continuesPrevious: draft.continuesPrevious ?? false,
      value,
      conditions: [...leadingConditions, ...span.conditions],
      negated: negated || isNegatedValue,
      introducesList,
    },
  ];
}

/**
 * Subjects of claims: the thing a value measures, the clause's subject, the term a list item or
 * table row starts with, an entity the sentence names, or the topic of the section.
 */
import type { EntityIndex } from "./entities.js";
import { isGoodPhraseName, isNameCode, unquoteCode } from "./names.js";
import { clauseSubject, mainClause, type Phrase } from "./phrases.js";
import { topicOf, type ChunkReading, type SentenceUnit } from "./read.js";
import type { ValueStatement } from "./statements.js";

export function statementSubject(
  index: EntityIndex,
  unit: SentenceUnit,
  statement: ValueStatement,
  previous: string | undefined,
  context: () => string | undefined,
): string | undefined {
  if (statement.measured) {
    const measured = statement.measured.replace(/^(?:the|a|an)\s+/i, "");
    if (/^`[^`]+`$/.test(measured) && isNameCode(measured)) {
      return index.ensure(unquoteCode(measured), unit.lines, true);
    }
    if (isGoodPhraseName(measured)) return index.ensure(measured, unit.lines, false);
  }
  if (statement.continuesPrevious && previous) return previous;
  if (statement.subject) return entityFor(index, statement.subject, unit) ?? context();
  return context();
}

/** Returns the entity a subject phrase names, and adds it when the phrase is a good name. */
function entityFor(index: EntityIndex, phrase: Phrase, unit: SentenceUnit): string | undefined {
  const text = phrase.text.replace(/^(?:the|a|an)\s+/i, "");
  const found = index.find(text);
  if (found) return found;
  const code = phrase.tokens.length === 1 && phrase.tokens[0]!.pos === "CODE";
  if (code && isNameCode(text)) return index.ensure(unquoteCode(text), unit.lines, true);
  if (!code && isGoodPhraseName(text)) {
    const isName = phrase.tokens.some((token) => token.pos === "PROPN");
    return index.ensure(text, unit.lines, isName);
  }
  return undefined;
}

/**
 * Returns the subject of a sentence without its own: the block's term, the subject before it in
 * the block, or the section's topic.
 */
function contextSubject(
  reading: ChunkReading,
  index: EntityIndex,
  unit: SentenceUnit,
  subjectsByBlock: Map<number, string>,
): string | undefined {
  const term = reading.terms.get(unit.blockIndex);
  if (term) {
    const found = index.find(term.term);
    if (found) return found;
  }
  const previous = subjectsByBlock.get(unit.blockIndex);
  if (previous) return previous;
  const topic = topicOf(reading, unit.block);
  return topic ? index.find(topic.text) : undefined;
}

/** Returns the context subject of a value, or adds the section's topic as an entity. */
export function valueContext(
  reading: ChunkReading,
  index: EntityIndex,
  unit: SentenceUnit,
  subjectsByBlock: Map<number, string>,
): string | undefined {
  const found = contextSubject(reading, index, unit, subjectsByBlock);
  if (found) return found;
  const topic = topicOf(reading, unit.block);
  if (!topic || !isGoodPhraseName(topic.text)) return undefined;
  const isName = topic.tokens.some((token) => token.pos === "PROPN");
  return index.ensure(topic.text, unit.lines, isName);
}

export function generalSubject(
  reading: ChunkReading,
  index: EntityIndex,
  unit: SentenceUnit,
  subjectsByBlock: Map<number, string>,
): string | undefined {
  const term = reading.terms.get(unit.blockIndex);
  const termEntity = term ? index.find(term.term) : undefined;
  if (termEntity) return termEntity;
  const main = mainClause(unit.text, unit.tokens);
  const { phrase, pronoun } = clauseSubject(main.text, main.tokens);
  if (phrase) {
    const found = index.find(phrase.text.replace(/^(?:the|a|an)\s+/i, ""));
    if (found) return found;
    const proper = phrase.tokens.every((token) => token.pos === "PROPN" || token.pos === "CODE");
    const entity = proper ? entityFor(index, phrase, unit) : undefined;
    if (entity) return entity;
  }
  if (pronoun && subjectsByBlock.has(unit.blockIndex)) return subjectsByBlock.get(unit.blockIndex);
  const mentioned = index.mentions(unit.text)[0];
  if (mentioned) return mentioned;
  if (!phrase && !pronoun) return undefined;
  return contextSubject(reading, index, unit, subjectsByBlock);
}

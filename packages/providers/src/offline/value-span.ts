/**
 * The value part of a sentence that states one, split from the conditions around it.
 * "640 entries for most tables" gives `640 entries` and the condition "for most tables", and
 * "either 8 or 2 based on available disk" gives `either 8 or 2`, depending on disk.
 */

export interface ValueSpan {
  value: string;
  conditions: string[];
  /** What the value depends on ("based on available disk" gives "available disk"). */
  dependsOn: string | undefined;
}

const prepositions = "for|on|in|with|under|through|via|across|using|inside|within";
const conditionClause = /\s*,?\s*\b(when|if|unless|whenever|once)\s+(.+)$/i;
const dependency =
  /\s*,?\s*\b(?:based on|depending on|according to|chosen by|selected by|determined by)\s+(.+)$/i;
/** The end of a value: the start of a clause, a reason, an example or a bracket. */
const valueEnd = new RegExp(
  [
    ",\\s",
    ";\\s",
    "\\s(?:and|but)\\s+(?:will|is|are|can|may|should|it|this|they|so|then)\\b",
    "\\s(?:which|that|before|after|while|because|since|so that|due to|except|such as|until|unlike|whereas|i\\.e\\.|e\\.g\\.)(?=\\s|$)",
    "\\s\\(",
    "\\s[-–—]\\s",
  ].join("|"),
  "i",
);
const trailingCondition = new RegExp(
  `\\s+((?:${prepositions})\\s+(?:(?!\\s(?:${prepositions})\\s).)+)$`,
  "i",
);

function cutAtEnd(text: string): string {
  const end = valueEnd.exec(text);
  return (end ? text.slice(0, end.index) : text).replace(/[\s.:;,]+$/, "").trim();
}

/** Splits a value phrase into the value and the conditions written around it. */
export function cutValue(text: string): ValueSpan {
  let value = text.trim().replace(/[.:!]+$/, "");
  const conditions: string[] = [];
  let dependsOn: string | undefined;

  const clause = conditionClause.exec(value);
  if (clause && clause.index > 0) {
    conditions.push(`${clause[1]!.toLowerCase()} ${cutAtEnd(clause[2]!)}`);
    value = value.slice(0, clause.index);
  }
  const depends = dependency.exec(value);
  if (depends) {
    dependsOn = cutAtEnd(depends[1]!);
    conditions.push(`based on ${dependsOn}`);
    value = value.slice(0, depends.index);
  }
  value = cutAtEnd(value);

  const peeled: string[] = [];
  for (let i = 0; i < 3; i++) {
    const match = trailingCondition.exec(value);
    if (!match || match.index === 0) break;
    peeled.unshift(match[1]!.trim());
    value = value.slice(0, match.index).trim();
  }
  return { value, conditions: [...peeled, ...conditions], dependsOn };
}

/** Returns whether a phrase looks like a value: a number, code, a quote, an address, a boolean. */
export function isValueLike(text: string): boolean {
  return (
    /\d|`|"|“|^(?:https?:|\/|~)/.test(text) ||
    /^(?:not\s+)?(?:true|false|on|off|yes|no|enabled|disabled|none|unlimited|infinite)$/i.test(
      text.trim(),
    )
  );
}

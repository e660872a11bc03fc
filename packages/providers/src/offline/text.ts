/**
 * Sentences and leading terms of blocks. A list item, definition or table row that starts with a
 * term ("`MAX_SIZE` - the largest ...", "name: ...", a table's first cell) is about that term.
 */
import type { Block } from "@wiki/compiler";

const abbreviation =
  /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|Mr|Mrs|Ms|Dr|Prof|St|Fig|al)\.$/i;
const calloutLabel = /^(?:\[![a-z]+\]\s*|(?:note|tip|warning|important|caution|info)\s*:\s*)/i;

/** Removes callout labels such as `[!NOTE]` or `Note:` from the start of a block. */
export function cleanBlockText(text: string): string {
  return text.replace(calloutLabel, "").trim();
}

/** Splits prose into sentences, never inside a code span, a number or an abbreviation. */
export function splitSentences(text: string): string[] {
  const spans: string[] = [];
  const masked = text.replace(/`[^`]*`/g, (span) => {
    spans.push(span);
    return `\uE000${spans.length - 1}\uE001`;
  });
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]["')\]]*\s+(?=[\p{Lu}\d`"'(\[\uE000])/gu;
  for (let match = boundary.exec(masked); match; match = boundary.exec(masked)) {
    const end = match.index + match[0].trimEnd().length;
    if (abbreviation.test(masked.slice(start, end))) continue;
    sentences.push(masked.slice(start, end));
    start = match.index + match[0].length;
  }
  sentences.push(masked.slice(start));
  return sentences
    .map((sentence) => sentence.replace(/\uE000(\d+)\uE001/g, (_, i: string) => spans[Number(i)]!))
    .map((sentence) => sentence.trim())
    .filter((sentence) => /\p{L}/u.test(sentence));
}

export interface LeadingTerm {
  /** The term as written, code marks removed for identifiers: `MAX_SIZE`. */
  term: string;
  /** Whether the term was written as code. */
  code: boolean;
  /** The text after the term and its separator. */
  rest: string;
}

/**
 * Returns the term a list item, definition or table row starts with: a code span followed by a
 * dash, colon or bracket, a short phrase followed by a colon or a spaced dash, or a table's first
 * cell.
 */
export function leadingTerm(block: Block): LeadingTerm | undefined {
  if (block.kind === "table-row") return tableTerm(block.text);
  if (block.kind !== "list-item" && block.kind !== "definition") return undefined;

  const text = cleanBlockText(block.text);
  const qualified = /^`([^`]{1,80})`\s*\(([^()]*)\)(?:\s*[-–—:,])?\s*(.*)$/.exec(text);
  if (qualified) {
    return { term: qualified[1]!, code: true, rest: withQualifier(qualified[3]!, qualified[2]!) };
  }
  const code = /^`([^`]{1,80})`\s*(?:[-–—:]\s+|\(|,\s+)(.*)$/.exec(text);
  if (code) return { term: code[1]!, code: true, rest: code[2]!.trim() };
  const phrase = /^([\p{L}][^:.;!?]{0,48}?)(?::\s+|\s+[-–—]\s+)(\S.*)$/u.exec(text);
  if (phrase && phrase[1]!.split(/\s+/).length <= 5) {
    return { term: withoutQualifier(phrase[1]!), code: false, rest: phrase[2]!.trim() };
  }
  return undefined;
}

/**
 * Returns the text after a term's bracketed qualifier, with the qualifier in front, so that its
 * first sentence keeps it: "`id` (optional): the record's id" gives "(optional) the record's id".
 */
function withQualifier(rest: string, qualifier: string): string {
  const text = rest.trim();
  const note = qualifier.trim();
  if (!note) return text;
  return text ? `(${note}) ${text}` : note;
}

function tableTerm(text: string): LeadingTerm | undefined {
  const cells = text.split(" | ");
  const first = cells[0]?.trim() ?? "";
  if (!first || cells.length < 2) return undefined;
  const code = /^`([^`]+)`$/.exec(first);
  const rest = cells
    .slice(1)
    .filter((cell) => cell.trim().split(/\s+/).length >= 3)
    .join(" ");
  return { term: code ? code[1]! : withoutQualifier(first), code: Boolean(code), rest };
}

/**
 * Removes a bracketed qualifier from the end of a term: the row "Acme (beta)" is about Acme.
 * A term that is only the bracket, or whose bracket is not closed, stays as written.
 */
function withoutQualifier(term: string): string {
  const trimmed = term.trim();
  const stripped = trimmed.replace(/\s+\([^()]*\)$/, "").trim();
  return stripped || trimmed;
}

/** Returns whether a table row is the first of its table, the row of column names. */
export function isTableHeader(blocks: Block[], index: number): boolean {
  return blocks[index]?.kind === "table-row" && blocks[index - 1]?.kind !== "table-row";
}

/**
 * The analyze rule: entities, claims and relations read from chunk lines rendered as
 * `[A-B] text`, by plain pattern matching. It stays independent of any real extractor, so that
 * tests of a client compare its handling against a second, simpler reading.
 */

interface SourceLine {
  lines: [number, number];
  text: string;
  /** Heading text when the line is a Markdown heading. */
  heading?: string;
}

interface Entity {
  name: string;
  type: string;
  aliases: string[];
  description: string;
  lines: [number, number];
}

const linePattern = /^\[(\d+)-(\d+)\] ?(.*)$/;
const claimWords = /\b(default|must|never|always|requires)\b/i;

export function parseSourceLines(message: string): SourceLine[] {
  const result: SourceLine[] = [];
  for (const raw of message.split("\n")) {
    const match = linePattern.exec(raw.trim());
    if (!match) continue;
    const text = (match[3] ?? "").trim();
    const heading = /^#{1,6}\s+(.+)$/.exec(text)?.[1]?.trim();
    const line: SourceLine = { lines: [Number(match[1]), Number(match[2])], text };
    result.push(heading ? { ...line, heading } : line);
  }
  return result;
}

/** Distinct backticked identifiers of a line, in order. */
export function identifiersOf(text: string): string[] {
  const names = [...text.matchAll(/`([^`\n]+)`/g)].map((match) => (match[1] ?? "").trim());
  return [...new Set(names.filter((name) => name !== ""))];
}

export function identifierType(name: string): string {
  if (name.startsWith("/")) return "interface";
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(name)) return "setting";
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)) return "setting";
  return "tool";
}

function describe(name: string, lines: SourceLine[], fallback: SourceLine): SourceLine {
  return lines.find((line) => !line.heading && line.text.includes(name)) ?? fallback;
}

function collectEntities(lines: SourceLine[]): Entity[] {
  const entities = new Map<string, Entity>();
  const add = (name: string, type: string, at: SourceLine): void => {
    if (entities.has(name)) return;
    const described = type === "concept" ? describe(name, lines, at) : at;
    const description = clip(type === "concept" ? described.text : at.text);
    entities.set(name, { name, type, aliases: [], description, lines: at.lines });
  };
  for (const line of lines) {
    if (line.heading) add(line.heading, "concept", line);
    for (const name of identifiersOf(line.text)) add(name, identifierType(name), line);
  }
  return [...entities.values()];
}

function clip(text: string): string {
  return text.length > 300 ? text.slice(0, 300) : text;
}

/** Returns the first number of a line, with the word right after it when there is one. */
export function valueOf(text: string): string {
  return /\d+(?:[.,]\d+)*(?:\s?[A-Za-z%]+)?/.exec(text)?.[0] ?? "";
}

function claimOf(line: SourceLine, subject: string): Record<string, unknown> {
  const lower = ` ${line.text.toLowerCase()} `;
  return {
    subject,
    statement: clip(line.text),
    attribute: /\bdefault\b/i.test(line.text) ? "default" : "",
    value: valueOf(line.text),
    conditions: [],
    polarity: lower.includes(" not ") || lower.includes("never") ? "negative" : "positive",
    stance: "asserts",
    lines: line.lines,
  };
}

/**
 * Collects one claim per non-heading line that contains a digit or a claim word, about the
 * line's first identifier or else its enclosing heading. Lines with neither give no claim.
 */
function collectClaims(lines: SourceLine[]): Record<string, unknown>[] {
  const claims: Record<string, unknown>[] = [];
  let heading: string | undefined;
  for (const line of lines) {
    if (line.heading) {
      heading = line.heading;
      continue;
    }
    if (!/\d/.test(line.text) && !claimWords.test(line.text)) continue;
    const subject = identifiersOf(line.text)[0] ?? heading;
    if (subject) claims.push(claimOf(line, subject));
  }
  return claims;
}

function collectRelations(lines: SourceLine[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  const relations: Record<string, unknown>[] = [];
  for (const line of lines) {
    const [first, ...others] = identifiersOf(line.text);
    for (const other of first ? others : []) {
      const key = `${first}\u0000${other}`;
      if (seen.has(key)) continue;
      seen.add(key);
      relations.push({ from: first, to: other, kind: "related" });
    }
  }
  return relations;
}

/** Builds the analysis of the chunk lines found in `message`. */
export function analyzeAnswer(message: string): Record<string, unknown> {
  const lines = parseSourceLines(message);
  return {
    entities: collectEntities(lines),
    claims: collectClaims(lines),
    relations: collectRelations(lines),
  };
}

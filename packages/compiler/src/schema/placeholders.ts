/** Placeholders such as `{{chunk}}` in prompt and page templates, with their positions. */

export interface PlaceholderUse {
  /** The name between the braces, or the whole malformed text for a malformed use. */
  name: string;
  line: number;
  column: number;
  /** False for `{{` that does not open a well-formed `{{name}}`. */
  wellFormed: boolean;
}

const namePattern = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Strips braces, so `{{chunk}}` and `chunk` both name the placeholder `chunk`. */
export function placeholderName(text: string): string {
  return text.replace(/^\{\{\s*|\s*\}\}$/g, "");
}

/** Lists every `{{...}}` in `text` in order; a `{{` without a valid name and `}}` is malformed. */
export function findPlaceholders(text: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  let from = 0;
  for (let start = text.indexOf("{{", from); start !== -1; start = text.indexOf("{{", from)) {
    const end = text.indexOf("}}", start + 2);
    const inner = end === -1 ? undefined : text.slice(start + 2, end);
    const wellFormed = inner !== undefined && namePattern.test(inner);
    const name = wellFormed ? inner : excerpt(text, start, end);
    uses.push({ ...positionAt(text, start), name, wellFormed });
    from = wellFormed ? end + 2 : start + 2;
  }
  return uses;
}

/** Returns the malformed text from `start`, cut at a line end or after 30 characters. */
function excerpt(text: string, start: number, end: number): string {
  const whole = end === -1 ? text.slice(start) : text.slice(start, end + 2);
  const firstLine = whole.split("\n")[0] ?? "";
  return firstLine.length > 30 ? `${firstLine.slice(0, 30)}...` : firstLine;
}

/** Returns the 1-based line and column of a string offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Replaces each `{{name}}` with its value; unknown names stay as written. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(
    /\{\{([A-Za-z][A-Za-z0-9_]*)\}\}/g,
    (match, name: string) => values[name] ?? match,
  );
}

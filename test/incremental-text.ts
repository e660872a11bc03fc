/**
 * Text helpers for the incremental tests: edits of a source file, and the change an edit should
 * make to a page that cites the source (its sha256, and line numbers below the edit).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

export function sha256Of(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Inserts lines into a file so that the first of them becomes line `line` (1-based). */
export function insertLines(file: string, line: number, lines: string[]): void {
  const text = readFileSync(file, "utf8").split("\n");
  text.splice(line - 1, 0, ...lines);
  writeFileSync(file, text.join("\n"));
}

/**
 * Returns a page's text with every line number of `source` that is `from` or more moved by `by`: the
 * `[start, end]` pairs under the source in the frontmatter and the `source:12-14` citations.
 */
export function citationsShifted(text: string, source: string, from: number, by: number): string {
  const shift = (value: string) => {
    const line = Number(value);
    return String(line >= from ? line + by : line);
  };
  const lines = text.split("\n");
  let inSource = false;
  let inFrontmatter = false;
  const citation = new RegExp(`(?<![\\w./-])${escapeRegExp(source)}:(\\d+)(?:-(\\d+))?`, "g");
  return lines
    .map((line, index) => {
      if (line === "---") inFrontmatter = index === 0 ? true : false;
      if (!inFrontmatter) {
        return line.replace(citation, (_, start: string, end: string | undefined) =>
          end === undefined
            ? `${source}:${shift(start)}`
            : `${source}:${shift(start)}-${shift(end)}`,
        );
      }
      const path = /^\s+- path: (.*)$/.exec(line);
      if (path) inSource = path[1] === source;
      const range = /^(\s+- \[)(\d+), (\d+)\]$/.exec(line);
      if (inSource && range) return `${range[1]}${shift(range[2]!)}, ${shift(range[3]!)}]`;
      return line;
    })
    .join("\n");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Text helpers for the incremental tests: edits of a source file, and the change an edit should
 * make to a page that cites the source (line numbers below the edit).
 */
import { readFileSync, writeFileSync } from "node:fs";

/**
 * Replaces line `line` (1-based) of a file with `text`, so every other line keeps its number.
 * Throws when the line is blank, because the edit is meant to rewrite a paragraph.
 */
export function replaceLine(file: string, line: number, text: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  if (!lines[line - 1]?.trim()) throw new Error(`Line ${line} of ${file} is blank or missing.`);
  lines[line - 1] = text;
  writeFileSync(file, lines.join("\n"));
}

/** Returns the lines of `after` that differ from the same line of `before`. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) return [`line count ${a.length} to ${b.length}`];
  return b.filter((line, index) => line !== a[index]);
}

/** Inserts lines into a file so that the first of them becomes line `line` (1-based). */
export function insertLines(file: string, line: number, lines: string[]): void {
  const text = readFileSync(file, "utf8").split("\n");
  text.splice(line - 1, 0, ...lines);
  writeFileSync(file, text.join("\n"));
}

/**
 * Returns a page's text with every line number of `source` that is `from` or more moved by `by`: the
 * `[start, end]` pairs under the source in the frontmatter and the citations such as
 * `source:12-14, 30`.
 */
export function citationsShifted(text: string, source: string, from: number, by: number): string {
  const shift = (value: string) => {
    const line = Number(value);
    return String(line >= from ? line + by : line);
  };
  const lines = text.split("\n");
  let inSource = false;
  let inFrontmatter = false;
  const citation = new RegExp(
    `(?<![\\w./-])${escapeRegExp(source)}:\\d+(?:-\\d+)?(?:, \\d+(?:-\\d+)?)*`,
    "g",
  );
  return lines
    .map((line, index) => {
      if (line === "---") inFrontmatter = index === 0 ? true : false;
      if (!inFrontmatter) {
        return line.replace(
          citation,
          (match) => `${source}:${match.slice(source.length + 1).replace(/\d+/g, shift)}`,
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

/**
 * Reads folders for assertions: every file with its hash, and a generated wiki's pages with
 * their frontmatter and links.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** Hash of every file below `dir`, by path relative to it. */
export function treeHashes(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        hashes.set(
          path.relative(dir, full),
          createHash("sha256").update(readFileSync(full)).digest("hex"),
        );
    }
  };
  walk(dir);
  return hashes;
}

export interface WikiPage {
  file: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** Targets of relative Markdown links, resolved to paths relative to the wiki folder. */
  links: string[];
}

export function readWiki(outDir: string): WikiPage[] {
  return [...treeHashes(outDir).keys()]
    .filter((file) => file.endsWith(".md"))
    .map((file) => {
      const text = readFileSync(path.join(outDir, file), "utf8");
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const frontmatter = (match ? parse(match[1]!) : {}) as Record<string, unknown>;
      const body = match ? text.slice(match[0].length) : text;
      const links = [...body.matchAll(/(?<!\\)\]\(([^)\s]+\.md)\)/g)].map((link) =>
        path.posix.normalize(path.posix.join(path.posix.dirname(file), link[1]!)),
      );
      return { file, frontmatter, body, links };
    });
}

interface SourceEntry {
  path: string;
  sha256: string;
  lines: [number, number][];
}

/**
 * Problems with the `sources` of the pages: missing files, lines out of range, and hashes that are
 * not the sha256 of the cited lines' bytes (ranges in the order listed, line ends included).
 */
export function sourceProblems(pages: WikiPage[], rawDir: string): string[] {
  const problems: string[] = [];
  for (const page of pages) {
    for (const source of (page.frontmatter.sources ?? []) as SourceEntry[]) {
      const file = path.join(rawDir, source.path);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        problems.push(`${page.file}: source ${source.path} does not exist`);
        continue;
      }
      const lines = linesOf(bytes);
      for (const [start, end] of source.lines) {
        if (!(start >= 1 && start <= end && end <= lines.length)) {
          problems.push(
            `${page.file}: lines [${start}, ${end}] outside ${source.path} (${lines.length} lines)`,
          );
        }
      }
      if (citedLinesHash(lines, source.lines) !== source.sha256) {
        problems.push(
          `${page.file}: sha256 of ${source.path} ${JSON.stringify(source.lines)} does not match`,
        );
      }
    }
  }
  return problems;
}

/** Splits a UTF-8 file into lines, as latin1 strings of their bytes with their LF, CRLF or CR. */
export function linesOf(bytes: Buffer): string[] {
  return bytes.toString("latin1").match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Hashes the cited lines the way a reader checks a citation: take the lines, hash them. */
export function citedLinesHash(lines: string[], ranges: [number, number][]): string {
  const hash = createHash("sha256");
  for (const [start, end] of ranges)
    hash.update(Buffer.from(lines.slice(start - 1, end).join(""), "latin1"));
  return hash.digest("hex");
}

/** Pages not reachable from `index.md` within `maxHops` links. */
export function unreachable(pages: WikiPage[], maxHops: number): string[] {
  const byFile = new Map(pages.map((page) => [page.file, page]));
  let frontier = new Set(["index.md"]);
  const seen = new Set(frontier);
  for (let hop = 0; hop < maxHops; hop++) {
    const next = new Set<string>();
    for (const file of frontier)
      for (const link of byFile.get(file)?.links ?? []) if (!seen.has(link)) next.add(link);
    for (const file of next) seen.add(file);
    frontier = next;
  }
  return pages.map((page) => page.file).filter((file) => !seen.has(file));
}

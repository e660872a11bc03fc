/**
 * Citation support: for every cited source of every statement, do the cited lines of the raw
 * source contain the statement's key terms (see terms.ts)? The statement of a citation group is
 * the text before it on its line, back to the previous group. When that text has no key terms,
 * as in a list item that starts with its citation, the statement is the text after the group.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { citationGroups, withoutLinks, type Citation } from "./links.js";
import { keyTerms, missingTerms, plainText } from "./terms.js";
import type { WikiPage } from "./wiki.js";

export interface CitedStatement {
  page: string;
  statement: string;
  citation: Citation;
}

export interface CitationCheck extends CitedStatement {
  supported: boolean;
  /** Why it is not supported: missing terms, a missing source, or lines past its end. */
  reason: string;
}

export interface CitationScore {
  /** Cited sources checked (a statement citing two sources counts twice). */
  checked: number;
  supported: number;
  /** `supported / checked`, or `null` when nothing was cited. */
  rate: number | null;
  /** Citations whose statement has no key term to check; not part of the rate. */
  withoutTerms: number;
  /** Mean number of cited lines per checked citation: wide ranges make support easy. */
  meanLines: number | null;
  failures: CitationCheck[];
}

function clean(text: string): string {
  const plain = plainText(text)
    .replace(/\(newest\)/g, " ")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
    .replace(/\*\*/g, "")
    .replace(/^[\s:;,.]+|[\s:;,]+$/g, "");
  return plain.trim();
}

function hasTerms(text: string): boolean {
  const terms = keyTerms(text);
  return terms.exact.length + terms.words.length > 0;
}

/** Returns every (statement, cited source) pair of a page body. */
export function citedStatements(page: WikiPage): CitedStatement[] {
  const result: CitedStatement[] = [];
  for (const rawLine of page.body.split("\n")) {
    if (/^\s*#/.test(rawLine)) continue;
    const line = withoutLinks(rawLine);
    const groups = citationGroups(line);
    groups.forEach((group, index) => {
      const before = clean(line.slice(groups[index - 1]?.end ?? 0, group.start));
      const after = clean(line.slice(group.end, groups[index + 1]?.start ?? line.length));
      const statement = hasTerms(before) ? before : after;
      for (const citation of group.citations) result.push({ page: page.slug, statement, citation });
    });
  }
  return result;
}

type SourceLines = (source: string) => Promise<string[] | undefined>;

/** Reads raw sources once each; `undefined` when the file does not exist. */
export function sourceReader(rawDir: string): SourceLines {
  const cache = new Map<string, Promise<string[] | undefined>>();
  return (source) => {
    let lines = cache.get(source);
    if (!lines) {
      lines = readFile(path.join(rawDir, source), "utf8").then(
        (text) => text.replace(/\r\n?/g, "\n").split("\n"),
        () => undefined,
      );
      cache.set(source, lines);
    }
    return lines;
  };
}

async function check(item: CitedStatement, read: SourceLines): Promise<CitationCheck> {
  const lines = await read(item.citation.source);
  if (!lines) return { ...item, supported: false, reason: "source not found in the raw folder" };
  const outside = item.citation.ranges.find(([start, end]) => start < 1 || end > lines.length);
  if (outside) {
    const reason = `lines ${outside.join("-")} outside the source's ${lines.length} lines`;
    return { ...item, supported: false, reason };
  }
  const passage = item.citation.ranges
    .map(([start, end]) => lines.slice(start - 1, end).join("\n"))
    .join("\n");
  const result = missingTerms(keyTerms(item.statement), passage);
  const missing = [...result.missingExact, ...result.missingWords];
  return {
    ...item,
    supported: result.supported,
    reason: missing.length ? `missing ${missing.join(", ")}` : "",
  };
}

function lineCount(checks: CitationCheck[]): number {
  const spans = checks.flatMap((item) =>
    item.citation.ranges.map(([start, end]) => end - start + 1),
  );
  return spans.reduce((sum, span) => sum + span, 0);
}

export async function scoreCitations(pages: WikiPage[], rawDir: string): Promise<CitationScore> {
  const read = sourceReader(rawDir);
  const statements = pages.flatMap(citedStatements);
  const checkable = statements.filter((item) => hasTerms(item.statement));
  const checks = await Promise.all(checkable.map((item) => check(item, read)));
  const supported = checks.filter((item) => item.supported).length;
  return {
    checked: checks.length,
    supported,
    rate: checks.length ? supported / checks.length : null,
    withoutTerms: statements.length - checkable.length,
    meanLines: checks.length ? lineCount(checks) / checks.length : null,
    failures: checks.filter((item) => !item.supported),
  };
}

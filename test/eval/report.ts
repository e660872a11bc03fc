/**
 * The eval report: one table row per corpus and provider, the details a developer acts on
 * (missing entities, duplicates, merges, false contradictions, unsupported citations), and the
 * figures as JSON.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CitationCheck } from "./citations.js";
import type { WikiScore } from "./score.js";
import type { TargetCheck } from "./targets.js";

export interface EvalResult {
  corpus: string;
  provider: string;
  build: { exitCode: number; seconds: number; summary: Record<string, unknown> | undefined };
  /** `undefined` when the build produced no wiki to score, and `error` then gives the reason. */
  score: WikiScore | undefined;
  error?: string;
  /** Targets, checked for offline builds only. */
  targets: TargetCheck[];
  /** ISO time of the measurement. */
  measuredAt: string;
}

const columns = [
  "corpus",
  "provider",
  "pages",
  "recall",
  "precision",
  "dup",
  "wrong merges",
  "cite support",
  "lines/cite",
  "contra P",
  "contra R",
  "no links",
  "links/page",
  "s",
] as const;

const fixed = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? "-" : value.toFixed(digits);

function row(result: EvalResult): string[] {
  const score = result.score;
  const head = [result.corpus, result.provider];
  if (!score)
    return [...head, ...columns.slice(2, -1).map(() => "-"), fixed(result.build.seconds, 1)];
  const { entities, citations, contradictions, links } = score;
  return [
    ...head,
    String(entities.pages),
    fixed(entities.recall),
    fixed(entities.precision),
    String(entities.duplicates.length),
    String(entities.wrongMerges.length),
    fixed(citations.rate, 3),
    fixed(citations.meanLines, 1),
    fixed(contradictions.precision),
    fixed(contradictions.recall),
    `${links.withoutLinks} (${fixed(links.withoutLinksShare)})`,
    fixed(links.linksPerPage),
    fixed(result.build.seconds, 1),
  ];
}

/** Formats the results as an aligned Markdown table. */
export function formatTable(results: EvalResult[]): string {
  const rows = [[...columns], ...results.map(row)];
  const widths = columns.map((_, index) => Math.max(...rows.map((cells) => cells[index]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index]!)).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

const listed = (items: string[], limit = 12): string =>
  items.length > limit
    ? `${items.slice(0, limit).join(", ")}, ... (${items.length})`
    : items.join(", ");

function describeFailure(check: CitationCheck): string {
  const ranges = check.citation.ranges.map((range) => range.join("-")).join(",");
  return `${check.page} -> ${check.citation.source}:${ranges} (${check.reason})`;
}

/** Formats the details of one result: what to fix, and the targets it misses. */
export function formatDetails(result: EvalResult): string[] {
  const name = `${result.corpus} / ${result.provider}`;
  if (!result.score) return [`${name}: not scored: ${result.error ?? "no wiki was built"}`];
  const { entities, citations, contradictions } = result.score;
  const lines = [`${name}:`];
  const add = (label: string, items: string[]) => {
    if (items.length) lines.push(`  ${label}: ${listed(items)}`);
  };
  if (result.build.exitCode !== 0) lines.push(`  build exit code: ${result.build.exitCode}`);
  add("missing entities", entities.missing);
  add(
    "duplicates",
    entities.duplicates.map((item) => `${item.entity} -> ${item.pages.join(" + ")}`),
  );
  add(
    "wrong merges",
    entities.wrongMerges.map((item) => `${item.pair.join("/")} on ${item.page}`),
  );
  add("contradictions missed", contradictions.missed);
  add(
    "false contradictions",
    contradictions.falseReports.map((item) => item.nonContradiction ?? item.title),
  );
  add(
    `unsupported citations (${citations.failures.length} of ${citations.checked})`,
    citations.failures.map(describeFailure),
  );
  add("unreadable pages", result.score.pages.unreadable);
  add(
    "targets missed",
    result.targets
      .filter((check) => !check.met)
      .map((check) => `${check.measure} ${check.actual}, expected ${check.expected}`),
  );
  return lines;
}

/** Failures kept per result in the JSON file; the counts stay complete. */
const maxStoredFailures = 50;

function compact(result: EvalResult): EvalResult {
  if (!result.score) return result;
  const citations = result.score.citations;
  const failures = citations.failures.slice(0, maxStoredFailures);
  return { ...result, score: { ...result.score, citations: { ...citations, failures } } };
}

async function previousResults(file: string): Promise<EvalResult[]> {
  try {
    const document = JSON.parse(await readFile(file, "utf8")) as { results?: EvalResult[] };
    return Array.isArray(document.results) ? document.results : [];
  } catch {
    return [];
  }
}

/**
 * Writes the results as JSON. Results of corpora and providers that this run did not measure
 * are kept from the previous file, each with the time it was measured.
 */
export async function writeResults(file: string, results: EvalResult[]): Promise<void> {
  const measured = new Set(results.map((result) => `${result.corpus}/${result.provider}`));
  const unmeasured = (await previousResults(file)).filter(
    (result) => !measured.has(`${result.corpus}/${result.provider}`),
  );
  await mkdir(path.dirname(file), { recursive: true });
  const document = { node: process.version, results: [...unmeasured, ...results.map(compact)] };
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}

/**
 * How a build is reported: problems as `file:line: message` lines and one summary line on
 * stderr, or one JSON object on stdout with `--json`.
 */
import path from "node:path";
import type { BuildSummary, Problem } from "@wiki/compiler";

export function formatProblems(problems: Problem[], rawDir: string, outDir: string): string[] {
  return problems.map((problem) => {
    const base = problem.code === "page-kept" ? outDir : rawDir;
    const file = path.relative(process.cwd(), path.join(base, problem.file)) || problem.file;
    const place = problem.line ? `${file}:${problem.line}` : file;
    return `${problem.severity}: ${place}: ${problem.message} [${problem.code}]`;
  });
}

export function summaryLine(summary: BuildSummary, outDir: string, check: boolean): string {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const calls = `${summary.llm.calls} model calls, ${summary.llm.cacheHits} cached answers`;
  const failed = summary.problems.filter((problem) => problem.severity === "error").length;
  const failures = failed ? `, ${failed} problems` : "";
  if (check) {
    return summary.written + summary.deleted === 0
      ? `check passed: ${path.relative(process.cwd(), outDir) || "."} is what a build makes (${seconds} s)`
      : `check failed: ${summary.written + summary.deleted} files differ from what a build makes (${seconds} s)`;
  }
  const index = path.relative(process.cwd(), path.join(outDir, "index.md"));
  if (summary.written + summary.deleted === 0) {
    return `nothing changed: ${calls}, 0 files written (${seconds} s)${failures}; open ${index}`;
  }
  return (
    `built ${summary.pages} pages from ${summary.sources} sources (${summary.communities} communities, ` +
    `${summary.contradictions} contradictions): ${summary.written} files written, ${summary.deleted} deleted, ` +
    `${calls}${failures} in ${seconds} s; open ${index}`
  );
}

/** The `--json` object: the summary without the per-file lists that only humans read. */
export function summaryJson(summary: BuildSummary): string {
  return `${JSON.stringify(summary)}\n`;
}

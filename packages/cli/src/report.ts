/**
 * Build reports: problems as `file:line: message` lines and one summary line on
 * stderr, or one JSON object on stdout with `--json`.
 */
import path from "node:path";
import {
  countOf,
  formatProblem,
  type BuildSummary,
  type Problem,
  type SchemaProblem,
} from "@wiki/compiler/core";

/** Codes of problems whose file is a page of the output folder, not a source. */
const pageProblemCodes = new Set(["page-kept", "overview-failed"]);

export function formatProblems(problems: Problem[], rawDir: string, outDir: string): string[] {
  return problems.map((problem) => {
    const base = pageProblemCodes.has(problem.code) ? outDir : rawDir;
    const file = path.relative(process.cwd(), path.join(base, problem.file)) || problem.file;
    const place = problem.line ? `${file}:${problem.line}` : file;
    return `${problem.severity}: ${place}: ${problem.message} [${problem.code}]`;
  });
}

export function summaryLine(summary: BuildSummary, outDir: string, check: boolean): string {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const modelCalls = `${count(summary.llm.calls, "model call")}${repeatedCalls(summary)}`;
  const calls = `${modelCalls}, ${count(summary.llm.cacheHits, "cached answer")}`;
  const errors = summary.problems.filter((problem) => problem.severity === "error").length;
  const warnings = summary.problems.length - errors;
  const problems = [
    errors && count(errors, "error"),
    warnings && count(warnings, "warning"),
  ].filter(Boolean);
  const failures = problems.length ? `, ${problems.join(" and ")}` : "";
  const differing = summary.written + summary.deleted;
  if (check) {
    // Errors of sources make the exit code 1 even when the output is current: name them here.
    const verdict =
      differing === 0
        ? `check passed: ${path.relative(process.cwd(), outDir) || "."} is what a build makes`
        : `check failed: ${count(differing, "file")} differ from what a build makes`;
    return `${verdict} (${seconds} s)${failures}`;
  }
  const index = path.relative(process.cwd(), path.join(outDir, "index.md"));
  if (differing === 0) {
    return `nothing changed: ${calls}, 0 files written (${seconds} s)${failures}; open ${index}`;
  }
  return (
    `built ${count(summary.pages, "page")} from ${count(summary.sources, "source")} ` +
    `(${count(summary.communities, "community", "communities")}, ` +
    `${count(summary.contradictions, "contradiction")}): ${count(summary.written, "file")} written, ` +
    `${summary.deleted} deleted, ${calls}${failures} in ${seconds} s; open ${index}`
  );
}

const count = countOf;

/** Names the calls repeated after a failure and the chunks split after a truncated answer. */
function repeatedCalls(summary: BuildSummary): string {
  const { retries, splits } = summary.llm;
  if (retries === 0 && splits === 0) return "";
  return ` (${count(retries, "retry", "retries")}, ${count(splits, "chunk")} split)`;
}

/**
 * Formats a schema, flag or environment problem. A problem of a flag or variable (line 0) whose
 * message starts with its name prints without the name in front, so the name appears once.
 */
export function formatSettingProblem(problem: SchemaProblem): string {
  const named = problem.line === 0 && problem.message.startsWith(`${problem.file} `);
  return named ? problem.message : formatProblem(problem);
}

/** Renders the `--json` object: the whole summary on one line. */
export function summaryJson(summary: BuildSummary): string {
  return `${JSON.stringify(summary)}\n`;
}

/**
 * The reports of a watch session's builds on stderr. The first build is reported as `wiki build`
 * reports it. Each rebuild prints the problems that are new and one status line. With `--json`,
 * each build also prints one JSON object per line on stdout.
 */
import { countOf, type BuildSummary, type Problem } from "@wiki/compiler/core";
import type { CommandIO } from "../io.js";
import { formatProblems, summaryLine } from "../report.js";
import { describeChanges, type InputChange } from "./changes.js";
import type { BuildOutcome } from "./rebuild.js";

/** One build of the session, as reported. */
export interface BuildReport {
  /** `start` for the first build, `change` for a rebuild. */
  trigger: "start" | "change";
  changes: InputChange[];
  outcome: BuildOutcome;
  /** Time from reading the inputs to the end of the build, in milliseconds. */
  elapsedMs: number;
}

export interface ReportSettings {
  rawDir: string;
  outDir: string;
  schemaLabel: string;
  json: boolean;
}

/** Reports a build; `previous` contains the problems of the last report and is updated. */
export function reportBuild(
  report: BuildReport,
  previous: Set<string>,
  settings: ReportSettings,
  io: CommandIO,
): void {
  if (settings.json) io.stdout(`${JSON.stringify(jsonRecord(report))}\n`);
  const { outcome } = report;
  if (!outcome.ok) {
    io.stderr(`wiki: ${outcome.message}\n`);
    io.stderr(`${failureLine(report, settings.schemaLabel)}\n`);
    return;
  }
  const problems = outcome.summary.problems;
  const keys = new Set(problems.map(problemKey));
  const isNew = (problem: Problem) => !previous.has(problemKey(problem));
  const fresh = report.trigger === "start" ? problems : problems.filter(isNew);
  for (const line of formatProblems(fresh, settings.rawDir, settings.outDir)) {
    io.stderr(`${line}\n`);
  }
  const fixed = [...previous].filter((key) => !keys.has(key)).length;
  previous.clear();
  for (const key of keys) previous.add(key);

  const line =
    report.trigger === "start"
      ? summaryLine(outcome.summary, settings.outDir, false)
      : statusLine(report, outcome.summary, settings.schemaLabel, { fresh: fresh.length, fixed });
  io.stderr(`${line}\n`);
}

/** `12:04:31 api.md changed: 3 files written, 0 deleted, 0 model calls, 2 problems, 0.40 s` */
function statusLine(
  report: BuildReport,
  summary: BuildSummary,
  schemaLabel: string,
  problems: { fresh: number; fixed: number },
): string {
  const parts = [
    summary.written + summary.deleted === 0
      ? "nothing to write"
      : `${countOf(summary.written, "file")} written, ${summary.deleted} deleted`,
    countOf(summary.llm.calls, "model call"),
  ];
  const problemText = problemCounts(summary.problems.length, problems.fresh, problems.fixed);
  if (problemText) parts.push(problemText);
  parts.push(`${(report.elapsedMs / 1000).toFixed(2)} s`);
  return `${clock()} ${describeChanges(report.changes, schemaLabel)}: ${parts.join(", ")}`;
}

/** `2 problems (1 new, 1 fixed)`, `1 problem fixed`, or empty without problems. */
function problemCounts(total: number, fresh: number, fixed: number): string {
  const plural = (count: number) => countOf(count, "problem");
  if (total === 0) return fixed ? `${plural(fixed)} fixed` : "";
  const delta = [fresh ? `${fresh} new` : "", fixed ? `${fixed} fixed` : ""].filter(Boolean);
  return delta.length ? `${plural(total)} (${delta.join(", ")})` : plural(total);
}

function failureLine(report: BuildReport, schemaLabel: string): string {
  const changes = describeChanges(report.changes, schemaLabel);
  if (!report.outcome.ok && report.outcome.code === "aborted") {
    return `${clock()} ${changes}: build stopped; the output folder is as the last finished build left it`;
  }
  return `${clock()} ${changes}: build failed; fix the problem above and save, watching goes on`;
}

function jsonRecord(report: BuildReport): Record<string, unknown> {
  const head = {
    trigger: report.trigger,
    // The first build has no earlier inputs to compare with: `sourceHashes` lists what it read.
    changedInputs: report.trigger === "start" ? [] : report.changes,
    elapsedMs: Math.round(report.elapsedMs),
  };
  const { outcome } = report;
  if (outcome.ok) return { ...head, ...outcome.summary };
  return { ...head, error: { code: outcome.code, message: outcome.message } };
}

function problemKey(problem: Problem): string {
  return [problem.severity, problem.code, problem.file, problem.line ?? 0, problem.message].join(
    "\0",
  );
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

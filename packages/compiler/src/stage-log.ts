/** The build's progress log: one line per stage, with what the stage did and the time it took. */
import type { BuildContext, Logger } from "./context.js";
import type { SourceScan } from "./scan.js";
import type { StepName } from "./steps.js";
import { countOf, nameFew } from "./summary.js";

/**
 * A function that logs a stage's line with the time since the previous line. `laterMs` of the
 * time belongs to the next stage (parse and chunk run interleaved, source by source).
 */
export type StageTimer = (stage: string, detail: string, laterMs?: number) => void;

/** Logs one line per stage: its name, what it did, and the time since the previous stage. */
export function stageTimer(log: Logger): StageTimer {
  let last = performance.now();
  return (stage, detail, laterMs = 0) => {
    const now = performance.now() - laterMs;
    log(`${stage.padEnd(8)} ${detail} (${Math.round(now - last)} ms)`);
    last = now;
  };
}

/** Describes what the scan found, counting unreadable sources apart from warnings. */
export function scanLine(found: SourceScan): string {
  const unreadable = found.problems.filter((item) => item.severity === "error").length;
  const warnings = found.problems.length - unreadable;
  const parts = [
    countOf(found.sources.length, "source"),
    `${countOf(found.skipped, "other file")} skipped${nameFew(found.skippedPaths)}`,
    `${unreadable} unreadable`,
  ];
  if (warnings) parts.push(countOf(warnings, "warning"));
  return parts.join(", ");
}

/** Adds the model calls of a step to a stage's line, when it made any. */
export function callLine(context: BuildContext, step: StepName, detail: string): string {
  const calls = context.stats.callsByStep[step];
  return calls ? `${detail}, ${countOf(calls, "model call")}` : detail;
}

/** The build's progress log: one line per stage, with what the stage did and the time it took. */
import type { BuildContext, Logger } from "./context.js";
import type { SourceScan } from "./scan.js";
import type { StepName } from "./steps.js";
import { countOf, nameFew } from "./summary.js";

/**
 * Logs a stage's line with the time since the previous line. Some stages run interleaved: parse
 * and chunk source by source ahead of analyze, and write, link and emit page by page. So they
 * measure their parts and `move` each part to the line of the stage it belongs to, or log it
 * as `measured`.
 */
export interface StageTimer {
  (stage: string, detail: string): void;
  /** Takes `ms` of the time since the previous line away from it and gives it to `stage`. */
  move(ms: number, stage: string): void;
  /** Logs the line of a stage that measured its own time, and takes that time from the next. */
  measured(stage: string, detail: string, ms: number): void;
}

/** Logs one line per stage: its name, what it did, and the time it took. */
export function stageTimer(log: Logger): StageTimer {
  let last = performance.now();
  let movedAway = 0;
  const movedTo = new Map<string, number>();
  const line = (stage: string, detail: string, ms: number) =>
    log(`${stage.padEnd(8)} ${detail} (${Math.round(ms)} ms)`);
  const timer = (stage: string, detail: string) => {
    const now = performance.now();
    line(stage, detail, now - last - movedAway + (movedTo.get(stage) ?? 0));
    movedTo.delete(stage);
    [last, movedAway] = [now, 0];
  };
  timer.move = (ms: number, stage: string) => {
    movedAway += ms;
    movedTo.set(stage, (movedTo.get(stage) ?? 0) + ms);
  };
  timer.measured = (stage: string, detail: string, ms: number) => {
    line(stage, detail, ms);
    movedAway += ms;
  };
  return timer;
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

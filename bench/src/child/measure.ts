/**
 * Preloaded with `node --import` into a build process. It installs the resolve hook that times
 * model calls (unless `WIKI_BENCH_CALL_CLOCK=off`), and on exit writes the process's figures as
 * JSON to the file named by `WIKI_BENCH_REPORT`: peak resident memory, CPU time and the model-call
 * clock.
 */
import { writeFileSync } from "node:fs";
import { register } from "node:module";
import { clock, type CallTimes } from "./clock.js";

/** Figures a measured process writes about itself on exit. */
export interface ProcessReport {
  /** Peak resident set size in KiB (`maxRSS` of `process.resourceUsage()`). */
  maxRssKiB: number;
  userCpuMs: number;
  systemCpuMs: number;
  calls: CallTimes;
}

const reportFile = process.env["WIKI_BENCH_REPORT"];
if (!reportFile) {
  throw new Error("WIKI_BENCH_REPORT is not set; pass the file for the process report");
}

// Module hooks run on a separate thread that every import waits for, which adds start-up time,
// so builds that need no call clock turn it off.
if (process.env["WIKI_BENCH_CALL_CLOCK"] !== "off") register("./hooks.js", import.meta.url);

process.on("exit", () => {
  const usage = process.resourceUsage();
  const report: ProcessReport = {
    maxRssKiB: usage.maxRSS,
    userCpuMs: usage.userCPUTime / 1000,
    systemCpuMs: usage.systemCPUTime / 1000,
    calls: clock.times,
  };
  writeFileSync(reportFile, JSON.stringify(report));
});

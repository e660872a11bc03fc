/** The result lines of `wiki doctor`: one per check, with the fix under each failure. */
import { countOf } from "@wiki/compiler/core";

/** `warn` and `skip` do not fail the doctor; `fail` does. */
export type CheckStatus = "ok" | "fail" | "warn" | "skip";

export interface Check {
  status: CheckStatus;
  /** Subject of the check: `schema`, `sources`, `host http://127.0.0.1:11434`. */
  name: string;
  detail: string;
  /** Lines printed under the check, such as each schema problem. */
  lines?: string[];
  /** Remedy for a failure or warning. */
  fix?: string;
}

const labels: Record<CheckStatus, string> = {
  ok: "ok  ",
  fail: "FAIL",
  warn: "warn",
  skip: "skip",
};

export const passed = (name: string, detail: string): Check => ({ status: "ok", name, detail });

export const failed = (name: string, detail: string, fix: string, lines?: string[]): Check => ({
  status: "fail",
  name,
  detail,
  fix,
  ...(lines === undefined ? {} : { lines }),
});

export const skipped = (name: string, detail: string): Check => ({ status: "skip", name, detail });

/** Formats the checks and a summary line. */
export function formatChecks(checks: Check[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`${labels[check.status]}  ${check.name}: ${check.detail}`);
    for (const line of check.lines ?? []) lines.push(`      ${line}`);
    if (check.fix !== undefined) lines.push(`      fix: ${check.fix}`);
  }
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  const summary = [`${count("ok")} passed`, `${count("fail")} failed`];
  if (count("warn") > 0) summary.push(countOf(count("warn"), "warning"));
  if (count("skip") > 0) summary.push(`${count("skip")} skipped`);
  lines.push(`wiki doctor: ${summary.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

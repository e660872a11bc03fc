/**
 * One build of a watch session, prepared from the flags as `wiki build` prepares it and run with
 * the session's memo. Every error becomes an outcome, so that a broken schema or a failed build
 * is reported and the watch goes on.
 */
import {
  FatalBuildError,
  SchemaError,
  build,
  type BuildMemo,
  type BuildSummary,
  type Logger,
} from "@wiki/compiler";
import type { BuildFlags } from "../options.js";
import { formatSettingProblem } from "../report.js";
import { UsageError, prepareBuild } from "../workspace.js";

export type BuildOutcome =
  | { ok: true; summary: BuildSummary }
  | {
      ok: false;
      /** `usage`, `schema-invalid`, a FatalBuildError code (`locked`, `aborted`...) or `error`. */
      code: string;
      message: string;
      /** True when the inputs caused the failure, so building them again fails the same way. */
      inputError: boolean;
    };

export interface RebuildContext {
  flags: BuildFlags;
  env: NodeJS.ProcessEnv;
  memo: BuildMemo;
  log: Logger;
  signal: AbortSignal;
}

export async function runRebuild(context: RebuildContext): Promise<BuildOutcome> {
  const { flags, env, memo, log } = context;
  // Each build gets its own signal, so listeners that a build adds end with it and do not pile
  // up on the session's signal.
  const controller = new AbortController();
  const stop = () => controller.abort(context.signal.reason);
  context.signal.addEventListener("abort", stop, { once: true });
  if (context.signal.aborted) stop();
  try {
    const options = await prepareBuild(flags, env, log, controller.signal);
    const summary = await build({ ...options, memo });
    return { ok: true, summary };
  } catch (error) {
    return failedOutcome(error, controller.signal);
  } finally {
    context.signal.removeEventListener("abort", stop);
  }
}

function failedOutcome(error: unknown, signal: AbortSignal): BuildOutcome {
  if (error instanceof SchemaError) {
    const message = error.problems.map(formatSettingProblem).join("\n");
    return { ok: false, code: "schema-invalid", message, inputError: true };
  }
  if (error instanceof UsageError) {
    return { ok: false, code: "usage", message: error.message, inputError: true };
  }
  if (error instanceof FatalBuildError) {
    return { ok: false, code: error.code, message: error.message, inputError: false };
  }
  // A call cancelled by Ctrl-C may surface as the abort reason or a fetch error.
  const code = signal.aborted ? "aborted" : "error";
  return { ok: false, code, message: errorText(error), inputError: false };
}

/** Returns the message of a file-system error, or the stack of any other (unexpected) error. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if ("code" in error) return error.message;
  return error.stack ?? error.message;
}

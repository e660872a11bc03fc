/**
 * `wiki build [ROOT]`: one incremental build.
 */
import { FatalBuildError, SchemaError, build } from "@wiki/compiler/core";
import type { CommandIO } from "../io.js";
import { buildHelp, parseBuildFlags, type BuildFlags } from "../options.js";
import { formatProblems, formatSettingProblem, summaryJson, summaryLine } from "../report.js";
import { UsageError, prepareBuild } from "../workspace.js";

export const exitCodes = {
  ok: 0,
  failedSources: 1,
  usage: 2,
  checkDiffers: 3,
  answersMissing: 4,
  locked: 5,
  /** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
  cancelled: 130,
} as const;

export async function runBuild(args: string[], io: CommandIO): Promise<number> {
  let flags: BuildFlags;
  try {
    flags = parseBuildFlags(args, io.cwd);
  } catch (error) {
    const { message } = error as Error;
    io.stderr(`wiki build: ${message}\n\n${buildHelp("build")}`);
    if (args.includes("--json"))
      io.stdout(`${JSON.stringify({ error: { code: "usage", message } })}\n`);
    return exitCodes.usage;
  }
  if (flags.help) {
    io.stdout(buildHelp("build"));
    return exitCodes.ok;
  }
  return buildOnce(flags, io);
}

/** Runs one build and reports it; shared with `wiki watch`. */
export async function buildOnce(flags: BuildFlags, io: CommandIO): Promise<number> {
  const log = (line: string) => {
    if (!flags.quiet) io.stderr(`${line}\n`);
  };
  try {
    const options = await prepareBuild(
      flags,
      io.env,
      log,
      io.signal ?? new AbortController().signal,
    );
    const summary = await build(options);
    for (const line of formatProblems(summary.problems, flags.rawDir, flags.outDir))
      io.stderr(`${line}\n`);
    io.stderr(`${summaryLine(summary, flags.outDir, flags.check)}\n`);
    if (flags.json) io.stdout(summaryJson(summary));
    if (flags.check) {
      for (const file of summary.changedFiles) io.stderr(`differs: ${file}\n`);
      if (summary.changedFiles.length) return exitCodes.checkDiffers;
    }
    return summary.failed ? exitCodes.failedSources : exitCodes.ok;
  } catch (error) {
    return printFailure(await describeFailure(error, io), io, flags.json);
  }
}

/** A failed build as the command reports it: exit code, stable error code and message. */
interface Failure {
  exit: number;
  code: string;
  message: string;
}

/** Prints a failure on stderr, and with `--json` as `{"error": {code, message}}` on stdout. */
function printFailure(failure: Failure, io: CommandIO, json: boolean): number {
  io.stderr(`wiki: ${failure.message}\n`);
  if (json)
    io.stdout(`${JSON.stringify({ error: { code: failure.code, message: failure.message } })}\n`);
  return failure.exit;
}

async function describeFailure(error: unknown, io: CommandIO): Promise<Failure> {
  if (error instanceof SchemaError) {
    const message = error.problems.map(formatSettingProblem).join("\n");
    return { exit: exitCodes.usage, code: "schema-invalid", message };
  }
  if (error instanceof UsageError) {
    return { exit: exitCodes.usage, code: "usage", message: error.message };
  }
  // Loaded only here, because the providers' main entry loads every model client.
  const { ProviderError } = await import("@wiki/providers");
  if (error instanceof ProviderError) {
    const message = `build stopped before any page was written: ${error.message}`;
    return { exit: exitCodes.usage, code: "provider", message };
  }
  if (error instanceof FatalBuildError) {
    if (error.code === "aborted" || io.signal?.aborted) {
      const message = "build cancelled; the output folder is as it was before the build";
      return { exit: exitCodes.cancelled, code: "aborted", message };
    }
    const message = `build stopped: ${error.message}`;
    if (error.code === "locked") return { exit: exitCodes.locked, code: error.code, message };
    if (error.code === "answers-missing") {
      return { exit: exitCodes.answersMissing, code: error.code, message };
    }
    return { exit: exitCodes.usage, code: error.code, message };
  }
  const { message, code } = error as NodeJS.ErrnoException;
  const reason = code ? `${message} (${code})` : String(message ?? error);
  if (io.env.WIKI_DEBUG) io.stderr(`${(error as Error).stack ?? ""}\n`);
  return { exit: exitCodes.usage, code: "error", message: `build failed: ${reason}` };
}

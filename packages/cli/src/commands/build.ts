/**
 * `wiki build [ROOT]`: one incremental build.
 */
import { FatalBuildError, SchemaError, build, formatProblem } from "@wiki/compiler/core";
import type { CommandIO } from "../io.js";
import { buildHelp, parseBuildFlags, type BuildFlags } from "../options.js";
import { formatProblems, summaryJson, summaryLine } from "../report.js";
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
    io.stderr(`wiki build: ${(error as Error).message}\n\n${buildHelp("build")}`);
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
    return await reportFailure(error, io);
  }
}

async function reportFailure(error: unknown, io: CommandIO): Promise<number> {
  if (error instanceof SchemaError) {
    io.stderr(`${error.problems.map(formatProblem).join("\n")}\n`);
    return exitCodes.usage;
  }
  if (error instanceof UsageError) {
    io.stderr(`wiki: ${error.message}\n`);
    return exitCodes.usage;
  }
  // Loaded only here, because the providers' main entry loads every model client.
  const { ProviderError } = await import("@wiki/providers");
  if (error instanceof ProviderError) {
    io.stderr(`wiki: build stopped before any page was written: ${error.message}\n`);
    return exitCodes.usage;
  }
  if (error instanceof FatalBuildError) {
    if (error.code === "aborted" || io.signal?.aborted) {
      io.stderr("wiki: build cancelled; the output folder is as it was before the build\n");
      return exitCodes.cancelled;
    }
    io.stderr(`wiki: build stopped: ${error.message}\n`);
    if (error.code === "locked") return exitCodes.locked;
    if (error.code === "answers-missing") return exitCodes.answersMissing;
    return exitCodes.usage;
  }
  const { message, code } = error as NodeJS.ErrnoException;
  const reason = code ? `${message} (${code})` : String(message ?? error);
  io.stderr(`wiki: build failed: ${reason}\n`);
  if (io.env.WIKI_DEBUG) io.stderr(`${(error as Error).stack ?? ""}\n`);
  return exitCodes.usage;
}

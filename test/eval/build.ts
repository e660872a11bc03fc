/**
 * Builds a corpus with the `wiki` command into a temporary folder, as a user would. The compiled
 * CLI runs in a child process, so the model server of this process keeps serving its requests.
 */
import { execFile } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "./score.js";

export type ProviderName = "offline" | "ollama";

export interface BuildRun {
  provider: ProviderName;
  /** Folder of the generated wiki. */
  outDir: string;
  exitCode: number;
  seconds: number;
  /** The `--json` summary the CLI printed, when it printed one. */
  summary: Record<string, unknown> | undefined;
  stderr: string;
}

export interface BuildOptions {
  rawDir: string;
  provider: ProviderName;
  /** Address of the model server, for `ollama`. */
  host?: string;
  /** Time limit of the whole build, in milliseconds. */
  timeoutMs: number;
}

export const cliPath = path.join(projectRoot, "packages/cli/bin/wiki.js");
const compiledMain = path.join(projectRoot, "packages/cli/dist/main.js");

/** Fails with the fix when the CLI has not been compiled. */
export async function assertCliBuilt(): Promise<void> {
  try {
    await access(compiledMain);
  } catch {
    throw new Error(
      `${path.relative(projectRoot, compiledMain)} not found: compile the CLI first with ` +
        "`npx tsc -b packages/cli test/fake-ollama`",
    );
  }
}

function parseSummary(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split("\n").at(-1);
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

interface CliOutput {
  /** The exit code, or -1 when the process was killed (timed out) or could not start. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], timeoutMs: number): Promise<CliOutput> {
  const options = { cwd: projectRoot, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, options, (error, stdout, stderr) => {
      if (error && child.exitCode === null) {
        const reason = error.killed ? `timed out after ${timeoutMs} ms` : error.message;
        resolve({ exitCode: -1, stdout, stderr: `${stderr}\nwiki build ${reason}` });
      } else resolve({ exitCode: child.exitCode ?? 0, stdout, stderr });
    });
  });
}

/** Runs `wiki build` on the corpus in a new temporary folder; the caller removes it. */
export async function buildCorpus(options: BuildOptions): Promise<BuildRun> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "wiki-eval-"));
  const outDir = path.join(workDir, "wiki");
  const args = [cliPath, "build", workDir, "--raw", options.rawDir, "--out", outDir];
  args.push("--provider", options.provider, "--json", "--quiet");
  if (options.host) args.push("--host", options.host);

  const started = performance.now();
  const { exitCode, stdout, stderr } = await runCli(args, options.timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  return {
    provider: options.provider,
    outDir,
    exitCode,
    seconds,
    summary: parseSummary(stdout),
    stderr,
  };
}

/** Removes the temporary folder of a build. */
export async function removeBuild(run: BuildRun): Promise<void> {
  await rm(path.dirname(run.outDir), { recursive: true, force: true });
}

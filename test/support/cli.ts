/**
 * Runs the built `wiki` command as a user would, as a child process.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const wikiBin = fileURLToPath(new URL("../../packages/cli/bin/wiki.js", import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runWiki(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [wikiBin, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Sends Ctrl-C to a running build and returns its exit code and the milliseconds it took to exit. */
export async function interrupt(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  child.kill("SIGINT");
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, ms: Date.now() - started };
}

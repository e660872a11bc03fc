/**
 * Runs one `wiki build --json` as a child process with the measuring preload, and collects its
 * summary, its stage times and its process figures.
 */
import { spawn } from "node:child_process";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { BuildSummary } from "@wiki/compiler";
import { CallClock } from "./child/clock.js";
import type { ProcessReport } from "./child/measure.js";
import { cliBin, measureScript, projectRoot } from "./paths.js";
import { parseStageLines, type StageTimes } from "./stages.js";

export interface BuildRequest {
  /** Workspace root; its `schema/` is read when it exists, else the defaults apply. */
  root: string;
  rawDir: string;
  outDir: string;
  provider: "offline" | "ollama";
  /** Server URLs for `--host`; empty for the offline provider. */
  hosts: string[];
  /** Requests in flight per server (`--concurrency`). */
  concurrency: number;
  /** Folder for a CPU profile of the build process, or undefined for none. */
  profileDir: string | undefined;
  /**
   * Whether to time model calls. The clock's module hook slows the process start, so a
   * no-change build, which should make no call, runs without it.
   */
  callClock: boolean;
  /** Name of the profile file, without extension. */
  label: string;
  timeoutMs: number;
}

export interface BuildRun {
  exitCode: number;
  /** The `--json` summary; undefined when the build printed none. */
  summary: BuildSummary | undefined;
  /** Reason the build printed no summary, with the end of its stderr. */
  failure: string | undefined;
  stages: StageTimes;
  process: ProcessReport;
  /** Milliseconds from spawning the process to its exit, Node start-up included. */
  processWallMs: number;
  profile: string | undefined;
}

export interface ChildOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Spawns `node ARGS`, kills it after `timeoutMs`, and resolves with its output and exit code. */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ChildOutput> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: "pipe" });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (data: Buffer) => out.push(data));
  child.stderr.on("data", (data: Buffer) => err.push(data));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? (signal === "SIGKILL" ? 137 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        wallMs: performance.now() - started,
      });
    });
  });
}

/** Folder of the CPU profiles of one build: Node writes one file per thread into it. */
function profileFolder(request: BuildRequest): string | undefined {
  return request.profileDir ? path.join(request.profileDir, request.label) : undefined;
}

function buildArgs(request: BuildRequest): string[] {
  const folder = profileFolder(request);
  const profile = folder ? ["--cpu-prof", "--cpu-prof-dir", folder] : [];
  const hosts = request.hosts.flatMap((host) => ["--host", host]);
  return [
    "--import",
    measureScript,
    ...profile,
    cliBin,
    "build",
    request.root,
    ...["--raw", request.rawDir, "--out", request.outDir, "--provider", request.provider],
    ...hosts,
    ...["--concurrency", String(request.concurrency), "--json"],
  ];
}

/** Environment of a build: the bench's own, without settings that would pick another server. */
function buildEnv(reportFile: string, callClock: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WIKI_BENCH_REPORT: reportFile };
  if (!callClock) env["WIKI_BENCH_CALL_CLOCK"] = "off";
  delete env["OLLAMA_HOST"];
  return env;
}

/** Reads the process report; a process killed by a signal writes none. */
async function readReport(reportFile: string): Promise<ProcessReport | undefined> {
  try {
    return JSON.parse(await readFile(reportFile, "utf8")) as ProcessReport;
  } catch {
    return undefined;
  } finally {
    await rm(reportFile, { force: true });
  }
}

/**
 * Runs one build. A build that prints no JSON summary (it crashed, or ran out of time) still
 * returns its stage lines and process report, with `failure` set to the end of its stderr.
 */
export async function runBuild(request: BuildRequest): Promise<BuildRun> {
  const reportFile = path.join(path.dirname(request.outDir), `${request.label}.report.json`);
  const output = await runNode(
    buildArgs(request),
    buildEnv(reportFile, request.callClock),
    request.timeoutMs,
  );
  const summaryLine = output.stdout.trim().split("\n").at(-1) ?? "";
  const summary = summaryLine.startsWith("{")
    ? (JSON.parse(summaryLine) as BuildSummary)
    : undefined;
  const failure = summary
    ? undefined
    : `build "${request.label}" exited with code ${output.exitCode} and printed no JSON summary; ` +
      `its stderr ends with:\n${output.stderr.slice(-2000)}`;
  return {
    exitCode: output.exitCode,
    summary,
    failure,
    stages: parseStageLines(output.stderr),
    process: (await readReport(reportFile)) ?? emptyReport(),
    processWallMs: output.wallMs,
    profile: await mainThreadProfile(profileFolder(request)),
  };
}

/**
 * Returns the profile of the main thread: the largest file of the folder. The thread of the
 * module hooks, when there is one, idles through the build, so its profile has far fewer
 * distinct frames and a smaller file.
 */
async function mainThreadProfile(folder: string | undefined): Promise<string | undefined> {
  if (!folder) return undefined;
  const names = (await readdir(folder).catch(() => [])).filter((name) =>
    name.endsWith(".cpuprofile"),
  );
  const sized = await Promise.all(
    names.map(async (name) => ({ name, size: (await stat(path.join(folder, name))).size })),
  );
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  return largest ? path.join(folder, largest.name) : undefined;
}

function emptyReport(): ProcessReport {
  return { maxRssKiB: 0, userCpuMs: 0, systemCpuMs: 0, calls: new CallClock().times };
}

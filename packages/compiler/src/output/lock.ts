/**
 * The build lock: one build per output folder at a time. The lock file holds the pid of the
 * build and, on Linux, the start time of its process. A lock whose process no longer runs (or
 * whose pid now belongs to a process started later) was left by a killed build and is taken
 * over.
 *
 * NOTE: two builds that find the same stale lock at the same moment may both take it over,
 * because nothing makes reading the stale lock and creating a new one a single step.
 */
import { readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { FatalBuildError } from "../context.js";

export interface Lock {
  /** The pid of the killed build whose lock this build took over, if any. */
  staleHolder: number | undefined;
  release(): Promise<void>;
}

export async function acquireLock(cacheDir: string): Promise<Lock> {
  const file = path.join(cacheDir, "lock");
  await mkdir(cacheDir, { recursive: true });
  let staleHolder: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, lockText(process.pid), { flag: "wx" });
      return { staleHolder, release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = parseLock(await readFile(file, "utf8").catch(() => ""));
    if (holder && isRunning(holder.pid, holder.start)) {
      throw new FatalBuildError(
        `another build (pid ${holder.pid}) is writing this output folder; wait for it to finish, or delete ${file} if no build is running`,
        "locked",
      );
    }
    staleHolder = holder?.pid;
    await rm(file, { force: true });
  }
  throw new FatalBuildError(
    `could not take the lock ${file}; delete it if no build is running`,
    "locked",
  );
}

function lockText(pid: number): string {
  const start = processStat(pid)?.start;
  return start === undefined ? `${pid}\n` : `${pid} ${start}\n`;
}

function parseLock(text: string): { pid: number; start: string | undefined } | undefined {
  const [pidText, start] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  return Number.isInteger(pid) && pid > 0 ? { pid, start } : undefined;
}

function isRunning(pid: number, start: string | undefined): boolean {
  if (pid === process.pid) return false;
  const stat = processStat(pid);
  if (stat) return stat.state !== "Z" && (start === undefined || stat.start === start);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Reads the state and start time (clock ticks since boot) of a process from `/proc/PID/stat` on
 * Linux, so that a killed build's zombie, or a newer process that took its pid, is not taken
 * for the build that holds the lock. Undefined when the process or `/proc` does not exist.
 */
function processStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command name, is in parentheses and may hold spaces; fields 3 and 22 follow.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", start: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

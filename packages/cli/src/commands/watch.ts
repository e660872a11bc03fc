/**
 * `wiki watch [ROOT]`: builds once, then watches the raw folder and the schema folder and
 * rebuilds whenever their content changes, until Ctrl-C. Exit code 0 after Ctrl-C, 2 for a
 * usage error found before watching starts.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cacheDirOf } from "@wiki/compiler";
import type { CommandIO } from "../io.js";
import { buildHelp, parseBuildFlags, type BuildFlags } from "../options.js";
import { ChangeQueue } from "../watch/queue.js";
import { WatchSession } from "../watch/session.js";
import { startWatcher } from "../watch/watcher.js";
import { checkFolders, checkSettingFlags } from "../workspace.js";
import { exitCodes } from "./build.js";

export async function runWatch(args: string[], io: CommandIO): Promise<number> {
  let flags: BuildFlags;
  try {
    flags = parseWatchFlags(args, io.cwd);
  } catch (error) {
    io.stderr(`wiki watch: ${(error as Error).message}\n\n${buildHelp("watch")}`);
    return exitCodes.usage;
  }
  if (flags.help) {
    io.stdout(buildHelp("watch"));
    return exitCodes.ok;
  }
  try {
    // The folders and flags are checked once, before watching, because no rebuild can fix them.
    checkFolders(flags);
    checkSettingFlags(flags);
  } catch (error) {
    io.stderr(`wiki watch: ${(error as Error).message}\n`);
    return exitCodes.usage;
  }
  const signal = io.signal ?? new AbortController().signal;
  if (signal.aborted) return exitCodes.ok;

  const queue = new ChangeQueue();
  const folders = { ...flags, cacheDir: cacheDirOf(flags.outDir) };
  // Chokidar stops watching a folder it saw removed, even when it comes back under that name.
  let lost = false;
  const roots = new Set([flags.rawDir, flags.schemaDir].map((dir) => path.resolve(dir)));
  const handlers = {
    onEvent: (event: string, file: string) => {
      if (event === "unlinkDir" && roots.has(path.resolve(file))) lost = true;
      queue.notify();
    },
    onError: (error: Error) => io.stderr(`wiki watch: ${watcherErrorText(error)}\n`),
  };
  let watcher = await startWatcher(folders, handlers);
  try {
    const session = new WatchSession(flags, io, watcher.ignore, signal);
    await session.cycle();
    if (!signal.aborted) io.stderr(`${watchingLine(flags, io.cwd)}\n`);
    while (await queue.next(signal)) {
      await session.cycle();
      if (!lost) continue;
      await watcher.close();
      if (!(await waitForFolder(flags.rawDir, io, signal))) break;
      lost = false;
      watcher = await startWatcher(folders, handlers);
      io.stderr("wiki watch: watching the folders again\n");
      await session.cycle();
    }
  } finally {
    await watcher.close();
  }
  io.stderr("wiki watch: stopped\n");
  return exitCodes.ok;
}

/**
 * Waits until `dir` exists again, checking twice a second; returns false once `signal` aborts.
 */
async function waitForFolder(dir: string, io: CommandIO, signal: AbortSignal): Promise<boolean> {
  if (existsSync(dir)) return true;
  io.stderr(`wiki watch: the raw folder ${dir} is gone; watching resumes once it is back\n`);
  while (!existsSync(dir)) {
    if (signal.aborted) return false;
    await sleep(500, undefined, { signal }).catch(() => undefined);
  }
  return !signal.aborted;
}

/** Parses the flags of `wiki build`, all but `--check`, which compares the output only once. */
function parseWatchFlags(args: string[], cwd: string): BuildFlags {
  const flags = parseBuildFlags(args, cwd);
  if (flags.check) throw new Error("--check is not a watch option; run wiki build --check");
  return flags;
}

function watchingLine(flags: BuildFlags, cwd: string): string {
  const [raw, schema] = [flags.rawDir, flags.schemaDir].map(
    (dir) => path.relative(cwd, dir) || ".",
  );
  let note = "";
  if (!existsSync(flags.schemaDir)) {
    const parentExists = existsSync(path.dirname(path.resolve(flags.schemaDir)));
    note = parentExists ? " (not there yet: it is read once created)" : " (not found, not watched)";
  }
  return `watching ${raw} and ${schema}${note} for changes; press Ctrl-C to stop`;
}

function watcherErrorText(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") {
    return `file watcher error: ${error.message}; the system limit of watched files is reached, raise fs.inotify.max_user_watches`;
  }
  return `file watcher error: ${error.message}; watching goes on`;
}

/**
 * The file watcher of `wiki watch`: chokidar on the raw folder and the schema folder. A missing
 * schema folder is watched through its parent, filtered to that one name, so creating it later
 * is seen. Chokidar's `ready` is awaited, so every change made after `startWatcher` resolves
 * produces an event.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { createIgnore, isWithin, type IgnorePredicate } from "./ignore.js";

export interface WatchFolders {
  rawDir: string;
  schemaDir: string;
  outDir: string;
  cacheDir: string;
}

export interface FileWatcher {
  /** The predicate that filters events, also used to read the schema folder. */
  ignore: IgnorePredicate;
  close(): Promise<void>;
}

export interface WatchHandlers {
  /** Called for every event that is not ignored: add, change, unlink, addDir, unlinkDir. */
  onEvent: (event: string, file: string) => void;
  /** Called for every error of the watcher; chokidar goes on watching. */
  onError: (error: Error) => void;
}

export async function startWatcher(
  folders: WatchFolders,
  handlers: WatchHandlers,
): Promise<FileWatcher> {
  const schemaParent = path.dirname(path.resolve(folders.schemaDir));
  const schemaMissing = !existsSync(folders.schemaDir);
  const watched = [folders.rawDir];
  if (!schemaMissing) watched.push(folders.schemaDir);
  else if (isWithin(path.resolve(folders.rawDir), schemaParent)) watched[0] = schemaParent;
  else if (existsSync(schemaParent)) watched.push(schemaParent);

  const ignore = createIgnore({
    folders: [folders.rawDir, folders.schemaDir],
    parents: schemaMissing ? [schemaParent] : [],
    excluded: [folders.outDir, folders.cacheDir],
  });
  // A function, not strings or globs: chokidar 5 compares strings in `ignored` with `===`.
  const watcher = watch(watched, { ignored: (file) => ignore(file), ignoreInitial: true });
  watcher.on("error", (error) => handlers.onError(toError(error)));
  watcher.on("all", (event, file) => handlers.onEvent(event, file));
  await waitUntilReady(watcher);
  return { ignore, close: () => watcher.close() };
}

function waitUntilReady(watcher: FSWatcher): Promise<void> {
  return new Promise((resolve) => watcher.once("ready", () => resolve()));
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

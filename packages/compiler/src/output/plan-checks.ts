/**
 * The checks of the output plan on one file: whether its path stays inside the output folder,
 * and whether the file on disk is the user's or was edited by hand, so the build keeps it.
 */
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { isOutputPath } from "../paths.js";
import type { Problem } from "../types.js";
import { manifestName, sha256, type Manifest } from "./manifest.js";

/**
 * Returns why a file on disk must not be replaced or deleted, if it must not. Either the user
 * created it, because it is not in the manifest (kept even with `--force`), or a person edited
 * it since a build wrote it.
 */
export function keepReason(
  current: string | NotAFile,
  manifest: Manifest,
  file: string,
  force: boolean,
): string | undefined {
  if (current === notAFile) {
    return "is a folder, a symbolic link or another kind of file, so the build did not touch it";
  }
  const generatedHash = manifest.files[file];
  if (generatedHash === undefined) {
    return `was not written by a build (it is not in ${manifestName}), so the build kept it and did not write its own page there; rename or move your file to let the build write it`;
  }
  if (force || sha256(current) === generatedHash) return undefined;
  return "was edited by hand, so the build kept it as it is; move your notes to a file of your own, or rebuild with --force to replace it";
}

/** Returns why a path must not be touched: it leaves the output folder or crosses a link. */
export async function unsafeReason(
  file: string,
  reachable: (folder: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (!isOutputPath(file)) return "is not a plain relative path inside the output folder";
  const parent = path.posix.dirname(file);
  if (parent !== "." && !(await reachable(parent))) {
    return "is inside a folder that is a symbolic link or not a folder, so the build did not touch it";
  }
  return undefined;
}

/**
 * Returns a check that a folder of the output (a POSIX path relative to it) is made only of
 * real folders or folders still to be created, never a symbolic link. Results are memoized.
 */
export function folderCheck(outDir: string): (folder: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  const check = (folder: string): Promise<boolean> => {
    let result = known.get(folder);
    if (!result) {
      result = (async () => {
        const parent = path.posix.dirname(folder);
        if (parent !== "." && !(await check(parent))) return false;
        const stats = await lstat(path.join(outDir, ...folder.split("/"))).catch(() => undefined);
        return stats === undefined || stats.isDirectory();
      })();
      known.set(folder, result);
    }
    return result;
  };
  return check;
}

/** Returns the warning that reports a file kept as it is. */
export function keptProblem(file: string, reason: string): Problem {
  return { code: "page-kept", file, message: reason, severity: "warning" };
}

export const notAFile = Symbol("not a regular file");
export type NotAFile = typeof notAFile;

/** Reads a file of the output: its text, `notAFile` for anything else, undefined when missing. */
export async function readCurrent(
  outDir: string,
  file: string,
): Promise<string | NotAFile | undefined> {
  const full = path.join(outDir, ...file.split("/"));
  const stats = await lstat(full).catch(() => undefined);
  if (!stats) return undefined;
  if (!stats.isFile()) return notAFile;
  return readFile(full, "utf8");
}

/** The state of the path of a file to plan: why it must not be touched, or its content. */
export interface Found {
  unsafe: string | undefined;
  current: string | NotAFile | undefined;
}

/** Looks at the path of a file to plan in the output folder. */
export async function lookAt(
  outDir: string,
  file: string,
  reachable: (folder: string) => Promise<boolean>,
): Promise<Found> {
  const unsafe = await unsafeReason(file, reachable);
  return { unsafe, current: unsafe ? undefined : await readCurrent(outDir, file) };
}

/**
 * Applies an output plan so that a killed build never leaves a half-written page. New contents
 * go to a staging folder in the cache. Then a journal listing every rename and deletion is
 * written, carried out and removed. A journal found at the start of the next build is carried
 * out first, so the output always ends as one whole build made it.
 *
 * NOTE: this holds for a killed process. Files are not flushed to the disk, so after a power
 * loss the staged files that a journal names may be empty.
 */
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { FatalBuildError } from "../context.js";
import { isOutputPath } from "../paths.js";
import { manifestName } from "./manifest.js";
import type { OutputPlan } from "./plan.js";
import { resetStage } from "./staging.js";

/** Paths relative to the output folder; the staged content of `writes[i]` is `stage/i`. */
interface Journal {
  version: 2;
  writes: string[];
  deletes: string[];
}

/**
 * Commits a plan whose new contents are staged (see `OutputPlanner`): stages the manifest last,
 * so it never lists a page that is not on disk yet, then writes and carries out the journal.
 */
export async function commitOutput(
  outDir: string,
  cacheDir: string,
  plan: OutputPlan,
  manifest: string,
): Promise<void> {
  const stageDir = stageDirOf(cacheDir);
  if (plan.writes.length === 0) await resetStage(stageDir);
  await writeFile(path.join(stageDir, String(plan.writes.length)), manifest);
  const journal: Journal = {
    version: 2,
    writes: [...plan.writes, manifestName],
    deletes: [...plan.deletes],
  };
  checkJournal(journal, "the output plan");
  const journalFile = path.join(cacheDir, "journal.json");
  await writeFile(`${journalFile}.tmp`, JSON.stringify(journal));
  await rename(`${journalFile}.tmp`, journalFile);
  await applyJournal(outDir, stageDir, journal);
  await rm(journalFile, { force: true });
  await rm(stageDir, { recursive: true, force: true });
}

/** Returns the folder where a build stages the new contents of the output before its commit. */
export function stageDirOf(cacheDir: string): string {
  return path.join(cacheDir, "stage");
}

/**
 * Finishes the output of a build that was killed after its journal was written, and removes the
 * staging folder of one killed before. Returns true when a journal was carried out.
 */
export async function recoverOutput(outDir: string, cacheDir: string): Promise<boolean> {
  const journalFile = path.join(cacheDir, "journal.json");
  const stageDir = stageDirOf(cacheDir);
  let text: string;
  try {
    text = await readFile(journalFile, "utf8");
  } catch {
    await rm(stageDir, { recursive: true, force: true });
    return false;
  }
  const journal = parseJournal(text, journalFile);
  await applyJournal(outDir, stageDir, journal);
  await rm(journalFile, { force: true });
  await rm(stageDir, { recursive: true, force: true });
  return true;
}

function parseJournal(text: string, journalFile: string): Journal {
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch (error) {
    throw new FatalBuildError(
      `the journal of an interrupted build, ${journalFile}, is not valid JSON (${(error as Error).message}); delete it to keep the output folder as it is`,
      "journal-invalid",
    );
  }
  checkJournal(journal, journalFile);
  return journal;
}

/** Throws unless every path of the journal stays inside the output folder. */
function checkJournal(journal: Journal, origin: string): void {
  const valid =
    journal?.version === 2 &&
    Array.isArray(journal.writes) &&
    Array.isArray(journal.deletes) &&
    [...journal.writes, ...journal.deletes].every(
      (file) => typeof file === "string" && isOutputPath(file),
    );
  if (!valid) {
    throw new FatalBuildError(
      `${origin} names a file outside the output folder or is not a journal; delete it to keep the output folder as it is`,
      "journal-invalid",
    );
  }
}

async function applyJournal(outDir: string, stageDir: string, journal: Journal): Promise<void> {
  for (const [index, file] of journal.writes.entries()) {
    const target = path.join(outDir, ...file.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    // A rename already done by an earlier attempt has no staged file left.
    await rename(path.join(stageDir, String(index)), target).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw commitError(file, error);
      },
    );
  }
  for (const file of journal.deletes) {
    const target = path.join(outDir, ...file.split("/"));
    await rm(target, { force: true }).catch((error: NodeJS.ErrnoException) => {
      throw commitError(file, error);
    });
    await removeEmptyFolders(path.dirname(target), outDir);
  }
}

function commitError(file: string, error: NodeJS.ErrnoException): FatalBuildError {
  return new FatalBuildError(
    `could not update ${file} in the output folder (${error.code ?? error.message}); fix the file or its folder and build again, and the build will finish the update`,
    "commit-failed",
  );
}

async function removeEmptyFolders(dir: string, outDir: string): Promise<void> {
  const root = path.resolve(outDir);
  for (
    let current = path.resolve(dir);
    current.startsWith(root + path.sep);
    current = path.dirname(current)
  ) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
  }
}

/**
 * Applies an output plan so that a killed build never leaves a half-written page: new contents
 * go to a staging folder in the cache, then a journal listing every rename and deletion is
 * written, then the journal is carried out and removed. A journal found at the start of the
 * next build is carried out first, so the output always ends as one whole build made it.
 */
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { manifestName } from "./manifest.js";
import type { OutputPlan } from "./plan.js";

interface Journal {
  renames: [string, string][];
  deletes: string[];
}

export async function commitOutput(
  outDir: string,
  cacheDir: string,
  plan: OutputPlan,
  manifest: string,
): Promise<void> {
  const stageDir = path.join(cacheDir, "stage");
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
  const renames: [string, string][] = [];
  const writes = [...plan.writes, [manifestName, manifest] as [string, string]];
  for (const [index, [file, content]] of writes.entries()) {
    const staged = path.join(stageDir, String(index));
    await writeFile(staged, content);
    renames.push([staged, path.join(outDir, ...file.split("/"))]);
  }
  const deletes = plan.deletes.map((file) => path.join(outDir, ...file.split("/")));
  const journal: Journal = { renames, deletes };
  const journalFile = path.join(cacheDir, "journal.json");
  await writeFile(`${journalFile}.tmp`, JSON.stringify(journal));
  await rename(`${journalFile}.tmp`, journalFile);
  await applyJournal(outDir, journal);
  await rm(journalFile, { force: true });
  await rm(stageDir, { recursive: true, force: true });
}

/** Finishes the output of a build that was killed after its journal was written. */
export async function recoverOutput(outDir: string, cacheDir: string): Promise<boolean> {
  const journalFile = path.join(cacheDir, "journal.json");
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(journalFile, "utf8")) as Journal;
  } catch {
    return false;
  }
  await applyJournal(outDir, journal);
  await rm(journalFile, { force: true });
  return true;
}

async function applyJournal(outDir: string, journal: Journal): Promise<void> {
  for (const [staged, target] of journal.renames) {
    await mkdir(path.dirname(target), { recursive: true });
    // A rename already done by an earlier attempt has no staged file left.
    await rename(staged, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  for (const target of journal.deletes) {
    await rm(target, { force: true });
    await removeEmptyFolders(path.dirname(target), outDir);
  }
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

/**
 * The problems record: the problems a full build found after the scan (parse, model and emit
 * problems), kept in the cache folder with the fingerprint of that build's inputs. A build that
 * stops after the scan because nothing changed reports them again, so every build of the same
 * inputs reports the same problems. Scan problems are not recorded: every build finds them anew.
 * The record also keeps the hash of each output file the build kept as a person left it, so an
 * edit it already reported does not make every later build run in full.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../atomic-write.js";
import type { StatCache } from "../stat-cache.js";
import type { Problem } from "../types.js";
import type { LastBuild } from "./changes.js";
import { hashOutputFiles } from "./manifest.js";

export const problemRecordName = "problems.json";

interface ProblemRecord {
  version: 1;
  /** Fingerprint of the inputs of the build that found the problems (see fingerprint.ts). */
  inputs: string;
  problems: Problem[];
  /** sha256 of each output file kept as edited by hand, by path relative to the output folder. */
  keptPages: Record<string, string>;
}

export type RecordedProblems = Pick<ProblemRecord, "problems" | "keptPages">;

/** Writes the problems a build found after its scan, for the inputs with this fingerprint. */
export async function saveProblemRecord(
  cacheDir: string,
  inputs: string,
  { problems, keptPages }: RecordedProblems,
): Promise<void> {
  const record: ProblemRecord = { version: 1, inputs, problems, keptPages };
  await writeFileAtomic(path.join(cacheDir, problemRecordName), `${JSON.stringify(record)}\n`);
}

/**
 * Reads the problems recorded for the inputs with this fingerprint. Returns undefined when the
 * record is missing, unreadable or from other inputs, and the build then runs in full.
 */
export async function readProblemRecord(
  cacheDir: string,
  inputs: string,
): Promise<RecordedProblems | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(cacheDir, problemRecordName), "utf8"));
  } catch {
    return undefined;
  }
  const record = data as Partial<ProblemRecord> | null;
  if (record?.version !== 1 || record.inputs !== inputs || !Array.isArray(record.problems)) {
    return undefined;
  }
  if (!record.problems.every(isProblem)) return undefined;
  const keptPages =
    record.keptPages && typeof record.keptPages === "object" ? record.keptPages : {};
  return { problems: record.problems, keptPages };
}

function isProblem(value: unknown): value is Problem {
  const item = value as Partial<Problem> | null;
  return (
    typeof item?.code === "string" &&
    typeof item.file === "string" &&
    typeof item.message === "string" &&
    (item.severity === "error" || item.severity === "warning") &&
    (item.line === undefined || typeof item.line === "number")
  );
}

/**
 * Checks that every output file changed since the last build is one that build kept as a person
 * edited it, with the same bytes: then nothing new is to be built.
 */
export async function onlyKeptFiles(
  outDir: string,
  last: LastBuild,
  recorded: RecordedProblems,
  statCache: StatCache,
): Promise<boolean> {
  if (last.touched.length === 0) return false;
  if (last.touched.some((file) => recorded.keptPages[file] === undefined)) return false;
  const hashes = await hashOutputFiles(outDir, last.touched, statCache);
  return last.touched.every((file, index) => hashes[index] === recorded.keptPages[file]);
}

/** Hashes the output files that a build kept as edited by hand, by path. */
export async function keptHashes(
  outDir: string,
  keptProblems: Problem[],
  statCache: StatCache,
): Promise<Record<string, string>> {
  const files = [...new Set(keptProblems.map((problem) => problem.file))].sort();
  const hashes = await hashOutputFiles(outDir, files, statCache);
  const entries = files.flatMap((file, index) => (hashes[index] ? [[file, hashes[index]]] : []));
  return Object.fromEntries(entries);
}

/**
 * The problems record: the problems a full build found after the scan (parse, model and emit
 * problems), kept in the cache folder with the fingerprint of that build's inputs. A build that
 * stops after the scan because nothing changed reports them again, so every build of the same
 * inputs reports the same problems. Scan problems are not recorded: every build finds them anew.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../atomic-write.js";
import type { Problem } from "../types.js";

export const problemRecordName = "problems.json";

interface ProblemRecord {
  version: 1;
  /** Fingerprint of the inputs of the build that found the problems (see fingerprint.ts). */
  inputs: string;
  problems: Problem[];
}

/** Writes the problems a build found after its scan, for the inputs with this fingerprint. */
export async function saveProblemRecord(
  cacheDir: string,
  inputs: string,
  problems: Problem[],
): Promise<void> {
  const record: ProblemRecord = { version: 1, inputs, problems };
  await writeFileAtomic(path.join(cacheDir, problemRecordName), `${JSON.stringify(record)}\n`);
}

/**
 * Reads the problems recorded for the inputs with this fingerprint. Returns undefined when the
 * record is missing, unreadable or from other inputs, and the build then runs in full.
 */
export async function readProblemRecord(
  cacheDir: string,
  inputs: string,
): Promise<Problem[] | undefined> {
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
  return record.problems.every(isProblem) ? record.problems : undefined;
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

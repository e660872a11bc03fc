/**
 * Plans the changes to the output folder: which files to write, which generated files to
 * delete, and which to keep because a person edited them (or because the user, not a build,
 * created them). A file whose bytes would not change is not written at all.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../types.js";
import { sha256, type Manifest } from "./manifest.js";

export interface OutputPlan {
  /** New content by path relative to the output folder (POSIX). */
  writes: Map<string, string>;
  deletes: string[];
  unchanged: number;
  /** Files kept as they are because a person edited them; reported as problems. */
  kept: Problem[];
}

export async function planOutput(
  outDir: string,
  desired: Map<string, string>,
  manifest: Manifest,
  force: boolean,
): Promise<OutputPlan> {
  const plan: OutputPlan = { writes: new Map(), deletes: [], unchanged: 0, kept: [] };
  for (const [file, content] of desired) {
    const current = await readText(outDir, file);
    if (current === content) {
      plan.unchanged++;
      continue;
    }
    const reason =
      current === undefined || force ? undefined : editReason(current, manifest.files[file]);
    if (reason) plan.kept.push(keptProblem(file, reason));
    else plan.writes.set(file, content);
  }
  for (const file of Object.keys(manifest.files).sort()) {
    if (desired.has(file)) continue;
    const current = await readText(outDir, file);
    if (current === undefined) continue;
    const reason = force ? undefined : editReason(current, manifest.files[file]);
    if (reason) plan.kept.push(keptProblem(file, reason));
    else plan.deletes.push(file);
  }
  return plan;
}

function editReason(current: string, generatedHash: string | undefined): string | undefined {
  if (generatedHash === undefined) return "was not written by a build";
  return sha256(current) === generatedHash ? undefined : "was edited by hand";
}

function keptProblem(file: string, reason: string): Problem {
  return {
    code: "page-kept",
    file,
    message: `${reason}, so the build kept it as it is; move your notes to a file of your own, or rebuild with --force to replace it`,
    severity: "warning",
  };
}

async function readText(outDir: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(outDir, ...file.split("/")), "utf8");
  } catch {
    return undefined;
  }
}

/** Folders the benchmark reads and writes, all found from the location of this file. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: `bench/dist/paths.js` sits two folders below it. */
export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The real document folders, read in place and never copied into the project. */
export const corporaRoot = path.resolve(projectRoot, "../shared/corpora");

export const corpusNames = ["ollama-docs", "opensource-guide", "ollama-faq-history"] as const;

/** Folder of the figures; it is git-ignored. */
export const benchOutDir = path.join(projectRoot, ".bench");

export const cliBin = path.join(projectRoot, "packages/cli/bin/wiki.js");

/** Compiled scripts of the benchmark that run as child processes. */
export const measureScript = fileURLToPath(new URL("./child/measure.js", import.meta.url));
export const floorScript = fileURLToPath(new URL("./floor-child.js", import.meta.url));

/** Creates a temporary folder for one run; `removeTemp` deletes it. */
export function makeTemp(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `wiki-bench-${label}-`));
}

export function removeTemp(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

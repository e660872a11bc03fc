/**
 * The manifest: the record, kept in the output folder, of every file a build produced and the
 * hash of its content. It tells generated pages from the user's own files, finds pages edited
 * by hand, and is written last, after every page.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareCodePoints } from "../scan.js";
import type { Problem } from "../types.js";
import type { BuildInputs, InputParts } from "../fingerprint.js";
import { isOutputPath } from "../paths.js";
import { StatCache } from "../stat-cache.js";
import type { OutputPlan } from "./plan.js";

export const manifestName = ".wiki-manifest.json";

export interface Manifest {
  version: 1;
  /** sha256 of each generated file, by path relative to the output folder (POSIX). */
  files: Record<string, string>;
  /** sha256 of each source the build read, by path relative to the raw folder. */
  sources?: Record<string, string>;
  /** Fingerprint of the inputs of the build that wrote the output (see fingerprint.ts). */
  inputs?: string;
  /** The parts of that fingerprint, so the next build can report what changed. */
  parts?: InputParts;
  /** Figures of that build, repeated when a later build finds nothing to do. */
  figures?: ManifestFigures;
  /** Paths listed in the file that would leave the output folder; never written or deleted. */
  ignored?: string[];
}

export interface ManifestFigures {
  pages: number;
  communities: number;
  modularity: number;
  singletonShare: number;
  contradictions: number;
}

/** Reads the manifest; a missing or unreadable one lists no files, so nothing is deleted. */
export async function readManifest(outDir: string): Promise<Manifest> {
  let data: Partial<Manifest> | undefined;
  try {
    data = JSON.parse(await readFile(path.join(outDir, manifestName), "utf8")) as Partial<Manifest>;
  } catch {
    return { version: 1, files: {} };
  }
  if (data?.version !== 1 || !data.files || typeof data.files !== "object") {
    return { version: 1, files: {} };
  }
  const files: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [file, hash] of Object.entries(data.files)) {
    if (isOutputPath(file) && typeof hash === "string") files[file] = hash;
    else ignored.push(file);
  }
  return { ...data, version: 1, files, ignored };
}

/**
 * Renders the manifest of the files a build produced, leaving out those where a file of the
 * user's stays (`foreign`) and keeping the old hashes of edited pages it no longer produces.
 */
export function renderManifest(
  inputs: BuildInputs,
  figures: ManifestFigures,
  plan: Pick<OutputPlan, "produced" | "foreign" | "carried">,
): string {
  const foreign = new Set(plan.foreign);
  const hashes = [...plan.produced].filter(([file]) => !foreign.has(file));
  hashes.push(...Object.entries(plan.carried));
  const manifest: Manifest = {
    version: 1,
    inputs: inputs.fingerprint,
    parts: inputs.parts,
    figures,
    files: sortedRecord(hashes),
    sources: sortedRecord(Object.entries(inputs.sources)),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function sortedRecord(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries.sort(([a], [b]) => compareCodePoints(a, b)));
}

/**
 * Files the manifest lists that are missing or no longer have the content the build wrote. A
 * file whose stat matches the stat cache is not read again.
 */
export async function changedOutputFiles(
  outDir: string,
  manifest: Manifest,
  statCache: StatCache = StatCache.disabled(),
): Promise<string[]> {
  const files = Object.keys(manifest.files);
  const hashes = await hashOutputFiles(outDir, files, statCache);
  return files.filter((file, index) => hashes[index] !== manifest.files[file]).sort();
}

/**
 * Returns the sha256 of each output file (undefined when missing), in the order given, and
 * records it in the stat cache. Reads a bounded batch at a time: fast on a thousand pages
 * without exhausting file handles.
 */
export async function hashOutputFiles(
  outDir: string,
  files: string[],
  statCache: StatCache,
): Promise<(string | undefined)[]> {
  const hashes: (string | undefined)[] = [];
  for (let start = 0; start < files.length; start += 64) {
    const batch = files.slice(start, start + 64);
    const full = batch.map((file) => path.join(outDir, ...file.split("/")));
    hashes.push(...(await Promise.all(full.map((file) => statCache.hash(file)))));
  }
  return hashes;
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Reports a manifest that exists but cannot be read. Without it the build cannot tell its own
 * pages from the user's files, so it stops and says how to repair the manifest.
 */
export async function manifestProblem(outDir: string): Promise<Problem | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, manifestName), "utf8");
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    if (data.version === 1 && data.files && typeof data.files === "object") return undefined;
  } catch {
    // Reported below.
  }
  return {
    code: "manifest-invalid",
    file: manifestName,
    message:
      "Manifest is not valid JSON of a build, so the build cannot tell its pages from your files and changes none of them; restore it (for example with git checkout), or move your own files out and delete the output folder to build it anew.",
    severity: "error",
  };
}

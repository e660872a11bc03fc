/**
 * The manifest: the record, kept in the output folder, of every file a build produced and the
 * hash of its content. It tells generated pages from the user's own files, finds pages edited
 * by hand, and is written last, after every page.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const manifestName = ".wiki-manifest.json";

export interface Manifest {
  version: 1;
  /** sha256 of each generated file, by path relative to the output folder (POSIX). */
  files: Record<string, string>;
  /** sha256 of each source the build read, by path relative to the raw folder. */
  sources?: Record<string, string>;
  /** Fingerprint of the inputs of the build that wrote the output (see fingerprint.ts). */
  inputs?: string;
  /** Figures of that build, repeated when a later build finds nothing to do. */
  figures?: ManifestFigures;
}

export interface ManifestFigures {
  pages: number;
  communities: number;
  modularity: number;
  singletonShare: number;
  contradictions: number;
}

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, manifestName), "utf8")) as Manifest;
    if (data.version === 1 && data.files && typeof data.files === "object") return data;
  } catch {
    // A missing or unreadable manifest means no generated files are known.
  }
  return { version: 1, files: {} };
}

export function renderManifest(
  files: Map<string, string>,
  sources: Record<string, string>,
  inputs: string,
  figures: ManifestFigures,
): string {
  const hashes = [...files].map(([file, text]): [string, string] => [file, sha256(text)]);
  const manifest: Manifest = {
    version: 1,
    inputs,
    figures,
    files: sortedRecord(hashes),
    sources: sortedRecord(Object.entries(sources)),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function sortedRecord(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when every file the manifest lists is on disk with the content the build wrote. */
export async function outputIntact(outDir: string, manifest: Manifest): Promise<boolean> {
  for (const [file, hash] of Object.entries(manifest.files)) {
    const text = await readFile(path.join(outDir, ...file.split("/"))).catch(() => undefined);
    if (text === undefined || sha256(text) !== hash) return false;
  }
  return Object.keys(manifest.files).length > 0;
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

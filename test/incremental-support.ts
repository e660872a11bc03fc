/**
 * Helpers for the incremental, crash, lock and hand-edit tests: a workspace copied from a corpus
 * into a temporary folder, builds through the CLI with their JSON figures, and tree comparisons.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runWiki, type RunResult } from "./support/cli.js";
import { treeHashes } from "./support/tree.js";

export const corpusDir = (name: string) => path.resolve("../shared/corpora", name);

export interface Workspace {
  /** Temporary folder that contains the workspace, for snapshots of everything around it. */
  parent: string;
  root: string;
  raw: string;
  wiki: string;
  cache: string;
}

/**
 * Copies a corpus, or only the listed files of it, to `ROOT/raw` in a new temporary folder.
 * `ROOT` sits one level below the temporary folder, so that a test can snapshot its parent.
 */
export function copyCorpus(name: string, files?: string[]): Workspace {
  const parent = mkdtempSync(path.join(os.tmpdir(), "wiki-incremental-"));
  const root = path.join(parent, "ws");
  const raw = path.join(root, "raw");
  mkdirSync(raw, { recursive: true });
  if (files) {
    for (const file of files) cpSync(path.join(corpusDir(name), file), path.join(raw, file));
  } else {
    cpSync(corpusDir(name), raw, { recursive: true });
  }
  return {
    parent,
    root,
    raw,
    wiki: path.join(root, "wiki"),
    cache: path.join(root, ".wiki-cache"),
  };
}

/** Copies a whole workspace (sources, output and cache) to a new temporary folder. */
export function cloneWorkspace(from: Workspace, parts = ["raw", "wiki", ".wiki-cache"]): Workspace {
  const parent = mkdtempSync(path.join(os.tmpdir(), "wiki-incremental-"));
  const root = path.join(parent, "ws");
  mkdirSync(root);
  for (const part of parts)
    cpSync(path.join(from.root, part), path.join(root, part), { recursive: true });
  return {
    parent,
    root,
    raw: path.join(root, "raw"),
    wiki: path.join(root, "wiki"),
    cache: path.join(root, ".wiki-cache"),
  };
}

export function removeWorkspace(workspace: Workspace): void {
  rmSync(workspace.parent, { recursive: true, force: true });
}

/** The `--json` figures of a build that the tests read. */
export interface Figures {
  pages: number;
  communities: number;
  written: number;
  deleted: number;
  changedFiles: string[];
  durationMs: number;
  llm: {
    calls: number;
    retries: number;
    cacheHits: number;
    callsByStep: Record<"analyze" | "write" | "confirm" | "overview", number>;
  };
  problems: { code: string; file: string; severity: string; message: string }[];
}

export interface Built extends RunResult {
  figures: Figures;
}

export const fixedDate = { SOURCE_DATE_EPOCH: "1780000000" };

/** Runs `wiki build ROOT --json` with the given extra arguments. */
export async function buildWiki(
  workspace: Workspace,
  args: string[],
  env: NodeJS.ProcessEnv = fixedDate,
): Promise<Built> {
  const result = await runWiki(["build", workspace.root, "--json", ...args], { env });
  const figures = JSON.parse(result.stdout || "{}") as Figures;
  return { ...result, figures };
}

export const offline = ["--provider", "offline"];
export const ollamaAt = (url: string) => ["--provider", "ollama", "--host", url];

/** Files that differ between two snapshots of a tree: changed, added or removed. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** Hashes of every file below `dir`, or an empty map when it does not exist. */
export function snapshot(dir: string): Map<string, string> {
  try {
    return treeHashes(dir);
  } catch {
    return new Map();
  }
}

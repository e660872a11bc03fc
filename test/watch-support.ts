/**
 * Helpers for the `wiki watch` tests: a workspace copied from a corpus into a temporary folder,
 * and a watch session run in-process with its output collected and Ctrl-C as an AbortController.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runWatch } from "../packages/cli/src/commands/watch.js";

export interface Workspace {
  root: string;
  raw: string;
  schema: string;
  wiki: string;
  remove(): void;
}

/** Copies `../shared/corpora/NAME` to `ROOT/raw` in a new temporary folder, with a schema. */
export function copyCorpus(name: string, wikiYaml = "linkStyle: markdown\n"): Workspace {
  const root = mkdtempSync(path.join(os.tmpdir(), "wiki-watch-"));
  const raw = path.join(root, "raw");
  const schema = path.join(root, "schema");
  cpSync(path.join("..", "shared", "corpora", name), raw, { recursive: true });
  mkdirSync(schema);
  writeFileSync(path.join(schema, "wiki.yaml"), wikiYaml);
  const remove = () => rmSync(root, { recursive: true, force: true });
  return { root, raw, schema, wiki: path.join(root, "wiki"), remove };
}

/** One JSON line of `wiki watch --json`. */
export interface WatchRecord {
  trigger: "start" | "change";
  changedInputs: { kind: string; path: string; change: string; from?: string }[];
  written?: number;
  deleted?: number;
  changedFiles?: string[];
  /** sha256 by source path of the sources the build read. */
  sourceHashes?: Record<string, string>;
  problems?: { code: string; file: string; severity: string }[];
  llm?: { calls: number };
  error?: { code: string; message: string };
}

export interface RunningWatch {
  stderr(): string;
  records(): WatchRecord[];
  /** Aborts as Ctrl-C does and resolves with the exit code. */
  stop(): Promise<number>;
  exited: Promise<number>;
}

export function startWatch(args: string[], env: NodeJS.ProcessEnv = {}): RunningWatch {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const exited = runWatch(args, {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: { SOURCE_DATE_EPOCH: "1767225600", ...env },
    cwd: process.cwd(),
    signal: controller.signal,
  });
  const records = () =>
    out
      .join("")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as WatchRecord);
  const stop = () => {
    controller.abort(new Error("interrupted by Ctrl-C"));
    return exited;
  };
  return { stderr: () => err.join(""), records, stop, exited };
}

/** Polls `condition` every 10 ms until it returns a value other than undefined or false. */
export async function waitFor<T>(
  what: string,
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Reads a file, or returns undefined when it does not exist. */
export function readIfExists(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch(() => undefined);
}

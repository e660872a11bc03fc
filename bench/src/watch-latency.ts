/**
 * The watch scenario: `wiki watch --provider offline` on a copy of a corpus, its largest source
 * saved several times, and for each save the time until the source's page on disk shows the new
 * sha256. The watch runs as its own process, as a user runs it.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cliBin, makeTemp, removeTemp } from "./paths.js";
import { editText, listSources } from "./sources.js";
import type { RunSettings } from "./trio.js";

export interface WatchLatency {
  workspace: string;
  /** The edited source, relative to the raw folder. */
  source: string;
  /** Time from each save to the page on disk, in milliseconds, in the order of the saves. */
  latenciesMs: number[];
  minMs: number;
  medianMs: number;
  maxMs: number;
  /** One-minute load average after the last save. */
  loadAverage: number;
}

/** Time one save may take to show in the output folder before the scenario fails. */
const saveTimeoutMs = 30_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Polls every 5 ms until `condition` holds, and throws after `timeoutMs`. */
async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** Returns the largest file of `files`. */
async function largest(files: string[]): Promise<string> {
  const sizes = await Promise.all(files.map(async (file) => ({ file, ...(await stat(file)) })));
  const [first] = sizes.sort((a, b) => b.size - a.size || (a.file < b.file ? -1 : 1));
  if (!first) throw new Error("cannot measure the watch: the workspace has no source");
  return first.file;
}

/** Finds the page under `outDir/sources` that records `hash` as its source's sha256. */
async function pageOf(outDir: string, hash: string): Promise<string> {
  const dir = path.join(outDir, "sources");
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (!name.endsWith(".md")) continue;
    if ((await readFile(file, "utf8")).includes(`sha256: ${hash}`)) return file;
  }
  throw new Error(`no page in ${dir} records the sha256 ${hash} of the edited source`);
}

/** Returns the median of sorted `values`. */
function median(values: number[]): number {
  const middle = values.length / 2;
  const at = (index: number) => values[index] ?? 0;
  return values.length % 2 ? at(Math.floor(middle)) : (at(middle - 1) + at(middle)) / 2;
}

/**
 * Saves the largest source of `corpusDir` `saves` times, each save once the rebuild of the one
 * before has printed its status line, and measures each save. Returns undefined when the watch
 * failed, after recording why in `settings.failures`.
 */
export async function benchWatchLatency(
  name: string,
  corpusDir: string,
  saves: number,
  settings: RunSettings,
): Promise<WatchLatency | undefined> {
  const root = await makeTemp(`watch-${name}`);
  const rawDir = path.join(root, "raw");
  await cp(corpusDir, rawDir, { recursive: true });
  const args = [cliBin, "watch", root, "--provider", "offline", "--quiet"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    const watching = async () => stderr.includes("press Ctrl-C to stop");
    await waitUntil("the first build of the watch", watching, settings.timeoutMs);
    const source = await largest(await listSources(rawDir));
    const original = await readFile(source, "utf8");
    const page = await pageOf(path.join(root, "wiki"), sha256(original));

    const latenciesMs: number[] = [];
    for (let save = 1; save <= saves; save++) {
      const text = editText(original, ` This sentence was saved as edit ${save} of the watch.`);
      const saved = performance.now();
      await writeFile(source, text);
      const pageShowsSave = async () =>
        (await readFile(page, "utf8")).includes(`sha256: ${sha256(text)}`);
      await waitUntil(`save ${save} to show in ${page}`, pageShowsSave, saveTimeoutMs);
      latenciesMs.push(Math.round(performance.now() - saved));
      const statusLines = async () => (stderr.match(/ changed: /g) ?? []).length >= save;
      await waitUntil(`the status line of save ${save}`, statusLines, saveTimeoutMs);
    }
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    const [minMs = 0, maxMs = 0] = [sorted[0], sorted.at(-1)];
    const loadAverage = Number(os.loadavg()[0]?.toFixed(2));
    const result = { workspace: name, source: path.relative(rawDir, source), latenciesMs };
    settings.log(
      `${name}-watch: ${latenciesMs.join(", ")} ms from save to page, load ${loadAverage}`,
    );
    return { ...result, minMs, medianMs: median(sorted), maxMs, loadAverage };
  } catch (error) {
    const message = `${name} watch: ${(error as Error).message}; stderr ends with: ${stderr.slice(-500)}`;
    settings.failures.push(message);
    settings.log(`failed: ${message}`);
    return undefined;
  } finally {
    child.kill("SIGINT");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
    await removeTemp(root);
  }
}

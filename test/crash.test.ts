/**
 * Kills a build with SIGKILL at many points, from startup through the model calls to the commit
 * of the output, and checks that the output folder is as before or as after (or that a journal
 * is left that the next build carries out), and that the next build finishes the job calling the
 * model only for the answers not yet stored.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama, type Fault } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  cloneWorkspace,
  copyCorpus,
  corpusDir,
  fixedDate,
  ollamaAt,
  removeWorkspace,
  snapshot,
  type Workspace,
} from "./incremental-support.js";
import { wikiBin } from "./support/cli.js";

/**
 * When the build is killed: after a delay, at the arrival of a model request, at a file of the
 * commit, or once the cache has a number of new answers.
 */
type KillPoint =
  | { afterMs: number }
  | { atRequest: number }
  | { atFile: "stage" | "journal.json" }
  | { atStored: number };

let server: FakeOllama;
/** Set while a build runs: called for each model request with its number in that build. */
let onRequest: ((index: number) => Fault | undefined) | undefined;
let requestIndex = 0;
let base: Workspace;
let before: Map<string, string>;
let after: Map<string, string>;
/** Model answers the interrupted build needs (calls of an uninterrupted build, retries left out). */
let needed: number;
/** Model answers a cold build of the base workspace needs. */
let neededCold: number;
const workspaces: Workspace[] = [];

/** Makes the change that the interrupted builds build: two sources added, one edited. */
function change(workspace: Workspace): void {
  for (const file of ["docker.mdx", "modelfile.mdx"]) {
    writeFileSync(
      path.join(workspace.raw, file),
      readFileSync(path.join(corpusDir("ollama-docs"), file)),
    );
  }
  const edited = path.join(workspace.raw, "import.mdx");
  writeFileSync(edited, `${readFileSync(edited, "utf8")}\nImported models keep their license.\n`);
}

beforeAll(async () => {
  server = await startFakeOllama({
    faults: () => onRequest?.(requestIndex++) ?? { delayMs: 10 },
  });
  base = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx"]);
  const cold = await buildWiki(base, ollamaAt(server.url));
  expect(cold.code).toBe(0);
  neededCold = cold.figures.llm.calls - cold.figures.llm.retries;
  before = snapshot(base.wiki);
  const reference = cloneWorkspace(base);
  workspaces.push(base, reference);
  change(reference);
  const built = await buildWiki(reference, ollamaAt(server.url));
  expect(built.code).toBe(0);
  after = snapshot(reference.wiki);
  needed = built.figures.llm.calls - built.figures.llm.retries;
});

afterAll(async () => {
  onRequest = undefined;
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

/** How a killed build ended: the signal that stopped it, or null when it exited by itself. */
interface Ending {
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs a build of `workspace` in a child process and kills it at `point`. */
function killedBuild(workspace: Workspace, point: KillPoint): Promise<Ending> {
  const args = [wikiBin, "build", workspace.root, ...ollamaAt(server.url)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...fixedDate },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const kill = () => child.kill("SIGKILL");

  requestIndex = 0;
  if ("atRequest" in point) {
    onRequest = (index) => {
      if (index !== point.atRequest) return { delayMs: 10 };
      kill();
      return { hang: true };
    };
  }
  const timer = "afterMs" in point ? setTimeout(kill, point.afterMs) : undefined;
  const watcher = "atFile" in point ? watchFor(workspace.cache, point.atFile, kill) : undefined;
  const stored = storedAnswers(workspace.cache);
  const poll =
    "atStored" in point
      ? setInterval(() => {
          if (storedAnswers(workspace.cache) - stored >= point.atStored) kill();
        }, 5)
      : undefined;

  return new Promise((resolve) => {
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
      onRequest = undefined;
      resolve({ signal, stderr });
    });
  });
}

function watchFor(dir: string, name: string, action: () => void) {
  return watch(dir, (_event, file) => {
    if (file === name) action();
  });
}

/** Model answers stored in a cache folder. */
function storedAnswers(cache: string): number {
  const dir = path.join(cache, "answers");
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".json"),
  ).length;
}

const points: [string, KillPoint][] = [
  ["during startup", { afterMs: 150 }],
  ["at the first model request", { atRequest: 0 }],
  ["after a few model requests", { atRequest: 6 }],
  ["halfway through the model requests", { atRequest: -2 }],
  ["at the last model requests", { atRequest: -1 }],
  ["while staging the output", { atFile: "stage" }],
  ["while carrying out the journal", { atFile: "journal.json" }],
];

describe("build killed with SIGKILL", () => {
  it.each(points)("recovers when killed %s", async (_name, point) => {
    const workspace = cloneWorkspace(base);
    workspaces.push(workspace);
    change(workspace);
    const storedBefore = storedAnswers(workspace.cache);
    const resolved =
      "atRequest" in point && point.atRequest < 0
        ? { atRequest: point.atRequest === -2 ? Math.floor(needed / 2) : needed - 1 }
        : point;
    const ending = await killedBuild(workspace, resolved);
    // A build may finish its commit before the watcher kills it; any other point must be reached.
    if (!("atFile" in point)) expect(ending.signal, ending.stderr).toBe("SIGKILL");

    const journal = existsSync(path.join(workspace.cache, "journal.json"));
    const output = snapshot(workspace.wiki);
    if (!journal) expect([before, after]).toContainEqual(output);
    const stored = storedAnswers(workspace.cache) - storedBefore;

    const resumed = await buildWiki(workspace, ollamaAt(server.url));
    expect(resumed.code).toBe(0);
    if (journal) expect(resumed.stderr).toMatch(/recovered the output of an interrupted build/);
    expect(snapshot(workspace.wiki)).toEqual(after);
    expect(resumed.figures.llm.calls - resumed.figures.llm.retries).toBe(needed - stored);
  });

  it("finishes a killed cold build", async () => {
    const workspace = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx"]);
    workspaces.push(workspace);
    const ending = await killedBuild(workspace, { atStored: 3 });
    expect(ending.signal, ending.stderr).toBe("SIGKILL");
    expect(snapshot(workspace.wiki)).toEqual(new Map());
    const stored = storedAnswers(workspace.cache);
    expect(stored).toBeGreaterThan(0);
    const resumed = await buildWiki(workspace, ollamaAt(server.url));
    expect(resumed.code).toBe(0);
    expect(snapshot(workspace.wiki)).toEqual(before);
    expect(resumed.figures.llm.calls - resumed.figures.llm.retries).toBe(neededCold - stored);
  });
});

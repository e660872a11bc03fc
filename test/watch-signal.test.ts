/**
 * Ctrl-C as a real SIGINT to the built `wiki watch` process: the process exits by itself with code
 * 0, idle or while model calls are in flight, and leaves the output folder as it was.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { startFakeOllama } from "./fake-ollama/src/server.js";
import { wikiBin } from "./support/cli.js";
import { copyCorpus, waitFor, type Workspace } from "./watch-support.js";

/** Time the process may take to exit after SIGINT, in milliseconds. */
const exitLimitMs = 5_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `wiki watch` as a child process, which is killed after the test if still running. */
function spawnWatch(args: string[]) {
  const child = spawn(process.execPath, [wikiBin, "watch", ...args], {
    env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  cleanups.push(() => child.kill("SIGKILL"));
  return { child, exited, stderr: () => stderr };
}

/** Sends SIGINT and resolves with the exit code and the time the process took to exit. */
async function interrupt(watch: ReturnType<typeof spawnWatch>) {
  const sent = performance.now();
  watch.child.kill("SIGINT");
  const limit = new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve("still running"), exitLimitMs);
    cleanups.push(() => clearTimeout(timer));
  });
  const code = await Promise.race([watch.exited, limit]);
  return { code, exitMs: performance.now() - sent };
}

/** Copies a small corpus to a temporary workspace, removed after the test. */
function workspace(): Workspace {
  const copy = copyCorpus("ollama-faq-history");
  cleanups.push(copy.remove);
  return copy;
}

function leftovers(root: string): string[] {
  const cache = path.join(root, ".wiki-cache");
  return ["lock", "journal.json", "stage"].filter((name) => existsSync(path.join(cache, name)));
}

it("exits with code 0 on sigint while watching", async () => {
  const { root, wiki } = workspace();
  const watch = spawnWatch([root, "--provider", "offline"]);
  await waitFor("the watch to start", () => watch.stderr().includes("watching"), 60_000);
  const manifest = readFileSync(path.join(wiki, ".wiki-manifest.json"), "utf8");

  const { code, exitMs } = await interrupt(watch);
  expect(code).toBe(0);
  expect(exitMs).toBeLessThan(exitLimitMs);
  expect(watch.stderr()).toMatch(/wiki watch: stopped\n$/);
  expect(leftovers(root)).toEqual([]);
  expect(readFileSync(path.join(wiki, ".wiki-manifest.json"), "utf8")).toBe(manifest);
});

it("exits with code 0 on sigint during model calls", async () => {
  const server = await startFakeOllama({ faults: () => ({ delayMs: 30_000 }) });
  cleanups.push(() => server.close());
  const { root, wiki } = workspace();
  const watch = spawnWatch([root, "--provider", "ollama", "--host", server.url]);
  await waitFor(
    "model calls in flight",
    () => (server.stats.requests["/api/chat"] ?? 0) > 0,
    30_000,
  );

  const { code, exitMs } = await interrupt(watch);
  expect(code).toBe(0);
  expect(exitMs).toBeLessThan(exitLimitMs);
  expect(server.stats.log.every((entry) => entry.status === 0)).toBe(true);
  expect(watch.stderr()).toMatch(/build stopped; the output folder is as the last finished/);
  expect(watch.stderr()).toMatch(/wiki watch: stopped\n$/);
  expect(leftovers(root)).toEqual([]);
  expect(existsSync(wiki)).toBe(false);
});

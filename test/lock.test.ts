/**
 * The build lock: a second build of the same output folder stops with exit code 5 while the
 * first runs, and a lock left by a build that no longer runs is taken over.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  copyCorpus,
  fixedDate,
  offline,
  ollamaAt,
  removeWorkspace,
  type Workspace,
} from "./incremental-support.js";
import { wikiBin } from "./support/cli.js";

let server: FakeOllama;
/** Delay of every model request, in milliseconds. */
let delayMs = 100;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  server = await startFakeOllama({ faults: () => ({ delayMs }) });
});

afterAll(async () => {
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

function workspace(): Workspace {
  const created = copyCorpus("ollama-docs", ["import.mdx", "linux.mdx"]);
  workspaces.push(created);
  return created;
}

/** Waits until `file` exists with content: a lock is created empty, then its pid is written. */
async function waitFor(file: string, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += 20) {
    if (existsSync(file) && readFileSync(file, "utf8").trim()) return true;
    await sleep(20);
  }
  return false;
}

/** Runs a process to its end and returns its pid. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("build lock", () => {
  it("stops a second build of the same folder with exit code 5", async () => {
    const ws = workspace();
    // The first build waits on its model requests until it is killed below.
    delayMs = 60_000;
    const first = spawn(process.execPath, [wikiBin, "build", ws.root, ...ollamaAt(server.url)], {
      env: { ...process.env, ...fixedDate },
      stdio: "ignore",
    });
    const firstExit = new Promise((resolve) => first.on("exit", resolve));
    try {
      expect(await waitFor(path.join(ws.cache, "lock"), 20_000)).toBe(true);
      const second = await buildWiki(ws, offline);
      expect(second.code).toBe(5);
      expect(second.stderr).toMatch(
        new RegExp(`another build \\(pid ${first.pid}\\) is writing this output folder`),
      );
      expect(existsSync(ws.wiki)).toBe(false);
    } finally {
      first.kill("SIGKILL");
      await firstExit;
      delayMs = 100;
    }
  });

  it("takes over the lock of a build that no longer runs", async () => {
    const ws = workspace();
    const pid = deadPid();
    mkdirSync(ws.cache, { recursive: true });
    writeFileSync(path.join(ws.cache, "lock"), `${pid}\n`);
    const built = await buildWiki(ws, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(`took over the lock of an earlier build (pid ${pid})`);
    expect(existsSync(path.join(ws.cache, "lock"))).toBe(false);
  });

  it("takes over a lock whose pid now belongs to a newer process", async () => {
    const ws = workspace();
    mkdirSync(ws.cache, { recursive: true });
    // The pid runs (it is this test), but its start time differs from the one in the lock.
    writeFileSync(path.join(ws.cache, "lock"), `${process.pid} 1\n`);
    const built = await buildWiki(ws, offline);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(`took over the lock of an earlier build (pid ${process.pid})`);
  });

  it("respects the lock of a running process", async () => {
    const ws = workspace();
    mkdirSync(ws.cache, { recursive: true });
    const stat = readFileSync(`/proc/${process.pid}/stat`, "utf8");
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    writeFileSync(path.join(ws.cache, "lock"), `${process.pid} ${start}\n`);
    const built = await buildWiki(ws, offline);
    expect(built.code).toBe(5);
    expect(built.stderr).toMatch(/wiki: build stopped: another build/);
    expect(existsSync(ws.wiki)).toBe(false);
  });

  it("takes over the lock left by a killed build", async () => {
    const ws = workspace();
    const child = spawn(process.execPath, [wikiBin, "build", ws.root, ...ollamaAt(server.url)], {
      env: { ...process.env, ...fixedDate },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    expect(await waitFor(path.join(ws.cache, "lock"), 20_000)).toBe(true);
    child.kill("SIGKILL");
    await exited;
    expect(existsSync(path.join(ws.cache, "lock"))).toBe(true);

    const built = await buildWiki(ws, ollamaAt(server.url));
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(`took over the lock of an earlier build (pid ${child.pid})`);
  });
});

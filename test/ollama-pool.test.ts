import { afterEach, describe, expect, it } from "vitest";
import { noUsage, type Provider } from "@wiki/compiler";
import { createOllamaProvider } from "@wiki/providers";
import { HostPool } from "../packages/providers/src/pool/host-pool.js";
import { CallError } from "../packages/providers/src/pool/call-error.js";
import { HostState } from "../packages/providers/src/pool/host-state.js";
import {
  startFakeOllama,
  type FakeOllama,
  type FakeOllamaOptions,
} from "./fake-ollama/src/server.js";
import { contextOf, logLines, quick, serverChunk, settingsFor } from "./ollama-support.js";

const servers: FakeOllama[] = [];
const providers: Provider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const server = await startFakeOllama(options);
  servers.push(server);
  return server;
}

async function analyzeMany(provider: Provider, count: number) {
  const context = contextOf();
  return Promise.all(Array.from({ length: count }, () => provider.analyze(serverChunk, context)));
}

describe("host pool", () => {
  it("shares calls between two hosts within their slots", async () => {
    const first = await serve({ script: Array(12).fill({ delayMs: 60 }) });
    const second = await serve({ script: Array(12).fill({ delayMs: 60 }) });
    const provider = await createOllamaProvider(
      settingsFor([first.url, second.url], { concurrency: 2 }),
      () => {},
      quick,
    );
    providers.push(provider);
    const results = await analyzeMany(provider, 12);

    expect(results.every((result) => result.ok)).toBe(true);
    expect(first.stats.log).toHaveLength(6);
    expect(second.stats.log).toHaveLength(6);
    expect(first.stats.peakActive).toBe(2);
    expect(second.stats.peakActive).toBe(2);
  });

  it("moves the work of a failing host to the other", async () => {
    const failing = await serve({ faults: () => ({ status: 503 }) });
    const working = await serve();
    const { lines, log } = logLines();
    const provider = await createOllamaProvider(settingsFor([failing.url, working.url]), log, {
      ...quick,
      tuning: { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 2_000 },
    });
    providers.push(provider);
    const started = Date.now();
    const results = await analyzeMany(provider, 10);

    expect(results.every((result) => result.ok)).toBe(true);
    expect(working.stats.log).toHaveLength(10);
    expect(failing.stats.log.length).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(lines.some((line) => line.includes(`after ${failing.url} failed: 503`))).toBe(true);
  });

  it("moves the work of a host that went away", async () => {
    const leaving = await serve();
    const staying = await serve();
    const provider = await createOllamaProvider(
      settingsFor([leaving.url, staying.url]),
      () => {},
      quick,
    );
    providers.push(provider);
    await leaving.close();
    const results = await analyzeMany(provider, 6);

    expect(results.every((result) => result.ok)).toBe(true);
    expect(staying.stats.log).toHaveLength(6);
  });

  it("keeps every slot busy while calls wait", async () => {
    const server = await serve({ slots: 8, script: Array(9).fill({ delayMs: 100 }) });
    const provider = await createOllamaProvider(
      settingsFor([server.url], { concurrency: 3 }),
      () => {},
      quick,
    );
    providers.push(provider);
    const started = Date.now();
    await analyzeMany(provider, 9);
    const elapsed = Date.now() - started;

    expect(server.stats.peakActive).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(1_500);
  });

  it("rests a host after a failure with a jittered delay", async () => {
    const pool = new HostPool(
      ["h"],
      1,
      { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 },
      () => {},
      () => 0,
    );
    const usage = noUsage();
    const times: number[] = [];
    const value = await pool.run(new AbortController().signal, usage, async () => {
      times.push(Date.now());
      if (times.length < 3) throw new CallError("retry", "busy");
      return "done";
    });

    expect(value).toBe("done");
    expect(usage).toMatchObject({ calls: 3, retries: 2 });
    const [first = 0, second = 0, third = 0] = times;
    expect(second - first).toBeGreaterThanOrEqual(95);
    expect(third - second).toBeGreaterThanOrEqual(195);
  });

  it("ends calls cut by closing without a retry", async () => {
    const lines: string[] = [];
    const tuning = { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 40 };
    const pool = new HostPool(["h"], 1, tuning, (line) => lines.push(line));
    const usage = noUsage();
    const run = pool.run(new AbortController().signal, usage, async () => {
      pool.close();
      throw new CallError("retry", "ECONNRESET socket hang up");
    });

    await expect(run).rejects.toMatchObject({ kind: "aborted" });
    expect(usage).toMatchObject({ calls: 1, retries: 0 });
    expect(lines).toEqual([]);
  });

  it("does not retry a failure that is not transient", async () => {
    const pool = new HostPool(["h"], 1, { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 40 });
    const usage = noUsage();
    const run = pool.run(new AbortController().signal, usage, async () => {
      throw new CallError("fatal", "model not found");
    });
    await expect(run).rejects.toMatchObject({ kind: "fatal" });
    expect(usage.calls).toBe(1);
  });
});

describe("busy host", () => {
  it("gets fewer calls at a time after a full queue", async () => {
    const server = await serve({
      slots: 1,
      queueLimit: 0,
      script: Array(10).fill({ delayMs: 30 }),
    });
    const { lines, log } = logLines();
    const provider = await createOllamaProvider(
      settingsFor([server.url], { concurrency: 3 }),
      log,
      quick,
    );
    providers.push(provider);
    const results = await analyzeMany(provider, 10);

    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.stats.serviceUnavailable).toBeGreaterThan(0);
    expect(server.stats.serviceUnavailable).toBeLessThanOrEqual(4);
    expect(lines.some((line) => line.includes("is busy; lowering its calls in flight to 1"))).toBe(
      true,
    );
  });

  it("earns its slots back after successful calls", () => {
    const host = new HostState("h", 2);
    const timing = { baseDelayMs: 1, maxDelayMs: 1 };
    host.active = 2;
    expect(host.finish("busy", 0, timing, () => 0)).toContain("lowering its calls in flight to 1");
    expect(host.limit).toBe(1);
    const changes: (string | undefined)[] = [];
    for (let call = 0; call < 4; call += 1) {
      host.active += 1;
      changes.push(host.finish("success", 10, timing, () => 0));
    }
    expect(host.limit).toBe(2);
    expect(changes[3]).toContain("raising its calls in flight to 2");
  });
});

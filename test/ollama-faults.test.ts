import { afterEach, describe, expect, it } from "vitest";
import type { Provider } from "@wiki/compiler";
import { createOllamaProvider, type ModelSettings } from "@wiki/providers";
import { startFakeOllama, type FakeOllama, type Fault } from "./fake-ollama/src/server.js";
import {
  contextOf,
  logLines,
  quick,
  serverChunk,
  settingsFor,
  messageOf,
} from "./ollama-support.js";

const servers: FakeOllama[] = [];
const providers: Provider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function providerWith(
  script: Fault[],
  overrides: Partial<ModelSettings> = {},
  log: (line: string) => void = () => {},
) {
  const server = await startFakeOllama({ script });
  servers.push(server);
  const provider = await createOllamaProvider(settingsFor([server.url], overrides), log, quick);
  providers.push(provider);
  return { server, provider };
}

describe("ollama server faults", () => {
  it("retries a 503 burst and succeeds", async () => {
    const { lines, log } = logLines();
    const { server, provider } = await providerWith(
      [{ status: 503 }, { status: 503 }, { status: 503 }],
      {},
      log,
    );
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result.ok).toBe(true);
    expect(result.usage).toMatchObject({ calls: 4, retries: 3 });
    expect(server.stats.serviceUnavailable).toBe(3);
    const retries = lines.filter((line) => line.startsWith("retry"));
    expect(retries).toHaveLength(3);
    expect(retries[0]).toContain("503 server busy");
  });

  it("gives up after the bounded number of tries", async () => {
    const busy = Array.from({ length: 6 }, (): Fault => ({ status: 503 }));
    const { server, provider } = await providerWith(busy);
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result).toMatchObject({ ok: false, kind: "server", usage: { calls: 5, retries: 4 } });
    expect(messageOf(result)).toContain("503");
    expect(server.stats.log).toHaveLength(5);
  });

  it("retries a 500 and a reset connection", async () => {
    const { provider } = await providerWith([{ status: 500 }, { reset: true }]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result.ok).toBe(true);
    expect(result.usage.retries).toBe(2);
  });

  it("treats an error line inside a 200 stream as an error", async () => {
    const { lines, log } = logLines();
    const { provider } = await providerWith([{ streamError: "model runner stopped" }], {}, log);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result.ok).toBe(true);
    expect(result.usage.retries).toBe(1);
    expect(lines.join("\n")).toContain("error while generating: model runner stopped");
  });

  it("stops a call that hangs past the timeout", async () => {
    const { provider } = await providerWith([{ hang: true }], { timeoutMs: 300 });
    const started = Date.now();
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result).toMatchObject({ ok: false, kind: "server", usage: { calls: 1 } });
    expect(messageOf(result)).toContain("timed out after 300 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("waits for an answer slower than the old header limits", async () => {
    const { provider } = await providerWith([{ delayMs: 1_200 }], { timeoutMs: 5_000 });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result.ok).toBe(true);
  });

  it.each([
    ["done reason length", { doneReason: "length" }, "token limit"],
    ["prompt count at the ceiling", { promptEvalCount: 8192 }, "filled the context"],
    ["empty content", { empty: true }, "empty"],
  ] as const)("reports %s as truncated", async (_name, fault, words) => {
    const { provider } = await providerWith([fault]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "truncated", usage: { calls: 1 } });
    expect(messageOf(result)).toContain(words);
  });

  it("accepts a low prompt count from a cache hit", async () => {
    const { provider } = await providerWith([{ promptEvalCount: 3 }]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result.ok).toBe(true);
  });

  it("reports a prompt too long for the context without sending it", async () => {
    const { server, provider } = await providerWith([], { contextTokens: 4096 });
    const words = Array.from({ length: 300 }, (_, index) => `Word ${index} of a long line.`);
    const long = {
      ...serverChunk,
      text: Array.from({ length: 40 }, () => words.join(" ")).join("\n"),
    };
    const result = await provider.analyze(long, contextOf());

    expect(result).toMatchObject({ ok: false, kind: "truncated", usage: { calls: 0 } });
    expect(server.stats.log).toHaveLength(0);
  });

  it("stops the build with the pull command on a 404", async () => {
    const { provider } = await providerWith([{ status: 404 }]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "fatal", usage: { calls: 1, retries: 0 } });
    expect(messageOf(result)).toContain("ollama pull llama3.1:8b");
  });

  it("stops the build on a rejected request", async () => {
    const { provider } = await providerWith([{ status: 400, body: { error: "invalid format" } }]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "fatal" });
    expect(messageOf(result)).toContain("400: invalid format");
  });

  it("cancels a call in flight when the build is aborted", async () => {
    const { server, provider } = await providerWith([{ hang: true }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const result = await provider.analyze(serverChunk, contextOf(controller.signal));

    expect(result).toMatchObject({ ok: false, kind: "aborted" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.stats.log).toHaveLength(1);
  });

  it("cancels calls waiting for a slot when the build is aborted", async () => {
    const { server, provider } = await providerWith([{ hang: true }, { hang: true }], {
      concurrency: 2,
    });
    const controller = new AbortController();
    const context = contextOf(controller.signal);
    const calls = Array.from({ length: 5 }, () => provider.analyze(serverChunk, context));
    setTimeout(() => controller.abort(), 150);
    const results = await Promise.all(calls);

    expect(results.map((result) => !result.ok && result.kind)).toEqual(Array(5).fill("aborted"));
    expect(results.map((result) => result.usage.calls)).toEqual([1, 1, 0, 0, 0]);
    expect(server.stats.log).toHaveLength(2);
  });
});

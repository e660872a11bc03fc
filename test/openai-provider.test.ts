import { afterEach, describe, expect, it } from "vitest";
import type { Provider } from "@wiki/compiler";
import { createOpenAIProvider, type ModelSettings } from "@wiki/providers";
import {
  startFakeOllama,
  type FakeOllama,
  type FakeOllamaOptions,
} from "./fake-ollama/src/server.js";
import {
  candidate,
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

async function setUp(
  options: FakeOllamaOptions = {},
  overrides: Partial<ModelSettings> = {},
  log: (line: string) => void = () => {},
) {
  const server = await startFakeOllama(options);
  servers.push(server);
  const provider = await createOpenAIProvider(settingsFor([server.url], overrides), log, quick);
  providers.push(provider);
  return { server, provider };
}

describe("openai provider", () => {
  it("sends the schema inside response_format.json_schema", async () => {
    const { server, provider } = await setUp();
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result.ok).toBe(true);
    expect(result.usage.calls).toBe(1);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    const entry = server.stats.log[0];
    expect(entry?.endpoint).toBe("/v1/chat/completions");
    const format = entry?.format as {
      type: string;
      json_schema: { name: string; schema: Record<string, unknown> };
    };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("analyze");
    expect(format.json_schema.schema["required"]).toEqual(["entities", "claims", "relations"]);
    expect(entry?.options).toMatchObject({ temperature: 0, seed: 42 });
    expect(entry?.options["max_tokens"]).toBeGreaterThan(0);
  });

  it("runs all four steps", async () => {
    const { provider } = await setUp();
    const context = contextOf();
    const analysis = await provider.analyze(serverChunk, context);
    if (!analysis.ok) throw new Error(analysis.message);
    const prose = await provider.write(serverChunk, analysis.value, context);
    const verdict = await provider.confirm(candidate, context);
    const overview = await provider.overview(
      { members: [{ title: "serve", summary: "A command." }] },
      context,
    );
    expect(prose.ok).toBe(true);
    expect(verdict).toMatchObject({ ok: true, value: { verdict: "contradiction" } });
    expect(overview?.ok).toBe(true);
  });

  it("uses the context size of the settings", async () => {
    const { provider } = await setUp({}, { contextTokens: 16_000 });
    expect(provider.identity).toMatchObject({
      provider: "openai",
      options: "context=16000 seed=42 temperature=0",
    });
    expect(provider.chunkTokens).toBe(1500);
  });

  it("assumes a small context when the server reports none", async () => {
    const { lines, log } = logLines();
    const { provider } = await setUp({}, {}, log);
    expect(provider.identity.options).toContain("context=4096");
    expect(lines[0]).toContain("reports no context length");
  });

  it("reports a context overflow as truncated", async () => {
    const small = { models: [{ name: "llama3.1:8b", contextLength: 300 }] };
    const { provider } = await setUp(small, { contextTokens: 8192 });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "truncated", usage: { calls: 1 } });
    expect(messageOf(result)).toContain("exceeds the available context size");
  });

  it("reports finish reason length as truncated", async () => {
    const { provider } = await setUp({ script: [{ doneReason: "length" }] });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "truncated" });
  });

  it("retries a 503 and repairs a fenced answer", async () => {
    const fenced = '```json\n{"verdict": "Agreement", "reason": "same",}\n```';
    const { provider } = await setUp({ script: [{ status: 503 }, { content: fenced }] });
    const result = await provider.confirm(candidate, contextOf());
    expect(result).toMatchObject({
      ok: true,
      value: { verdict: "agreement" },
      usage: { calls: 2, retries: 1 },
    });
  });

  it("retries a 500 and a reset connection", async () => {
    const { provider } = await setUp({ script: [{ status: 500 }, { reset: true }] });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: true, usage: { calls: 3, retries: 2 } });
  });

  it("stops a call that hangs past the timeout", async () => {
    const { provider } = await setUp({ script: [{ hang: true }] }, { timeoutMs: 300 });
    const started = Date.now();
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result).toMatchObject({ ok: false, kind: "server", usage: { calls: 1 } });
    expect(messageOf(result)).toContain("timed out after 300 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("reports empty content as truncated", async () => {
    const { provider } = await setUp({ script: [{ empty: true }] });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "truncated", usage: { calls: 1 } });
    expect(messageOf(result)).toContain("the answer is empty");
  });

  it("retries once with the validation error shown to the model", async () => {
    const { server, provider } = await setUp({ script: [{ content: "The claims are fine." }] });
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result).toMatchObject({ ok: true, usage: { calls: 2, retries: 1 } });
    expect(server.stats.log).toHaveLength(2);
    expect(server.stats.log[1]?.endpoint).toBe("/v1/chat/completions");
  });

  it("stops at once on a model the server no longer has", async () => {
    const { provider } = await setUp({ script: [{ status: 404 }] });
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "fatal", usage: { calls: 1, retries: 0 } });
    expect(messageOf(result)).toContain("model llama3.1:8b was not found");
  });

  it("moves the work of a failing host to the other", async () => {
    const failing = await startFakeOllama({ faults: () => ({ status: 500 }) });
    const working = await startFakeOllama();
    servers.push(failing, working);
    const settings = settingsFor([failing.url, working.url], { concurrency: 1 });
    const provider = await createOpenAIProvider(settings, () => {}, quick);
    providers.push(provider);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => provider.analyze(serverChunk, contextOf())),
    );

    expect(results.every((result) => result.ok)).toBe(true);
    expect(working.stats.log.filter((entry) => entry.status === 200)).toHaveLength(6);
    expect(failing.stats.log.length).toBeGreaterThan(0);
    expect(failing.stats.log.length).toBeLessThan(6);
  });

  it("fails on a missing model with the models there", async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const creating = createOpenAIProvider(
      settingsFor([server.url], { model: "phi4" }),
      () => {},
      quick,
    );
    await expect(creating).rejects.toMatchObject({ code: "model-not-found" });
    await expect(creating).rejects.toThrow("models there: llama3.1:8b");
  });

  it("accepts a host written with /v1", async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const provider = await createOpenAIProvider(settingsFor([`${server.url}/v1`]), () => {}, quick);
    providers.push(provider);
    const result = await provider.confirm(candidate, contextOf());
    expect(result.ok).toBe(true);
  });
});

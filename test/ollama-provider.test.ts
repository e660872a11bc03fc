import { afterEach, describe, expect, it } from "vitest";
import type { Provider } from "@wiki/compiler";
import { createOllamaProvider } from "@wiki/providers";
import {
  startFakeOllama,
  type FakeOllama,
  type FakeOllamaOptions,
  type FakeRequest,
} from "./fake-ollama/src/server.js";
import {
  candidate,
  chunkOf,
  contextOf,
  logLines,
  quick,
  serverChunk,
  settingsFor,
  messageOf,
} from "./ollama-support.js";
import type { ModelSettings } from "@wiki/providers";

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

async function providerFor(
  hosts: string[],
  overrides: Partial<ModelSettings> = {},
  log: (line: string) => void = () => {},
): Promise<Provider> {
  const provider = await createOllamaProvider(settingsFor(hosts, overrides), log, quick);
  providers.push(provider);
  return provider;
}

/** Records the messages of every chat request the server receives. */
function recordRequests(): { requests: FakeRequest[]; faults: FakeOllamaOptions["faults"] } {
  const requests: FakeRequest[] = [];
  return {
    requests,
    faults: (request) => {
      requests.push(request);
      return undefined;
    },
  };
}

describe("ollama provider", () => {
  it("analyzes a chunk through the native chat endpoint", async () => {
    const server = await serve();
    const { lines, log } = logLines();
    const provider = await providerFor([server.url], {}, log);
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entities.map((entity) => entity.name)).toContain("serve");
    expect(result.usage).toMatchObject({ calls: 1, retries: 0 });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    const entry = server.stats.log[0];
    expect(entry?.endpoint).toBe("/api/chat");
    expect(entry?.options).toMatchObject({ num_ctx: 8192, temperature: 0, seed: 42 });
    expect(entry?.formatPresent).toBe(true);
    expect(lines.join("\n")).toContain("num_ctx 8192");
  });

  it("sends the step's json schema as format", async () => {
    const server = await serve();
    const provider = await providerFor([server.url]);
    await provider.confirm(candidate, contextOf());
    const format = server.stats.log[0]?.format as Record<string, unknown>;
    expect(format["type"]).toBe("object");
    expect(format["required"]).toEqual(["verdict", "reason"]);
  });

  it("sends think false only to thinking models", async () => {
    const thinking = await serve({ models: [{ name: "llama3.1:8b", thinking: true }] });
    const plain = await serve();
    const first = await providerFor([thinking.url]);
    const second = await providerFor([plain.url]);
    await first.analyze(serverChunk, contextOf());
    await second.analyze(serverChunk, contextOf());

    expect(thinking.stats.log[0]?.think).toBe(false);
    expect(plain.stats.log[0]?.think).toBeUndefined();
    expect(first.identity.options).toContain("think=false");
    expect(second.identity.options).not.toContain("think");
  });

  it("keeps num_ctx identical across calls and steps", async () => {
    const server = await serve();
    const provider = await providerFor([server.url]);
    const context = contextOf();
    const analysis = await provider.analyze(serverChunk, context);
    if (!analysis.ok) throw new Error(analysis.message);
    await provider.write(serverChunk, analysis.value, context);
    await provider.confirm(candidate, context);
    await provider.overview({ members: [{ title: "serve", summary: "A command." }] }, context);
    const long = chunkOf(
      Array.from({ length: 60 }, (_, index) => `Line ${index} sets \`key_${index}\`.`),
    );
    await provider.analyze(long, context);

    const sizes = server.stats.log.map((entry) => entry.options["num_ctx"]);
    expect(sizes).toHaveLength(5);
    expect(new Set(sizes)).toEqual(new Set([8192]));
  });

  it("caps the trained context at 8192 and honors a smaller model", async () => {
    const small = await serve({ models: [{ name: "llama3.1:8b", contextLength: 4096 }] });
    const large = await serve();
    const fromSmall = await providerFor([small.url]);
    const fromLarge = await providerFor([large.url]);
    const explicit = await providerFor([large.url], { contextTokens: 6000 });

    expect(fromSmall.chunkTokens).toBeLessThan(1500);
    expect(fromLarge.chunkTokens).toBe(1500);
    expect(fromSmall.identity.options).toContain("num_ctx=4096");
    expect(fromLarge.identity.options).toContain("num_ctx=8192");
    expect(explicit.identity.options).toContain("num_ctx=6000");
  });

  it("uses the smallest context of all hosts", async () => {
    const small = await serve({ models: [{ name: "llama3.1:8b", contextLength: 6144 }] });
    const large = await serve();
    const provider = await providerFor([large.url, small.url]);
    expect(provider.identity.options).toContain("num_ctx=6144");
  });

  it("rejects a context too small for the prompts", async () => {
    const server = await serve({ models: [{ name: "llama3.1:8b", contextLength: 2048 }] });
    const creating = createOllamaProvider(settingsFor([server.url]), () => {}, quick);
    await expect(creating).rejects.toMatchObject({ code: "context-too-small" });
    await expect(creating).rejects.toThrow(/set contextTokens to at least \d+/);
  });

  it("records the model digest in its identity", async () => {
    const digest = "a".repeat(64);
    const server = await serve({ models: [{ name: "llama3.1:8b", digest }] });
    const provider = await providerFor([server.url]);
    expect(provider.identity).toMatchObject({ provider: "ollama", model: "llama3.1:8b", digest });
  });

  it("renders the wire formats of write, confirm and overview", async () => {
    const recorder = recordRequests();
    const server = await serve({ faults: recorder.faults });
    const provider = await providerFor([server.url]);
    const context = contextOf();
    const analysis = await provider.analyze(serverChunk, context);
    if (!analysis.ok) throw new Error(analysis.message);
    const prose = await provider.write(serverChunk, analysis.value, context);
    const verdict = await provider.confirm(candidate, context);
    const overview = await provider.overview(
      { members: [{ title: 'The "serve" command', summary: "Starts the server." }] },
      context,
    );

    const [, write, confirm, members] = recorder.requests.map(
      (request) => request.messages[0]?.content ?? "",
    );
    expect(write).toContain(
      "<analysis>\nAlso named: Server; SERVER_HOST\n## serve\n" +
        "claim 0 (lines 2-2): The `serve` command starts the server on port 11434 by default.\n" +
        "</analysis>",
    );
    expect(write).toContain("[1-1] # Server");
    expect(write).not.toContain("[3-3]");
    expect(confirm).toContain('<claim side="1" source="a.md" lines="3-3" value="11434">');
    expect(confirm).toContain(
      '<claim side="2" source="b.md" lines="7-8" value="8080" conditions="version 2">',
    );
    expect(members).toContain(
      '<member title="The &quot;serve&quot; command">Starts the server.</member>',
    );
    expect(prose.ok).toBe(true);
    expect(verdict).toMatchObject({ ok: true, value: { verdict: "contradiction" } });
    expect(overview?.ok).toBe(true);
  });

  it("retries once with the validation error shown to the model", async () => {
    const recorder = recordRequests();
    const server = await serve({
      faults: (request, index) => {
        recorder.faults?.(request, index);
        return index === 0 ? { content: '{"verdict": "maybe"}' } : undefined;
      },
    });
    const { lines, log } = logLines();
    const provider = await providerFor([server.url], {}, log);
    const result = await provider.confirm(candidate, contextOf());

    expect(result.ok).toBe(true);
    expect(result.usage).toMatchObject({ calls: 2, retries: 1 });
    const retry = recorder.requests[1]?.messages ?? [];
    expect(retry.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(retry[1]?.content).toBe('{"verdict": "maybe"}');
    expect(retry[2]?.content).toContain("could not be used: verdict: Invalid option");
    expect(lines.some((line) => line.includes("asking once more"))).toBe(true);
  });

  it("reports an answer unusable twice as invalid naming the model", async () => {
    const server = await serve({ script: [{ content: "no idea" }, { content: "still no idea" }] });
    const provider = await providerFor([server.url]);
    const result = await provider.analyze(serverChunk, contextOf());
    expect(result).toMatchObject({ ok: false, kind: "invalid", usage: { calls: 2, retries: 1 } });
    expect(messageOf(result)).toContain("llama3.1:8b returned an unusable analyze answer twice");
    expect(messageOf(result)).toContain("docs/server.md lines 10-12");
    expect(messageOf(result)).toMatch(/choose another model with --model$/);
  });

  it("keeps the valid records of a partly valid answer and logs the rest", async () => {
    const content = JSON.stringify({
      entities: [
        { name: "serve", type: "tool", aliases: [], description: "", lines: [2, 2] },
        { type: "tool", lines: [3, 3] },
      ],
      claims: [],
      relations: [],
    });
    const server = await serve({ script: [{ content }] });
    const { lines, log } = logLines();
    const provider = await providerFor([server.url], {}, log);
    const result = await provider.analyze(serverChunk, contextOf());

    expect(result.ok && result.value.entities.map((entity) => entity.name)).toEqual(["serve"]);
    expect(result.usage.calls).toBe(1);
    expect(lines.some((line) => line.includes("dropped 1 entities"))).toBe(true);
  });
});

import { jsonSchemaOf, stepSchemas, type StepName } from "@wiki/compiler";
import { Ollama, type ChatResponse } from "ollama";
import { afterEach, describe, expect, it } from "vitest";
import {
  startFakeOllama,
  type FakeOllama,
  type FakeOllamaOptions,
} from "./fake-ollama/src/server.js";

const model = "llama3.1:8b";
const servers: FakeOllama[] = [];

async function start(
  options: FakeOllamaOptions = {},
): Promise<{ server: FakeOllama; client: Ollama }> {
  const server = await startFakeOllama(options);
  servers.push(server);
  return { server, client: new Ollama({ host: server.url }) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const user = (content: string) => [{ role: "user", content }];

const chunkPrompt = [
  "Analyze the lines below.",
  "[1-1] ## Server settings",
  "[2-2] The `OLLAMA_HOST` variable sets the address; the default is 127.0.0.1 port 11434.",
  "[3-3] Use `ollama serve` to start the server with `OLLAMA_HOST`.",
  "[4-4] Models must not exceed 8 GB on small GPUs.",
  "[5-6] Requests to `/api/chat` never block.",
].join("\n");

async function ask(client: Ollama, step: StepName, content: string): Promise<unknown> {
  const response = await client.chat({
    model,
    messages: user(content),
    format: jsonSchemaOf(step),
    stream: false,
  });
  return stepSchemas[step].parse(JSON.parse(response.message.content));
}

describe("fake ollama model endpoints", () => {
  it("reports version, tags and show", async () => {
    const { client } = await start({
      models: [
        { name: model, contextLength: 8192 },
        { name: "qwen3:8b", thinking: true },
      ],
    });
    expect((await client.version()).version).toBe("0.12.0");

    const tags = await client.list();
    expect(tags.models.map((entry) => entry.name)).toEqual([model, "qwen3:8b"]);
    expect(tags.models[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(tags.models[0]?.details.family).toBe("llama");

    const details = await client.show({ model });
    // The client types `model_info` as a Map, but the JSON body contains a plain object.
    const info = details.model_info as unknown as Record<string, unknown>;
    expect(info["llama.context_length"]).toBe(8192);
    expect(info["general.architecture"]).toBe("llama");
    expect(details.capabilities).toEqual(["completion"]);
    expect((await client.show({ model: "qwen3:8b" })).capabilities).toContain("thinking");
  });

  it("answers 404 for an unknown model", async () => {
    const { client } = await start();
    await expect(client.show({ model: "missing:1b" })).rejects.toMatchObject({
      status_code: 404,
      error: "model 'missing:1b' not found",
    });
    await expect(client.chat({ model: "missing:1b", messages: user("hi") })).rejects.toMatchObject({
      status_code: 404,
    });
  });

  it("lists models on /v1/models", async () => {
    const { server } = await start();
    const body = (await (await fetch(`${server.url}/v1/models`)).json()) as {
      data: { id: string }[];
    };
    expect(body.data.map((entry) => entry.id)).toEqual([model]);
  });
});

describe("fake ollama chat", () => {
  it("streams lines then a final line", async () => {
    const { client, server } = await start();
    const parts: ChatResponse[] = [];
    const stream = await client.chat({ model, messages: user("hello"), stream: true });
    for await (const part of stream) parts.push(part);

    const last = parts.at(-1);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.slice(0, -1).every((part) => !part.done)).toBe(true);
    expect(last?.done).toBe(true);
    expect(last?.done_reason).toBe("stop");
    expect(last?.prompt_eval_count).toBe(2);
    expect(last?.eval_count).toBeGreaterThan(0);
    expect(last?.total_duration).toBe(
      last!.load_duration + last!.prompt_eval_duration + last!.eval_duration,
    );
    expect(parts.map((part) => part.message.content).join("")).not.toBe("");
    expect(server.stats.log[0]?.stream).toBe(true);
  });

  it("streams by default without a stream field", async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model, messages: user("hello") }),
    });
    const lines = (await response.text()).trim().split("\n");
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.parse(lines.at(-1)!).done).toBe(true);
  });

  it("answers one object without stream", async () => {
    const { client } = await start();
    const response = await client.chat({ model, messages: user("hello"), stream: false });
    expect(response.done).toBe(true);
    expect(response.message.role).toBe("assistant");
    expect(response.message.content).not.toBe("");
    expect(response.eval_count).toBe(Math.ceil(response.message.content.length / 4));
  });

  it("rejects think on a model that cannot think", async () => {
    const { client } = await start();
    await expect(
      client.chat({ model, messages: user("hello"), think: true, stream: false }),
    ).rejects.toMatchObject({ status_code: 400, error: `"${model}" does not support thinking` });
  });

  it("sends thinking for a thinking model", async () => {
    const { client } = await start({ models: [{ name: "qwen3:8b", thinking: true }] });
    const response = await client.chat({
      model: "qwen3:8b",
      messages: user("hello"),
      think: true,
      stream: false,
    });
    expect(response.message.thinking).not.toBe("");
  });

  it("records think, format and options", async () => {
    const { client, server } = await start();
    const format = jsonSchemaOf("confirm");
    const options = { num_ctx: 8192, temperature: 0 };
    await client.chat({ model, messages: user("x"), format, options, think: false, stream: false });
    expect(server.stats.log[0]).toMatchObject({
      step: "confirm",
      think: false,
      formatPresent: true,
    });
    expect(server.stats.log[0]?.format).toEqual(format);
    expect(server.stats.log[0]?.options).toEqual(options);
    expect(server.stats.steps.confirm).toBe(1);
    expect(server.stats.requests["/api/chat"]).toBe(1);
  });
});

describe("fake ollama step answers", () => {
  it("analyzes chunk lines by rule", async () => {
    const { client, server } = await start();
    const analysis = stepSchemas.analyze.parse(await ask(client, "analyze", chunkPrompt));
    const types = Object.fromEntries(analysis.entities.map((entity) => [entity.name, entity.type]));
    expect(types).toEqual({
      "Server settings": "concept",
      OLLAMA_HOST: "setting",
      "ollama serve": "tool",
      "/api/chat": "interface",
    });
    expect(analysis.entities[1]?.lines).toEqual([2, 2]);

    const [host, size, chat] = analysis.claims;
    expect(analysis.claims).toHaveLength(3);
    expect(host).toMatchObject({
      subject: "OLLAMA_HOST",
      attribute: "default",
      polarity: "positive",
    });
    expect(host?.value).toBe("127.0.0.1 port");
    expect(size).toMatchObject({ subject: "Server settings", value: "8 GB", polarity: "negative" });
    expect(chat).toMatchObject({ subject: "/api/chat", lines: [5, 6], polarity: "negative" });
    expect(analysis.relations).toEqual([
      { from: "ollama serve", to: "OLLAMA_HOST", kind: "related" },
    ]);
    expect(server.stats.steps.analyze).toBe(1);
  });

  it("writes prose from the analysis", async () => {
    const { client } = await start();
    const analysis = stepSchemas.analyze.parse(await ask(client, "analyze", chunkPrompt));
    const subjects = analysis.entities
      .map((entity) => entity.name)
      .filter((name) => analysis.claims.some((claim) => claim.subject === name));
    const lines = subjects.flatMap((subject) => [
      `## ${subject}`,
      ...analysis.claims.flatMap((claim, index) =>
        claim.subject === subject
          ? [`claim ${index} (lines ${claim.lines[0]}-${claim.lines[1]}): ${claim.statement}`]
          : [],
      ),
    ]);
    const prompt = `Write.\n<analysis>\n${lines.join("\n")}\n</analysis>`;
    const prose = stepSchemas.write.parse(await ask(client, "write", prompt));
    const [first, second] = analysis.claims;
    expect(prose.summary).toBe(`${first?.statement} ${second?.statement}`);
    expect(prose.paragraphs.map((paragraph) => paragraph.entity)).toEqual([
      "Server settings",
      "OLLAMA_HOST",
      "/api/chat",
    ]);
    expect(prose.paragraphs[1]?.sentences).toEqual([{ text: first?.statement, claims: [0] }]);
  });

  it("confirms by comparing claim numbers", async () => {
    const { client } = await start();
    const claims = (a: string, b: string) =>
      `<claim source="a.md" value="${a}">x</claim>\n<claim source="b.md" value="${b}">y</claim>`;
    const differ = stepSchemas.confirm.parse(await ask(client, "confirm", claims("2048", "4096")));
    const agree = stepSchemas.confirm.parse(await ask(client, "confirm", claims("5 m", "5 min")));
    expect(differ.verdict).toBe("contradiction");
    expect(agree.verdict).toBe("agreement");
    expect(agree.reason).not.toBe("");
  });

  it("names the first three members in an overview", async () => {
    const { client } = await start();
    const titles = ["Install", "Serve", "Models", "GPUs"];
    const members = titles.map((title) => `<member title="${title}">text</member>`).join("\n");
    const overview = stepSchemas.overview.parse(await ask(client, "overview", members));
    expect(overview.overview).toBe("Pages about Install, Serve and Models.");
  });

  it("reads the step input before a retry message", async () => {
    const { client } = await start();
    const messages = [
      { role: "user", content: chunkPrompt },
      { role: "assistant", content: "{" },
      { role: "user", content: "The answer was invalid JSON. Answer again." },
    ];
    const format = jsonSchemaOf("analyze");
    const response = await client.chat({ model, messages, format, stream: false });
    const analysis = stepSchemas.analyze.parse(JSON.parse(response.message.content));
    expect(analysis.entities).toHaveLength(4);
    expect(analysis.claims).toHaveLength(3);
  });

  it("fits an empty prompt to each schema", async () => {
    const { client } = await start();
    for (const step of ["analyze", "write", "confirm", "overview"] as const) {
      await expect(ask(client, step, "no structure here")).resolves.toBeDefined();
    }
  });
});

describe("fake ollama context limits", () => {
  it("truncates a prompt longer than num_ctx", async () => {
    const { client, server } = await start();
    const response = await client.chat({
      model,
      messages: user("word ".repeat(200)),
      format: jsonSchemaOf("confirm"),
      options: { num_ctx: 64 },
      stream: false,
    });
    expect(response.prompt_eval_count).toBe(64);
    expect(response.message.content).toBe("");
    expect(response.done_reason).toBe("length");
    expect(server.stats.log[0]?.promptTokens).toBe(250);
  });

  it("uses 4096 tokens without num_ctx", async () => {
    const { client } = await start();
    const response = await client.chat({
      model,
      messages: user("a".repeat(20_000)),
      stream: false,
    });
    expect(response.prompt_eval_count).toBe(4096);
  });

  it("cuts an answer at num_predict", async () => {
    const { client } = await start();
    const response = await client.chat({
      model,
      messages: user(chunkPrompt),
      format: jsonSchemaOf("analyze"),
      options: { num_predict: 10 },
      stream: false,
    });
    expect(response.eval_count).toBe(10);
    expect(response.message.content).toHaveLength(40);
    expect(response.done_reason).toBe("length");
  });

  it("cuts an answer at the context left", async () => {
    const { client } = await start();
    const prompt = chunkPrompt.slice(0, 200).padEnd(4 * 60, " ");
    const response = await client.chat({
      model,
      messages: user(prompt),
      format: jsonSchemaOf("analyze"),
      options: { num_ctx: 70 },
      stream: true,
    });
    const parts: ChatResponse[] = [];
    for await (const part of response) parts.push(part);
    expect(parts.map((part) => part.message.content).join("")).toHaveLength(40);
    expect(parts.at(-1)?.done_reason).toBe("length");
  });
});

describe("fake ollama faults", () => {
  it("answers 503 when the queue is full", async () => {
    const { client, server } = await start({ slots: 1, queueLimit: 0, script: [{ delayMs: 300 }] });
    const slow = client.chat({ model, messages: user("first"), stream: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(
      client.chat({ model, messages: user("second"), stream: false }),
    ).rejects.toMatchObject({
      status_code: 503,
      error: "server busy, please try again.  maximum pending requests exceeded",
    });
    await expect(slow).resolves.toMatchObject({ done: true });
    expect(server.stats.serviceUnavailable).toBe(1);
    expect(server.stats.log.map((entry) => entry.status)).toEqual([200, 503]);
  });

  it("queues requests within the queue limit", async () => {
    const { client } = await start({ slots: 1, queueLimit: 1, script: [{ delayMs: 100 }] });
    const answers = await Promise.all([
      client.chat({ model, messages: user("first"), stream: false }),
      client.chat({ model, messages: user("second"), stream: false }),
    ]);
    expect(answers.map((answer) => answer.done)).toEqual([true, true]);
  });

  it("resets the socket", async () => {
    const { client } = await start({ script: [{ reset: true }] });
    await expect(client.chat({ model, messages: user("hi"), stream: false })).rejects.toThrow();
    const next = await client.chat({ model, messages: user("hi"), stream: false });
    expect(next.done).toBe(true);
  });

  it("ends a stream with an error line", async () => {
    const { client } = await start({ script: [{ streamError: "model runner crashed" }] });
    const stream = await client.chat({ model, messages: user("hello there"), stream: true });
    const consume = async () => {
      for await (const part of stream) expect(part.done).toBe(false);
    };
    await expect(consume()).rejects.toThrow("model runner crashed");
  });

  it("injects statuses and bodies", async () => {
    const { client } = await start({
      script: [{ status: 500 }, { status: 400, body: { error: "bad request body" } }],
    });
    await expect(client.chat({ model, messages: user("a"), stream: false })).rejects.toMatchObject({
      status_code: 500,
    });
    await expect(client.chat({ model, messages: user("b"), stream: false })).rejects.toMatchObject({
      status_code: 400,
      error: "bad request body",
    });
  });

  it("replays raw content and reported counts", async () => {
    const faults = (_request: unknown, index: number) =>
      index === 0
        ? { content: '{"entities": [', doneReason: "stop" as const, promptEvalCount: 7 }
        : { empty: true };
    const { client } = await start({ faults });
    const format = jsonSchemaOf("analyze");
    const raw = await client.chat({ model, messages: user(chunkPrompt), format, stream: false });
    expect(raw.message.content).toBe('{"entities": [');
    expect(raw.prompt_eval_count).toBe(7);
    const empty = await client.chat({ model, messages: user(chunkPrompt), format, stream: false });
    expect(empty.message.content).toBe("");
    expect(empty.eval_count).toBe(0);
  });

  it("hangs until the client aborts", async () => {
    const { server } = await start({ script: [{ hang: true }, { hang: true }] });
    const body = JSON.stringify({ model, messages: user("hi") });
    const post = (signal?: AbortSignal) =>
      fetch(`${server.url}/api/chat`, { method: "POST", body, signal });
    await expect(post(AbortSignal.timeout(100))).rejects.toThrow();
    const pending = post();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    await expect(pending).rejects.toThrow();
  });
});

describe("fake ollama slots and stats", () => {
  it("serves slots in parallel and measures them", async () => {
    const { client, server } = await start({ slots: 2, timeScale: 0.2 });
    const started = performance.now();
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => client.chat({ model, messages: user("hello"), stream: false })),
    );
    const elapsed = performance.now() - started;
    const simulated = answers[0]!.total_duration;

    expect(server.stats.peakActive).toBe(2);
    expect(server.stats.simulatedBusyNs).toBe(4 * simulated);
    expect(elapsed).toBeGreaterThanOrEqual((2 * simulated * 0.2) / 1e6 - 5);
    expect(server.stats.slotBusyMs).toHaveLength(2);
    for (const busy of server.stats.slotBusyMs) {
      expect(busy).toBeGreaterThanOrEqual((2 * simulated * 0.2) / 1e6 - 5);
    }
    expect(server.stats.requests["/api/chat"]).toBe(4);
    expect(server.stats.steps.other).toBe(4);
  });

  it("frees the slot when a client aborts", async () => {
    const { client, server } = await start({ slots: 1, timeScale: 1, generateTokensPerSecond: 10 });
    const stream = await client.chat({ model, messages: user("hello"), stream: true });
    const first = await stream[Symbol.asyncIterator]().next();
    expect(first.value?.done).toBe(false);
    stream.abort();

    const next = await client.chat({
      model,
      messages: user("x"),
      options: { num_predict: 1 },
      stream: false,
    });
    expect(next.done).toBe(true);
    expect(server.stats.peakActive).toBe(1);
    expect(server.stats.slotBusyMs[0]).toBeLessThan(1000);
  });
});

describe("fake openai-compatible chat", () => {
  const completions = async (url: string, body: Record<string, unknown>) =>
    fetch(`${url}/v1/chat/completions`, { method: "POST", body: JSON.stringify(body) });
  const responseFormat = (step: StepName) => ({
    type: "json_schema",
    json_schema: { name: step, schema: jsonSchemaOf(step) },
  });

  it("answers a json_schema response_format with usage", async () => {
    const { server } = await start();
    const response = await completions(server.url, {
      model,
      messages: user(chunkPrompt),
      response_format: responseFormat("analyze"),
    });
    const body = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const content = body.choices[0]?.message.content ?? "";
    expect(stepSchemas.analyze.parse(JSON.parse(content)).entities).toHaveLength(4);
    expect(body.choices[0]?.finish_reason).toBe("stop");
    expect(body.usage.prompt_tokens).toBe(Math.ceil(chunkPrompt.length / 4));
    expect(body.usage.completion_tokens).toBe(Math.ceil(content.length / 4));
    expect(server.stats.steps.analyze).toBe(1);
  });

  it("streams server-sent events", async () => {
    const { server } = await start();
    const response = await completions(server.url, {
      model,
      messages: user("hello"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const events = (await response.text())
      .split("\n\n")
      .filter((event) => event.startsWith("data: "))
      .map((event) => event.slice("data: ".length));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("The fake model server read the request.");
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1).usage.completion_tokens).toBe(Math.ceil(text.length / 4));
  });

  it("rejects a prompt longer than the context", async () => {
    const { server } = await start({ models: [{ name: model, contextLength: 100 }] });
    const response = await completions(server.url, { model, messages: user("a".repeat(800)) });
    const body = (await response.json()) as { error: { type: string; n_ctx: number } };
    expect(response.status).toBe(400);
    expect(body.error.type).toBe("exceed_context_size_error");
    expect(body.error.n_ctx).toBe(100);
  });

  it("ends for length at max_tokens", async () => {
    const { server } = await start();
    const response = await completions(server.url, { model, messages: user("hi"), max_tokens: 3 });
    const body = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
    };
    expect(body.choices[0]?.message.content).toHaveLength(12);
    expect(body.choices[0]?.finish_reason).toBe("length");
  });

  it("shares the fault script with /api/chat", async () => {
    const { server } = await start({ script: [{ status: 503 }] });
    const response = await completions(server.url, { model, messages: user("hi") });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /busy/,
    );
  });
});

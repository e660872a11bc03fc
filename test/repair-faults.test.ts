/**
 * The fault corpus: model output shaped like what small local models send. Each case ends in a
 * repaired answer or a reported failure, both from the parser alone and through each chat
 * provider talking to the loopback server.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analysis, Provider, StepName, StepResult } from "@wiki/compiler";
import { createOllamaProvider, createOpenAIProvider, repairAnswer } from "@wiki/providers";
import { startFakeOllama, type FakeOllama, type Fault } from "./fake-ollama/src/server.js";
import { candidate, contextOf, quick, serverChunk, settingsFor } from "./ollama-support.js";

interface FaultCase {
  file: string;
  expect: "ok" | "invalid" | "truncated";
  counts?: Record<string, number>;
  fields?: Record<string, string>;
  dropped?: number;
  repairs?: string[];
  /** Start of the parser's error message. */
  error?: string;
}

const cases = JSON.parse(readFileSync("test/faults/cases.json", "utf8")) as FaultCase[];
const contentOf = (item: FaultCase) => readFileSync(`test/faults/${item.file}`, "utf8");
const stepOf = (item: FaultCase) => item.file.split("/")[0] as StepName;

const analysis: Analysis = {
  entities: [
    { name: "serve", type: "tool", aliases: [], description: "Starts the server.", lines: [2, 2] },
  ],
  claims: [
    {
      subject: "serve",
      statement: "The serve command uses port 11434 by default.",
      attribute: "default port",
      value: "11434",
      conditions: [],
      polarity: "positive",
      stance: "asserts",
      lines: [2, 2],
    },
    {
      subject: "SERVER_HOST",
      statement: "SERVER_HOST changes the address.",
      attribute: "",
      value: "",
      conditions: [],
      polarity: "positive",
      stance: "asserts",
      lines: [3, 3],
    },
  ],
  relations: [],
};

function countsOf(value: object): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, item] of Object.entries(value))
    if (Array.isArray(item)) counts[key] = item.length;
  return counts;
}

describe("fault corpus", () => {
  it("holds at least 40 answers", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((item) => [item.file, item] as const))("parser handles %s", (_file, item) => {
    const result = repairAnswer(stepOf(item), contentOf(item), { lineCount: 3, claimCount: 2 });
    if (item.expect !== "ok") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.startsWith(item.error ?? "")).toBe(true);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(countsOf(result.value)).toEqual(item.counts);
    expect(result.value).toMatchObject(item.fields ?? {});
    expect(result.droppedCount).toBe(item.dropped);
    expect(result.repairs).toEqual(item.repairs);
  });
});

const createProvider = { ollama: createOllamaProvider, openai: createOpenAIProvider };

describe.each(["ollama", "openai"] as const)("fault corpus through the %s provider", (kind) => {
  let server: FakeOllama;
  let provider: Provider;
  let fault: Fault | undefined;

  beforeAll(async () => {
    server = await startFakeOllama({ faults: () => fault });
    provider = await createProvider[kind](settingsFor([server.url]), () => {}, quick);
  });
  afterAll(async () => {
    await provider.close();
    await server.close();
  });

  function call(step: StepName): Promise<StepResult<unknown> | null> {
    const context = contextOf();
    if (step === "analyze") return provider.analyze(serverChunk, context);
    if (step === "write") return provider.write(serverChunk, analysis, context);
    if (step === "confirm") return provider.confirm(candidate, context);
    return provider.overview({ members: [{ title: "serve", summary: "A command." }] }, context);
  }

  it.each(cases.map((item) => [item.file, item] as const))(
    "provider ends %s",
    async (_file, item) => {
      const content = contentOf(item);
      fault = content.trim() === "" ? { empty: true } : { content };
      const result = await call(stepOf(item));
      fault = undefined;

      expect(result).not.toBeNull();
      if (result === null) return;
      if (item.expect === "ok") {
        expect(result.ok).toBe(true);
        if (result.ok) expect(countsOf(result.value as object)).toEqual(item.counts);
        expect(result.usage.calls).toBe(1);
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.kind).toBe(item.expect);
      if (item.expect === "invalid") {
        expect(result.message).toContain("llama3.1:8b");
        expect(result.usage.calls).toBe(2);
        expect(result.usage.retries).toBe(1);
      }
    },
  );
});

/** Shared inputs of the provider tests: a chunk, a step context and quick settings. */
import {
  defaultEntityTypes,
  defaultPrompts,
  type Chunk,
  type ContradictionCandidate,
  type SourcePath,
  type StepContext,
} from "@wiki/compiler";
import type { ModelSettings, ProviderOptions } from "@wiki/providers";

/** Builds a chunk whose lines are `[n-n] text`, as the compiler renders them. */
export function chunkOf(lines: string[], source = "docs/server.md"): Chunk {
  const text = lines.map((line, index) => `[${index + 1}-${index + 1}] ${line}`).join("\n");
  return {
    source: source as SourcePath,
    lines: [10, 10 + lines.length - 1],
    headings: [],
    blocks: [],
    text,
    lineCount: lines.length,
    tokens: Math.ceil(text.length / 4),
    key: `key-${text.length}`,
  };
}

export const serverChunk = chunkOf([
  "# Server",
  "The `serve` command starts the server on port 11434 by default.",
  "Set `SERVER_HOST` to change the address.",
]);

export function contextOf(signal: AbortSignal = new AbortController().signal): StepContext {
  return {
    signal,
    entityTypes: defaultEntityTypes,
    language: "English",
    prompts: { ...defaultPrompts },
  };
}

export const candidate: ContradictionCandidate = {
  subject: "server",
  attribute: "default port",
  sides: [
    {
      source: "a.md" as SourcePath,
      lines: [3, 3],
      statement: "The server listens on port 11434.",
      value: "11434",
      conditions: [],
      excerpt: "The server listens on port 11434.",
    },
    {
      source: "b.md" as SourcePath,
      lines: [7, 8],
      statement: "The server listens on port 8080.",
      value: "8080",
      conditions: ["version 2"],
      excerpt: "Since version 2 the server listens on port 8080.",
    },
  ],
};

export function settingsFor(
  hosts: string[],
  overrides: Partial<ModelSettings> = {},
): ModelSettings {
  return {
    hosts,
    model: "llama3.1:8b",
    contextTokens: 0,
    chunkTokens: 1500,
    concurrency: 2,
    timeoutMs: 10_000,
    ...overrides,
  };
}

/** Short rests, so retries take milliseconds. */
export const quick: ProviderOptions = {
  tuning: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 40 },
  inspectTimeoutMs: 5_000,
};

/** Collects log lines. */
export function logLines(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

/** Returns the failure message of a step result, or "ok" for a success. */
export function messageOf(result: { ok: true } | { ok: false; message: string } | null): string {
  if (result === null) return "null";
  return result.ok ? "ok" : result.message;
}

/** Returns the reason of a failed probe, or "ok" for a success. */
export function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? "ok" : result.reason;
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createOllamaProvider } from "@wiki/providers";
import { defaultPrompts, requiredPlaceholders } from "@wiki/compiler";
import {
  answerLimit,
  chooseContextTokens,
  fitChunkTokens,
  minimumContextTokens,
} from "../packages/providers/src/prompt/budget.js";
import {
  fillTemplate,
  renderClaims,
  renderMembers,
} from "../packages/providers/src/prompt/render.js";
import { countTokens } from "../packages/providers/src/prompt/tokens.js";
import { startFakeOllama } from "./fake-ollama/src/server.js";
import {
  candidate,
  contextOf,
  quick,
  serverChunk,
  settingsFor,
  messageOf,
} from "./ollama-support.js";

const steps = ["analyze", "write", "confirm", "overview"] as const;
const placeholdersOf = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? "").sort();

describe("default prompts", () => {
  it.each(steps)("matches schema/prompts/%s.md", (step) => {
    expect(defaultPrompts[step]).toBe(readFileSync(`schema/prompts/${step}.md`, "utf8"));
  });

  it.each(steps)("uses only the placeholders of %s", (step) => {
    const used = new Set(placeholdersOf(defaultPrompts[step]));
    for (const name of requiredPlaceholders[step]) expect(used.has(name)).toBe(true);
    const allowed = new Set([...requiredPlaceholders[step], "language"]);
    expect([...used].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it("states the rules the steps rely on", () => {
    for (const step of ["analyze", "write", "overview"] as const) {
      expect(defaultPrompts[step]).toContain("exactly as written");
      expect(defaultPrompts[step]).toContain("in its own language");
      expect(defaultPrompts[step]).toContain("in {{language}}");
    }
    for (const step of steps) expect(defaultPrompts[step]).toContain("outside knowledge");
    expect(defaultPrompts.analyze).toContain(
      "Line numbers count from 1 at the first line of this part",
    );
    expect(defaultPrompts.confirm).toContain("Compare only the two claims below");
    expect(defaultPrompts.confirm).toContain(
      "`different-conditions` when the sources tie the values to different conditions",
    );
  });

  it("names no particular product or server", () => {
    const all = steps
      .map((step) => defaultPrompts[step])
      .join("\n")
      .toLowerCase();
    for (const word of ["ollama", "num_ctx", "context window", "llama", "gguf"]) {
      expect(all).not.toContain(word);
    }
  });
});

describe("prompt rendering", () => {
  it("fills placeholders once, leaving braces inside values alone", () => {
    const text = fillTemplate(
      "analyze",
      "A {{chunk}} B {{ language }} C {{unknown}}",
      {
        chunk: "shows {{language}} and $& as written",
        language: "Deutsch",
      },
      ["chunk"],
    );
    expect(text).toBe("A shows {{language}} and $& as written B Deutsch C {{unknown}}");
  });

  it("raises when a required placeholder is missing", () => {
    expect(() => fillTemplate("write", "no slots", {}, ["analysis"])).toThrow(
      "the write prompt has no {{analysis}} placeholder",
    );
  });

  it("escapes claim attributes and element ends", () => {
    const tricky = structuredClone(candidate);
    tricky.sides[0].value = 'a "quoted" <value> & more';
    tricky.sides[0].excerpt = "ends early </claim> here";
    const rendered = renderClaims(tricky);
    expect(rendered).toContain('value="a &quot;quoted&quot; &lt;value&gt; &amp; more"');
    expect(rendered).toContain("ends early &lt;/claim> here");
    expect(rendered.match(/<\/claim>/g)).toHaveLength(2);
    expect(rendered.startsWith("Subject: server\nAttribute: default port")).toBe(true);
  });

  it("renders one member element per page", () => {
    const rendered = renderMembers({
      members: [
        { title: "A & B", summary: "x" },
        { title: "C", summary: "y" },
      ],
    });
    expect(rendered).toBe('<member title="A &amp; B">x</member>\n<member title="C">y</member>');
  });

  it("counts special tokens in documents as text", () => {
    expect(countTokens("a <|endoftext|> b")).toBeGreaterThan(3);
  });

  it("returns a fatal result for a prompt without its placeholder", async () => {
    const server = await startFakeOllama();
    const provider = await createOllamaProvider(settingsFor([server.url]), () => {}, quick);
    const context = contextOf();
    context.prompts.analyze = "List entities of {{entity_types}}.";
    const result = await provider.analyze(serverChunk, context);
    await provider.close();
    await server.close();
    expect(result).toMatchObject({ ok: false, kind: "fatal", usage: { calls: 0 } });
    expect(messageOf(result)).toContain("no {{chunk}} placeholder");
  });
});

describe("token budget", () => {
  it("keeps the requested chunk size when the context fits it", () => {
    expect(fitChunkTokens(8192, 1500)).toBe(1500);
  });

  it("shrinks chunks for a smaller context", () => {
    const size = fitChunkTokens(4096, 1500);
    expect(size).toBeLessThan(1500);
    expect(size * 3 + 1200 + 256 + 410).toBeLessThanOrEqual(4096);
  });

  it("rejects a context that fits no useful chunk", () => {
    expect(() => fitChunkTokens(2048, 1500)).toThrow(`at least ${minimumContextTokens()}`);
    expect(fitChunkTokens(minimumContextTokens(), 1500)).toBeGreaterThanOrEqual(200);
  });

  it("limits short answers and leaves the rest for long ones", () => {
    expect(answerLimit("confirm", 1000, 8192)).toBe(512);
    expect(answerLimit("analyze", 1000, 8192)).toBe(8192 - 1000 - 820);
    expect(answerLimit("analyze", 7500, 8192)).toBeUndefined();
  });

  it("chooses one context size from settings and the model", () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    expect(chooseContextTokens(0, 131072, log)).toBe(8192);
    expect(chooseContextTokens(0, 4096, log)).toBe(4096);
    expect(chooseContextTokens(16384, 131072, log)).toBe(16384);
    expect(chooseContextTokens(16384, 8192, log)).toBe(8192);
    expect(chooseContextTokens(0, undefined, log)).toBe(4096);
    expect(lines).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { ClaimSide } from "../packages/compiler/src/provider.js";
import type { Chunk, Source, SourcePath } from "../packages/compiler/src/types.js";
import { createOfflineProvider } from "../packages/providers/src/offline/index.js";
import { stepContext } from "./offline-corpus.js";

const text = `# Queue

The queue is a buffer that holds jobs until a worker takes them. It keeps jobs in order.

- \`QUEUE_LIMIT\` - The most jobs the queue holds. The default is 100.
`;

function chunkOf(markdown: string): Chunk {
  const source: Source = {
    path: "queue.md" as SourcePath,
    sha256: "",
    text: markdown,
    lineCount: markdown.split("\n").length,
    format: "md",
  };
  return chunkSource(parseSource(source), chunkSettings(1500))[0]!;
}

function side(value: string): ClaimSide {
  return {
    source: "a.md" as SourcePath,
    lines: [1, 1],
    statement: "",
    value,
    conditions: [],
    excerpt: "",
  };
}

describe("offline provider", () => {
  const provider = createOfflineProvider();

  it("names itself and its chunk size", () => {
    expect(provider.identity).toEqual({
      provider: "offline",
      model: "offline-extractor",
      digest: "",
      options: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(provider.chunkTokens).toBe(1500);
  });

  it("analyzes without model calls", async () => {
    const result = await provider.analyze(chunkOf(text), stepContext);
    expect(result.usage.calls).toBe(0);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.claims.length).toBeGreaterThan(0);
  });

  it("writes only sentences of the source", async () => {
    const chunk = chunkOf(text);
    const analysis = await provider.analyze(chunk, stepContext);
    if (!analysis.ok) throw new Error(analysis.message);
    const prose = await provider.write(chunk, analysis.value, stepContext);
    if (!prose.ok) throw new Error(prose.message);
    expect(prose.value.summary).toBe(
      "The queue is a buffer that holds jobs until a worker takes them. It keeps jobs in order.",
    );
    for (const paragraph of prose.value.paragraphs) {
      for (const sentence of paragraph.sentences) {
        expect(text.replace(/`/g, "")).toContain(sentence.text.replace(/`/g, ""));
        for (const index of sentence.claims) {
          expect(analysis.value.claims[index]?.statement).toBe(sentence.text);
          expect(analysis.value.claims[index]?.subject).toBe(paragraph.entity);
        }
      }
    }
  });

  it("cites every claim once", async () => {
    const chunk = chunkOf(text);
    const analysis = await provider.analyze(chunk, stepContext);
    if (!analysis.ok) throw new Error(analysis.message);
    const prose = await provider.write(chunk, analysis.value, stepContext);
    if (!prose.ok) throw new Error(prose.message);
    const cited = prose.value.paragraphs.flatMap((one) => one.sentences.flatMap((s) => s.claims));
    expect(cited.sort((a, b) => a - b)).toEqual(analysis.value.claims.map((_, i) => i));
  });

  it("confirms by rule", async () => {
    const same = await provider.confirm(
      { subject: "queue", attribute: "default", sides: [side("4k"), side("4096")] },
      stepContext,
    );
    if (!same.ok) throw new Error(same.message);
    expect(same.value.verdict).toBe("agreement");
    const differ = await provider.confirm(
      { subject: "queue", attribute: "default", sides: [side("100"), side("200")] },
      stepContext,
    );
    if (!differ.ok) throw new Error(differ.message);
    expect(differ.value.verdict).toBe("contradiction");
  });

  it("writes no overview", async () => {
    expect(await provider.overview({ members: [] }, stepContext)).toBeNull();
  });

  it("reads an empty chunk as empty", async () => {
    const result = await provider.analyze(chunkOf("# Title\n"), stepContext);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.claims).toEqual([]);
  });
});

/**
 * chunk: cuts a source at headings into parts that fit the budget. A section larger than the
 * budget is cut between blocks, and a paragraph larger than the budget between sentences. Lines
 * inside a chunk are relative to it, so a section that moves keeps its chunk key.
 */
import { describe, expect, it } from "vitest";
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { Chunk, Source, SourcePath } from "../packages/compiler/src/types.js";

const sentence = "Widgets keep their state in the store and share it with every team.";

function section(title: string, paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, () => `${sentence} ${sentence}`);
  return [`## ${title}`, "", ...body.flatMap((text) => [text, ""])].join("\n");
}

function chunksOf(text: string, maxTokens: number): Chunk[] {
  const source: Source = {
    path: "guide.md" as SourcePath,
    sha256: "",
    text,
    lineCount: text.split("\n").length - 1,
    format: "md",
  };
  return chunkSource(parseSource(source), chunkSettings(maxTokens));
}

describe("chunk", () => {
  it("ends chunks at headings", () => {
    const text = ["# Guide", "", ...["A", "B", "C", "D", "E", "F"].map((t) => section(t, 2))];
    const chunks = chunksOf(text.join("\n"), 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks.slice(1)) expect(chunk.blocks[0]!.kind).toBe("heading");
  });

  it("joins small sections up to the budget", () => {
    const chunks = chunksOf(["A", "B", "C", "D"].map((t) => section(t, 1)).join("\n"), 1500);
    expect(chunks).toHaveLength(1);
  });

  it("cuts a long section between paragraphs", () => {
    const chunks = chunksOf(section("Long", 12), 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(
        chunk.blocks.every(
          (block) => block.text === `${sentence} ${sentence}` || block.kind === "heading",
        ),
      ).toBe(true);
      expect(chunk.tokens).toBeLessThanOrEqual(200);
    }
  });

  it("fits a long list of short items", () => {
    const items = Array.from({ length: 2000 }, (_, i) => `- item ${i}`);
    const chunks = chunksOf(`# Items\n\n${items.join("\n")}\n`, 1500);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(1500);
  });

  it("cuts a long paragraph between sentences", () => {
    const paragraph = Array.from({ length: 30 }, () => sentence).join(" ");
    const chunks = chunksOf(`# One\n\n${paragraph}\n`, 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      const last = chunk.blocks[chunk.blocks.length - 1]!;
      expect(last.text.endsWith(".")).toBe(true);
      expect(chunk.lines).toEqual(chunk === chunks[0] ? [1, 3] : [3, 3]);
    }
  });

  it("gives block lines relative to the chunk", () => {
    const text = ["# Guide", "", ...["A", "B", "C", "D", "E", "F"].map((t) => section(t, 2))];
    const chunks = chunksOf(text.join("\n"), 200);
    const second = chunks[1]!;
    expect(second.lines[0]).toBeGreaterThan(1);
    expect(second.blocks[0]!.lines[0]).toBe(1);
    expect(second.text.startsWith("[1-1] ## ")).toBe(true);
  });

  it("keeps the key of a section that moves down", () => {
    const tail = ["B", "C"].map((t) => section(t, 6)).join("\n");
    const before = chunksOf(`${section("A", 6)}\n${tail}`, 200);
    const after = chunksOf(`${section("A", 6)}\nOne more paragraph above.\n\n${tail}`, 200);
    const last = (chunks: Chunk[]) => chunks[chunks.length - 1]!;
    expect(last(after).lines[0]).toBe(last(before).lines[0] + 2);
    expect(last(after).key).toBe(last(before).key);
  });
});

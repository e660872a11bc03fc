import { describe, expect, it } from "vitest";
import { defaultEntityTypes, type Analysis, type Chunk } from "@wiki/compiler";
import { resolveIdentity, type ChunkAnalysis } from "../packages/compiler/src/resolve/identity.js";
import { cleanName, nameKey } from "../packages/compiler/src/resolve/names.js";

function chunkWith(
  entities: { name: string; aliases?: string[]; description?: string }[],
): ChunkAnalysis {
  const analysis: Analysis = {
    entities: entities.map((entity) => ({
      name: entity.name,
      type: "concept",
      aliases: entity.aliases ?? [],
      description: entity.description ?? "",
      lines: [1, 1],
    })),
    claims: [],
    relations: [],
  };
  const chunk = { source: "a.md", lines: [1, 1], lineCount: 1, blocks: [] } as unknown as Chunk;
  return { chunk, analysis };
}

function pages(...names: { name: string; aliases?: string[] }[][]): string[][] {
  const identity = resolveIdentity(names.map(chunkWith), defaultEntityTypes);
  return [...identity.things.values()].map((thing) => [thing.name, ...thing.aliases].sort());
}

describe("identity", () => {
  it("merges spellings that differ in case, quotes, space and unicode form", () => {
    expect(
      pages([{ name: "GPU" }, { name: "gpu" }, { name: '"GPU "' }, { name: "ＧＰＵ" }]),
    ).toHaveLength(1);
  });

  it("merges a plural with the singular the sources use", () => {
    expect(pages([{ name: "API key" }, { name: "API keys" }])).toHaveLength(1);
    expect(pages([{ name: "GPU" }, { name: "GPUs" }])).toHaveLength(1);
    expect(pages([{ name: "cache" }, { name: "caches" }])).toHaveLength(1);
  });

  it("never folds the s of a proper name", () => {
    expect(pages([{ name: "Windows" }, { name: "Window" }])).toHaveLength(2);
    expect(pages([{ name: "Kubernetes" }, { name: "Kubernete" }])).toHaveLength(2);
    expect(pages([{ name: "macOS" }, { name: "macO" }])).toHaveLength(2);
  });

  it("keeps enumerated names apart", () => {
    expect(pages([{ name: "step-2" }, { name: "step-3" }])).toHaveLength(2);
  });

  it("keeps case variants apart when the sources expand them differently", () => {
    const result = pages([
      { name: "Cr", aliases: ["chromium"] },
      { name: "CR", aliases: ["caloric restriction"] },
    ]);
    expect(result.filter((names) => names.includes("Cr") || names.includes("CR"))).toHaveLength(2);
  });

  it("merges the aliases a source gives", () => {
    expect(
      pages([{ name: "command line interface", aliases: ["CLI"] }, { name: "cli" }]),
    ).toHaveLength(1);
  });

  it("keeps an acronym apart from a different expansion", () => {
    expect(
      pages([{ name: "CR", aliases: ["code review"] }, { name: "change request" }]),
    ).toHaveLength(2);
  });
});

describe("identity synonyms", () => {
  it("merges an acronym with the words it abbreviates in one chunk", () => {
    expect(pages([{ name: "DCO" }, { name: "Developer Certificate of Origin" }])).toHaveLength(1);
    expect(pages([{ name: "PR" }, { name: "pull request" }])).toHaveLength(1);
  });

  it("keeps an acronym apart from words in another chunk", () => {
    expect(pages([{ name: "PR" }], [{ name: "pull request" }])).toHaveLength(2);
  });

  it("merges names of one measure", () => {
    expect(
      pages([
        { name: "context size" },
        { name: "context length" },
        { name: "context window" },
        { name: "context window size" },
      ]),
    ).toHaveLength(1);
    expect(pages([{ name: "context" }, { name: "context length" }])).toHaveLength(2);
  });
});

describe("clean names", () => {
  it.each([
    ["(GPU)", "GPU"],
    ['"`run_step()`".', "run_step()"],
    ["macOS (Apple Silicon)", "macOS (Apple Silicon)"],
    ["macOS (Apple Silicon", "macOS (Apple Silicon"],
    ["Apple Silicon)", "Apple Silicon"],
    ["[step-2]", "step-2"],
    ["<model>", "model"],
    ["f(x)", "f(x)"],
    ["  the   cache  ", "the cache"],
    ["`run_step`", "run_step"],
    ["``run``", "run"],
    ["Basic `Makefile`", "Basic `Makefile`"],
    ["`/v1/items` with images", "`/v1/items` with images"],
    ["`Basic Makefile", "Basic Makefile"],
    ["Basic Makefile`", "Basic Makefile"],
  ])("cleans %s to %s", (name, clean) => {
    expect(cleanName(name)).toBe(clean);
  });

  it("keys a code span like plain text", () => {
    expect(nameKey("Basic `Makefile`")).toBe(nameKey("basic Makefile"));
  });

  it("keys a call like its name", () => {
    expect(nameKey("run_step()")).toBe(nameKey("run_step"));
  });

  it("keeps a call with arguments apart", () => {
    expect(nameKey("f(x)")).not.toBe(nameKey("f"));
  });

  it("gives a call and its name one page", () => {
    expect(pages([{ name: "run_step()" }], [{ name: "run_step" }])).toHaveLength(1);
  });
});

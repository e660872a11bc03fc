import { describe, expect, it } from "vitest";
import { defaultEntityTypes, type Analysis, type Chunk } from "@wiki/compiler";
import { resolveIdentity, type ChunkAnalysis } from "../packages/compiler/src/resolve/identity.js";

/** Builds a chunk of source `source` whose analysis names `names`. */
function chunk(source: string, names: string[]): ChunkAnalysis {
  const analysis: Analysis = {
    entities: names.map((name) => ({
      name,
      type: "concept",
      aliases: [],
      description: "",
      lines: [1, 1],
    })),
    claims: [],
    relations: [],
  };
  return {
    chunk: { source, lines: [1, 1], lineCount: 1, blocks: [] } as unknown as Chunk,
    analysis,
  };
}

/** Resolves the chunks and returns each page as its sorted names. */
function pages(...chunks: ChunkAnalysis[]): string[][] {
  const identity = resolveIdentity(chunks, defaultEntityTypes);
  return [...identity.things.values()].map((thing) => [thing.name, ...thing.aliases].sort());
}

function pageOf(result: string[][], name: string): string[] | undefined {
  return result.find((names) => names.includes(name));
}

/** A workspace of four files about solar power, each naming the topic word. */
const solarFiles = [
  chunk("a.md", ["solar", "panel", "solar panel"]),
  chunk("b.md", ["solar", "inverter", "solar inverters"]),
  chunk("c.md", ["battery", "solar battery", "solar software"]),
  chunk("d.md", ["solar", "mounting"]),
];

describe("names qualified by the topic word", () => {
  it("joins qualified name with bare name", () => {
    const result = pages(...solarFiles);
    expect(pageOf(result, "solar panel")).toEqual(["panel", "solar panel"]);
    expect(pageOf(result, "solar inverters")).toEqual(["inverter", "solar inverters"]);
    expect(pageOf(result, "solar battery")).toEqual(["battery", "solar battery"]);
  });

  it("joins substance noun with topic word", () => {
    expect(pageOf(pages(...solarFiles), "solar software")).toEqual(["solar", "solar software"]);
  });

  it("keeps topic word apart from qualified names", () => {
    const result = pages(...solarFiles);
    expect(pageOf(result, "solar")).not.toContain("panel");
    expect(pageOf(result, "solar")).not.toContain("solar panel");
  });

  it("needs three qualified names", () => {
    const result = pages(
      chunk("a.md", ["solar", "panel", "solar panel"]),
      chunk("b.md", ["solar", "inverter", "solar inverter"]),
      chunk("c.md", ["solar"]),
    );
    expect(pageOf(result, "panel")).toEqual(["panel"]);
    expect(pageOf(result, "inverter")).toEqual(["inverter"]);
  });

  it("needs the word in half the files", () => {
    const others = ["e.md", "f.md", "g.md", "h.md", "i.md"].map((file) => chunk(file, ["grid"]));
    const result = pages(...solarFiles, ...others);
    expect(pageOf(result, "panel")).toEqual(["panel"]);
  });

  it("ignores a capitalized modifier", () => {
    const result = pages(
      chunk("a.md", ["Helio", "panel", "Helio panel"]),
      chunk("b.md", ["Helio", "inverter", "Helio inverter"]),
      chunk("c.md", ["Helio", "battery", "Helio battery"]),
    );
    expect(pageOf(result, "panel")).toEqual(["panel"]);
  });

  it("keeps a proper name apart", () => {
    const result = pages(...solarFiles, chunk("a.md", ["Solar Panel", "Solar Panel"]));
    expect(pageOf(result, "panel")).toEqual(["panel"]);
  });

  it("keeps enumerated names apart", () => {
    const result = pages(
      ...solarFiles,
      chunk("b.md", ["solar 2", "solar step-2", "step-2", "solar step 3", "step 3"]),
    );
    expect(pageOf(result, "step-2")).toEqual(["step-2"]);
    expect(pageOf(result, "step 3")).toEqual(["step 3"]);
  });
});

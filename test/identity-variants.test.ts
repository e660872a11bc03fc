import { describe, expect, it } from "vitest";
import { defaultEntityTypes, type Analysis, type Block, type Chunk } from "@wiki/compiler";
import { identifierWords } from "../packages/compiler/src/resolve/identifiers.js";
import { resolveIdentity, type ChunkAnalysis } from "../packages/compiler/src/resolve/identity.js";

/** Builds a chunk whose analysis names `names` and whose prose is `text`. */
function chunk(names: string[], text = ""): ChunkAnalysis {
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
  const block = { kind: "paragraph", text, lines: [1, 1] } as unknown as Block;
  const blocks = text ? [block] : [];
  return {
    chunk: { source: "a.md", lines: [1, 1], lineCount: 1, blocks } as unknown as Chunk,
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

describe("names with a kind noun", () => {
  it("joins a name plus kind noun", () => {
    expect(pages(chunk(["web search", "web search API"]))).toHaveLength(1);
    expect(pages(chunk(["Acme", "Acme Agent"]))).toHaveLength(1);
    expect(pages(chunk(["Zed", "Zed License"]))).toHaveLength(1);
  });

  it("needs one chunk with both", () => {
    expect(pages(chunk(["web search"]), chunk(["web search API"]))).toHaveLength(2);
  });

  it("keeps brand products apart", () => {
    expect(pages(chunk(["Acme", "Acme CLI"]))).toHaveLength(2);
    expect(pages(chunk(["Acme", "Acme Desktop"]))).toHaveLength(2);
    expect(pages(chunk(["Acme", "Acme app"]))).toHaveLength(2);
  });

  it("joins nothing on conflicting chunks", () => {
    const result = pages(chunk(["Acme", "Acme Agent"]), chunk(["Acme", "Acme Desktop"]));
    expect(result).toHaveLength(3);
  });

  it("ignores chunks with two longer forms", () => {
    const result = pages(
      chunk(["Acme", "Acme Agent"]),
      chunk(["Acme", "Acme Agent", "Acme Desktop"]),
    );
    expect(pageOf(result, "Acme")).toEqual(["Acme", "Acme Agent"]);
    expect(pageOf(result, "Acme Desktop")).toEqual(["Acme Desktop"]);
  });
});

describe("names after their owner", () => {
  const introduced = "The Tessera CLI starts every run, and the same CLI checks a configuration.";

  it("joins a name shortened after its owner", () => {
    const result = pages(chunk(["Tessera", "Tessera CLI", "CLI"], introduced));
    expect(pageOf(result, "CLI")).toEqual(["CLI", "Tessera CLI"]);
    expect(pageOf(result, "Tessera")).toEqual(["Tessera"]);
  });

  it("keeps a shared name apart", () => {
    const text = "The Tessera CLI and the Halden CLI differ. Each CLI runs alone.";
    const result = pages(chunk(["Tessera", "Halden", "Tessera CLI", "Halden CLI", "CLI"], text));
    expect(result).toHaveLength(5);
  });

  it("needs the long form first", () => {
    const text = "Python is a language. The Acme Python library wraps the server.";
    const result = pages(chunk(["Acme", "Acme Python", "Python"], text));
    expect(pageOf(result, "Python")).toEqual(["Python"]);
  });

  it("keeps a lowercase name apart", () => {
    const text = "The Tessera server listens on a port, and the server logs every request.";
    const result = pages(chunk(["Tessera", "Tessera server", "server"], text));
    expect(pageOf(result, "server")).toEqual(["server"]);
  });

  it("needs the owner as a thing", () => {
    const result = pages(chunk(["Tessera CLI", "CLI"], introduced));
    expect(result).toHaveLength(2);
  });
});

describe("identifiers and phrases", () => {
  it("reads identifier words without extension", () => {
    expect(identifierWords("CODE_OF_CONDUCT.md")).toEqual(["code", "of", "conduct"]);
    expect(identifierWords("maxWorkers")).toEqual(["max", "worker"]);
  });

  it("joins an identifier with its phrase", () => {
    const text = "CODE_OF_CONDUCT: The code of conduct sets ground rules.";
    const result = pages(chunk(["CODE_OF_CONDUCT"], text), chunk(["code of conduct"]));
    expect(result).toHaveLength(1);
  });

  it("needs the phrase in the chunk", () => {
    const text = "Place a CODE_OF_CONDUCT file in the root folder.";
    const result = pages(chunk(["CODE_OF_CONDUCT"], text), chunk(["code of conduct"]));
    expect(result).toHaveLength(2);
  });

  it("never joins a one-word identifier", () => {
    const text = "Write the rules of governance into GOVERNANCE.md.";
    expect(pages(chunk(["GOVERNANCE.md", "governance"], text))).toHaveLength(2);
  });

  it("never joins a namespace member", () => {
    const text = "Set APP_CACHE_DIR to move the cache dir; APP_PORT sets the port.";
    const result = pages(chunk(["APP_CACHE_DIR", "APP_PORT", "cache dir"], text));
    expect(result).toHaveLength(3);
  });
});

describe("names with a bracketed qualifier", () => {
  it("joins the qualified name with the bare name", () => {
    const result = pages(chunk(["Acme", "Acme (beta)"]));
    expect(pageOf(result, "Acme")).toEqual(["Acme", "Acme (beta)"]);
  });

  it("keeps two qualifiers of one name apart", () => {
    const result = pages(chunk(["Atlas", "Atlas (cluster)"]), chunk(["Atlas (database)"]));
    expect(pageOf(result, "Atlas")).toEqual(["Atlas"]);
    expect(pageOf(result, "Atlas (cluster)")).toEqual(["Atlas (cluster)"]);
    expect(pageOf(result, "Atlas (database)")).toEqual(["Atlas (database)"]);
  });

  it("needs the bare name in the sources", () => {
    expect(pageOf(pages(chunk(["Acme (beta)", "beta"])), "beta")).toEqual(["beta"]);
  });
});

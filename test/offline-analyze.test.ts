import { describe, expect, it } from "vitest";
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { Analysis } from "../packages/compiler/src/steps.js";
import type { Chunk, Source, SourcePath } from "../packages/compiler/src/types.js";
import { analyzeChunk } from "../packages/providers/src/offline/analyze.js";
import { stepContext } from "./offline-corpus.js";

const guide = `# Cache server

The cache server is a small program that keeps answers in memory.

## Settings

- \`CACHE_SIZE\` - The largest number of entries kept. The default is 512
- \`CACHE_TTL\` - How long entries live, default 5m.

| Option | Meaning |
| --- | --- |
| \`evict_policy\` | Which entry leaves first. (Default: lru) |

## Memory tiers

The server defaults to the following cache sizes based on memory:

- < 8 GiB memory: 1k entries
- &gt;= 8 GiB memory: 4k entries

## Opinions

The cache server runs on Linux and on macOS.
Some people say that the cache server needs a database. The cache server does not need one.
Run the \`cache-ctl\` command on Linux to inspect it, or call \`/api/entries\` from a client.
`;

function chunksOf(text: string, path = "guide.md"): Chunk[] {
  const source: Source = {
    path: path as SourcePath,
    sha256: "",
    text,
    lineCount: text.split("\n").length,
    format: "md",
  };
  return chunkSource(parseSource(source), chunkSettings(1500));
}

function analyze(text: string): Analysis {
  const [chunk] = chunksOf(text);
  return analyzeChunk(chunk!, stepContext);
}

const analysis = analyze(guide);

function entity(name: string) {
  return analysis.entities.find((one) => one.name === name);
}

function claimsAbout(subject: string) {
  return analysis.claims.filter((claim) => claim.subject === subject);
}

describe("offline entities", () => {
  it("finds a defined term with its definition", () => {
    expect(entity("cache server")?.description).toBe(
      "The cache server is a small program that keeps answers in memory.",
    );
  });

  it("types identifiers by their shape", () => {
    expect(entity("CACHE_SIZE")?.type).toBe("setting");
    expect(entity("evict_policy")?.type).toBe("setting");
    expect(entity("/api/entries")?.type).toBe("interface");
    expect(entity("cache-ctl")?.type).toBe("tool");
  });

  it("types a proper noun after on as a platform", () => {
    expect(entity("Linux")?.type).toBe("platform");
  });

  it("leaves out table headers and values", () => {
    const names = analysis.entities.map((one) => one.name);
    expect(names).not.toContain("Option");
    expect(names).not.toContain("lru");
    expect(names).not.toContain("GiB memory");
  });

  it("takes types from the configured descriptions", () => {
    const [chunk] = chunksOf(guide);
    const types = [
      { name: "knob", kind: "entity" as const, description: "An environment variable." },
      { name: "idea", kind: "concept" as const, description: "Anything else." },
    ];
    const custom = analyzeChunk(chunk!, { entityTypes: types });
    expect(custom.entities.find((one) => one.name === "CACHE_SIZE")?.type).toBe("knob");
    expect(custom.entities.find((one) => one.name === "cache server")?.type).toBe("idea");
  });

  it("joins names across a plural apostrophe", () => {
    const text = [
      "# History",
      "",
      "The Ostwald Bakers' Guild was founded in 1887. Acme's Parser reads the files.",
      "",
    ].join("\n");
    const names = analyze(text).entities.map((one) => one.name);
    expect(names).toContain("Ostwald Bakers' Guild");
    expect(names).not.toContain("Ostwald Bakers");
    expect(names.some((name) => name.includes("Acme's"))).toBe(false);
  });

  it("types names by description words", () => {
    const text = [
      "# Bakery notes",
      "",
      "Ada Lane, who ran the Mill Street bakery, baked every loaf in a Dutch oven.",
      "",
      "The Mill Street bakery opened in 1961. The Dutch oven keeps the steam in.",
      "",
    ].join("\n");
    const [chunk] = chunksOf(text);
    const types = [
      { name: "ingredient", kind: "entity" as const, description: "A flour, salt or yeast." },
      { name: "equipment", kind: "entity" as const, description: "A tool, such as an oven." },
      { name: "person", kind: "entity" as const, description: "A named person." },
      { name: "organization", kind: "entity" as const, description: "A guild or bakery." },
      { name: "technique", kind: "concept" as const, description: "A baking step." },
    ];
    const typed = analyzeChunk(chunk!, { entityTypes: types });
    const typeOf = (name: string) => typed.entities.find((one) => one.name === name)?.type;
    expect(typeOf("Ada Lane")).toBe("person");
    expect(typeOf("Mill Street bakery")).toBe("organization");
    expect(typeOf("Dutch oven")).toBe("equipment");
  });
});

describe("offline claims", () => {
  it("reads defaults of list items and table rows", () => {
    const values = analysis.claims
      .filter((claim) => claim.attribute === "default")
      .map((claim) => `${claim.subject}=${claim.value}`);
    expect(values).toContain("CACHE_SIZE=512");
    expect(values).toContain("CACHE_TTL=5m");
    expect(values).toContain("evict_policy=lru");
  });

  it("turns a list of cases into conditioned values", () => {
    const tiers = analysis.claims.filter((claim) => claim.conditions.includes("< 8 GiB memory"));
    expect(tiers).toHaveLength(1);
    expect(tiers[0]?.value).toBe("1k entries");
    expect(tiers[0]?.subject).toBe("cache sizes");
  });

  it("marks reported views and negations", () => {
    const about = claimsAbout("cache server");
    const reported = about.find((claim) => claim.statement.startsWith("Some people say"));
    expect(reported?.stance).toBe("reports");
    const negative = about.find((claim) => claim.statement.includes("does not need"));
    expect(negative?.polarity).toBe("negative");
  });

  it("gives each claim lines of its chunk", () => {
    const tier = analysis.claims.find((claim) => claim.value === "4k entries");
    expect(tier?.lines).toEqual([19, 19]);
    expect(tier?.conditions).toEqual([">= 8 GiB memory"]);
  });

  it("keeps every subject among the entities", () => {
    const names = new Set(analysis.entities.map((one) => one.name));
    for (const claim of analysis.claims) expect(names.has(claim.subject), claim.subject).toBe(true);
  });

  it("gives every identifier a statement", () => {
    expect(claimsAbout("/api/entries")).toHaveLength(1);
    expect(claimsAbout("cache-ctl")).toHaveLength(1);
  });

  it("relates a subject to the things its statement names", () => {
    expect(analysis.relations).toContainEqual({
      from: "cache-ctl",
      to: "Linux",
      kind: "related",
    });
  });

  it("reads nothing from code blocks", () => {
    const code = analyze("# Tool\n\n```sh\nTOOL_MODE=fast tool run\n```\n");
    expect(code.claims).toEqual([]);
    expect(code.entities.map((one) => one.name)).not.toContain("TOOL_MODE");
  });

  it("quotes a one-line command", () => {
    const text =
      "# Tool\n\nThe tool runs jobs in order.\n\nTo clear the `tool` queue, run:\n\n```sh\ntool clear --all\n```\n";
    const claim = analyze(text).claims.find((one) => one.statement.startsWith("To clear"));
    expect(claim?.statement).toBe("To clear the `tool` queue, run: `tool clear --all`");
    expect(claim?.lines).toEqual([5, 9]);
  });

  it("drops colon sentences before lists", () => {
    const text = [
      "# Tool",
      "",
      "The tool runs jobs in order.",
      "",
      "In this example, we have:",
      "",
      "- a first job",
      "- a second job",
      "",
      "The `jobs.yaml` file looks like:",
      "",
      "```yaml",
      "jobs: 2",
      "order: fifo",
      "```",
      "",
    ].join("\n");
    const statements = analyze(text).claims.map((one) => one.statement);
    expect(statements.filter((one) => one.endsWith(":"))).toEqual([]);
    expect(statements).toContain("The `jobs.yaml` file looks like.");
  });

  it("counts lines from the start of a later chunk", () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `## Part ${i}\n\n${"Words go here. ".repeat(40)}`,
    );
    const text = `${long.join("\n\n")}\n\n## Limits\n\nThe default is 64\n`;
    const chunks = chunksOf(`# Store\n\n${text}`);
    const last = chunks[chunks.length - 1]!;
    const claim = analyzeChunk(last, stepContext).claims.find((one) => one.value === "64");
    if (!claim) throw new Error("no claim of the value 64");
    const fileLine = claim.lines[0] + last.lines[0] - 1;
    expect(fileLine).toBe(text.split("\n").length + 1);
  });
});

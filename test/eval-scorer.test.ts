import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { citedStatements, scoreCitations } from "./eval/citations.js";
import { parseContradictions, scoreContradictions } from "./eval/contradictions.js";
import { scoreEntities } from "./eval/entities.js";
import { scoreLinks } from "./eval/graph.js";
import { parseKey, type Key } from "./eval/key.js";
import { formatTable, writeResults, type EvalResult } from "./eval/report.js";
import { loadCorpusKey, namesFromEnv } from "./eval/run.js";
import { scoreWiki } from "./eval/score.js";
import { citationGroups, linksOf } from "./eval/links.js";
import { nameVariants, normalizeName } from "./eval/names.js";
import { keyTerms, missingTerms } from "./eval/terms.js";
import { parsePage, readWiki, type WikiPage } from "./eval/wiki.js";

function page(fields: Partial<WikiPage> & { slug: string; title: string }): WikiPage {
  return { type: "entity", aliases: [], sources: [], body: "", ...fields };
}

const identityKey = parseKey(
  `
corpus: fixture
raw: test/gold/raw
entities:
  - { id: gpu, names: [GPU, GPUs] }
  - { id: chromium, names: [chromium], exact: [Cr] }
  - { id: caloric-restriction, names: [caloric restriction], exact: [CR] }
  - { id: atlas-database, names: [Atlas], in: [overview.md] }
  - { id: atlas-cluster, names: [Atlas], in: [cluster.md] }
  - { id: step-2, names: [step-2] }
  - { id: step-3, names: [step-3] }
  - { id: helm, names: [Helm], required: false }
apart:
  - [chromium, caloric-restriction]
  - [atlas-database, atlas-cluster]
  - [step-2, step-3]
`,
  "identity.yaml",
);

describe("name normalization", () => {
  it.each([
    ["`OLLAMA_HOST`", "ollama_host"],
    ["/api/chat", "/api/chat"],
    ["The caloric restriction protocol", "caloric restriction protocol"],
    ["run_step()", "run_step"],
    ["--dry-run", "dry run"],
    ["step-2", "step 2"],
    ["**Ollama Cloud**.", "ollama cloud"],
    ["Ｇｐｕ", "gpu"],
  ])("folds %s to %s", (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it.each([
    ["~/.ollama/models", "OLLAMA_MODELS"],
    ["OLLAMA_MODELS", "Ollama models"],
    ["~/.ollama", "Ollama"],
  ])("keeps %s apart from %s", (first, second) => {
    expect(normalizeName(first)).not.toBe(normalizeName(second));
  });

  it("keeps case when asked", () => {
    expect(normalizeName("Cr", true)).toBe("Cr");
    expect(normalizeName("CR", true)).not.toBe(normalizeName("Cr", true));
  });

  it("reads a trailing qualifier as a variant", () => {
    expect(nameVariants("Atlas (cluster)")).toEqual(["Atlas (cluster)", "Atlas"]);
    expect(nameVariants("GPU")).toEqual(["GPU"]);
  });
});

describe("key parsing", () => {
  const parse = (yaml: string) => () => parseKey(yaml, "bad.yaml");

  it("rejects an apart pair with an unknown id", () => {
    const yaml = "corpus: c\nraw: r\nentities: [{ id: a, names: [A] }]\napart: [[a, b]]\n";
    expect(parse(yaml)).toThrow(/bad\.yaml: apart\[0\]: unknown entity id "b"/);
  });

  it("rejects an entity without spellings", () => {
    expect(parse("corpus: c\nraw: r\nentities: [{ id: a }]\n")).toThrow(/needs `names` or `exact`/);
  });

  it("rejects reversed side lines", () => {
    const yaml =
      "corpus: c\nraw: r\nentities: []\ncontradictions:\n  - id: x\n    subject: s\n" +
      "    attribute: a\n    sides:\n      - { source: a.md, lines: [5, 2], value: '1' }\n" +
      "      - { source: b.md, lines: [1, 1], value: '2' }\n";
    expect(parse(yaml)).toThrow(/sides\[0\]\.lines: expected \[start, end\]/);
  });

  it("defaults required to true", () => {
    expect(identityKey.entities.find((entity) => entity.id === "gpu")?.required).toBe(true);
    expect(identityKey.entities.find((entity) => entity.id === "helm")?.required).toBe(false);
  });
});

describe("entity scores", () => {
  const clean = [
    page({ slug: "entities/gpu", title: "GPU", aliases: ["gpu", "GPUs"] }),
    page({ slug: "entities/cr", title: "Cr", aliases: ["chromium"] }),
    page({ slug: "concepts/cr-2", title: "CR", aliases: ["caloric restriction"], type: "concept" }),
    page({
      slug: "entities/atlas",
      title: "Atlas",
      sources: [{ path: "overview.md", lines: [[20, 21]] }],
    }),
    page({
      slug: "entities/atlas-cluster",
      title: "Atlas (cluster)",
      sources: [{ path: "cluster.md", lines: [[3, 4]] }],
    }),
    page({ slug: "entities/step-2", title: "step-2" }),
    page({ slug: "entities/step-3", title: "step-3" }),
    page({ slug: "sources/overview", title: "GPU", type: "source" }),
  ];

  it("finds every entity of a clean wiki", () => {
    const score = scoreEntities(identityKey, clean);
    expect(score.missing).toEqual([]);
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
    expect(score.duplicates).toEqual([]);
    expect(score.wrongMerges).toEqual([]);
  });

  it("ignores pages that are not entities or concepts", () => {
    expect(scoreEntities(identityKey, clean).pages).toBe(7);
  });

  it("reports case variants on two pages as duplicates", () => {
    const pages = [...clean, page({ slug: "entities/gpu-2", title: "gpu" })];
    const score = scoreEntities(identityKey, pages);
    expect(score.duplicates).toEqual([
      { entity: "gpu", pages: ["entities/gpu", "entities/gpu-2"] },
    ]);
    expect(score.precision).toBeCloseTo(7 / 8);
  });

  it("reports Cr and CR on one page as a wrong merge", () => {
    const merged = page({ slug: "entities/cr", title: "CR", aliases: ["Cr", "chromium"] });
    const score = scoreEntities(identityKey, [merged]);
    expect(score.wrongMerges).toEqual([
      { pair: ["chromium", "caloric-restriction"], page: "entities/cr" },
    ]);
  });

  it("tells two things of one name apart by their sources", () => {
    const both = page({
      slug: "entities/atlas",
      title: "Atlas",
      sources: [
        { path: "overview.md", lines: [[20, 21]] },
        { path: "cluster.md", lines: [[3, 4]] },
      ],
    });
    const score = scoreEntities(identityKey, [both]);
    expect(score.wrongMerges.map((item) => item.pair)).toEqual([
      ["atlas-database", "atlas-cluster"],
    ]);
  });

  it("counts only required entities in recall", () => {
    const score = scoreEntities(identityKey, [page({ slug: "entities/gpu", title: "GPU" })]);
    expect(score.recall).toBeCloseTo(1 / 7);
    expect(score.missing).not.toContain("helm");
  });
});

describe("page reading", () => {
  it("reads frontmatter fields", () => {
    const text = `---\n${stringify({
      title: "OLLAMA_HOST",
      type: "entity",
      aliases: ["ollama host"],
      sources: [
        {
          path: "faq.mdx",
          sha256: "ab",
          lines: [
            [3, 4],
            [9, 9],
          ],
        },
      ],
    })}---\n\n# OLLAMA_HOST\n`;
    const parsed = parsePage("entities/ollama-host", text);
    expect(parsed).toMatchObject({
      title: "OLLAMA_HOST",
      aliases: ["ollama host"],
      sources: [
        {
          path: "faq.mdx",
          lines: [
            [3, 4],
            [9, 9],
          ],
        },
      ],
      body: "\n# OLLAMA_HOST\n",
    });
  });

  it("reports a page without frontmatter", () => {
    expect(parsePage("x", "# Title\n")).toMatch(/no frontmatter/);
  });

  it("reports invalid YAML", () => {
    expect(parsePage("x", "---\ntitle: [unclosed\n---\nbody\n")).toMatch(/invalid YAML/);
  });
});

describe("links and citations", () => {
  it("resolves relative links and wikilinks", () => {
    const body =
      "See [GPU](../entities/gpu.md), [[concepts/context-length|context]], " +
      "![img](pic.md) and [site](https://example.com/a.md).";
    expect(linksOf("concepts/vram", body)).toEqual([
      { target: "entities/gpu", text: "GPU" },
      { target: "concepts/context-length", text: "context" },
    ]);
  });

  it("parses a group citing two sources", () => {
    const [group] = citationGroups("Text (faq.mdx:3-4, 9; api/errors.mdx:12).");
    expect(group?.citations).toEqual([
      {
        source: "faq.mdx",
        ranges: [
          [3, 4],
          [9, 9],
        ],
      },
      { source: "api/errors.mdx", ranges: [[12, 12]] },
    ]);
  });

  it("takes the statement after a citation that starts its line", () => {
    const side = page({
      slug: "contradictions",
      title: "Contradictions",
      type: "contradictions",
      body: "  - ([faq.md:10](sources/faq.md)) (newest): 8192 rows\n",
    });
    expect(citedStatements(side)[0]?.statement).toBe("8192 rows");
  });
});

describe("key terms", () => {
  it("keeps numbers and code spans as exact terms", () => {
    const terms = keyTerms("The default `batch_size` is 4096 rows.");
    expect(terms.exact).toEqual(["batch_size", "4096"]);
    expect(terms.words).toEqual(["default", "rows"]);
  });

  it("rejects a passage that lacks a number", () => {
    const result = missingTerms(keyTerms("The default is 4096 rows."), "The default is 8192 rows.");
    expect(result.supported).toBe(false);
    expect(result.missingExact).toEqual(["4096"]);
  });

  it("accepts plurals and half the words", () => {
    const terms = keyTerms("Workers finish runs sooner with extra memory.");
    expect(missingTerms(terms, "More workers finish a run sooner.").supported).toBe(true);
  });
});

describe("citation support", () => {
  let rawDir: string;
  beforeAll(async () => {
    rawDir = await mkdtemp(path.join(os.tmpdir(), "eval-raw-"));
    await writeFile(path.join(rawDir, "a.md"), "# A\n\nThe server listens on port 7070.\n");
  });
  afterAll(() => rm(rawDir, { recursive: true, force: true }));

  it("scores supported, unsupported and invalid citations", async () => {
    const body = [
      "- The server listens on port 7070. ([a.md:3](../sources/a.md))",
      "- The server listens on port 7443. ([a.md:3](../sources/a.md))",
      "- The server listens on port 7070. ([a.md:30](../sources/a.md))",
      "- The server listens on port 7070. ([b.md:1](../sources/b.md))",
    ].join("\n");
    const score = await scoreCitations(
      [page({ slug: "entities/server", title: "server", body })],
      rawDir,
    );
    expect(score.checked).toBe(4);
    expect(score.meanLines).toBe(1);
    expect(score.supported).toBe(1);
    expect(score.failures.map((item) => item.reason)).toEqual([
      "missing 7443",
      "lines 30-30 outside the source's 4 lines",
      "source not found in the raw folder",
    ]);
  });
});

describe("contradiction scores", () => {
  const key: Key = parseKey(
    `
corpus: fixture
raw: test/gold/raw
entities: []
contradictions_complete: true
contradictions:
  - id: batch
    subject: batch_size
    attribute: default
    sides:
      - { source: pipeline.md, lines: [22, 22], value: "4096" }
      - { source: configuration.md, lines: [8, 8], value: "4096" }
      - { source: faq.md, lines: [10, 10], value: "8192" }
non_contradictions:
  - id: logs
    subject: logs
    attribute: retention
    sides:
      - { source: install.md, lines: [22, 23], value: "30 days" }
      - { source: faq.md, lines: [14, 14], value: "30 days" }
`,
    "fixture.yaml",
  );
  const body = (entries: string[][]) =>
    entries
      .map(([title, ...sides]) => [`- ${title}`, ...sides!.map((s) => `  - ${s}`)].join("\n"))
      .join("\n");

  it("finds a contradiction with two different values", () => {
    const entries = parseContradictions(
      body([
        [
          "[batch_size](entities/batch-size.md), default:",
          "([pipeline.md:22](s)): 4k",
          "([faq.md:10](s)): 8192",
        ],
      ]),
    );
    const score = scoreContradictions(key, entries);
    expect(score.found).toEqual(["batch"]);
    expect(score.sidesCited["batch"]).toBeCloseTo(2 / 3);
    expect(score.precision).toBe(1);
  });

  it("counts equal values and non-contradictions as false", () => {
    const entries = parseContradictions(
      body([
        ["batch_size, default:", "([pipeline.md:21-22](s)): 4k", "([configuration.md:8](s)): 4096"],
        ["logs, retention:", "([install.md:23](s)): 30 days", "([faq.md:14](s)): 30 days"],
      ]),
    );
    const score = scoreContradictions(key, entries);
    expect(score.missed).toEqual(["batch"]);
    expect(score.falseReports).toEqual([
      { title: "batch_size, default:" },
      { title: "logs, retention:", nonContradiction: "logs" },
    ]);
    expect(score.precision).toBe(0);
  });

  it("ignores a citation of a whole section", () => {
    const entries = parseContradictions(
      body([["batch_size, default:", "([pipeline.md:1-40](s)): 4k", "([faq.md:10](s)): 8192"]]),
    );
    expect(scoreContradictions(key, entries).found).toEqual([]);
  });

  it("leaves unknown entries unjudged when the key is partial", () => {
    const entries = parseContradictions(
      body([["other, x:", "([a.md:1](s)): 1", "([b.md:1](s)): 2"]]),
    );
    const score = scoreContradictions({ ...key, contradictionsComplete: false }, entries);
    expect(score.unjudged).toBe(1);
    expect(score.precision).toBeNull();
  });
});

describe("link scores", () => {
  it("counts links between things and broken links", () => {
    const pages = [
      page({
        slug: "entities/a",
        title: "A",
        body: "[B](b.md) [B](b.md) ([x.md:1](../sources/x.md))",
      }),
      page({ slug: "entities/b", title: "B", body: "[gone](gone.md)" }),
      page({ slug: "sources/x", title: "x", type: "source" }),
    ];
    const score = scoreLinks(pages);
    expect(score.linksPerPage).toBe(0.5);
    expect(score.withoutLinks).toBe(1);
    expect(score.broken).toEqual([{ page: "entities/b", target: "entities/gone" }]);
  });
});

describe("wiki folder", () => {
  it("reads pages of nested folders and skips hidden ones", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "eval-wiki-"));
    try {
      await mkdir(path.join(dir, "entities"));
      await mkdir(path.join(dir, ".cache"));
      await writeFile(
        path.join(dir, "entities/gpu.md"),
        "---\ntitle: GPU\ntype: entity\n---\n\n# GPU\n",
      );
      await writeFile(path.join(dir, ".cache/x.md"), "---\ntitle: X\n---\n");
      await writeFile(path.join(dir, "broken.md"), "no frontmatter\n");
      const wiki = await readWiki(dir);
      expect(wiki.pages.map((item) => item.slug)).toEqual(["entities/gpu"]);
      expect(wiki.problems).toEqual(["broken: no frontmatter block between `---` lines"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("hand-made gold wiki", () => {
  const front = (fields: Record<string, unknown>) => `---\n${stringify(fields)}---\n\n`;
  const files: Record<string, string> = {
    "entities/gpu.md":
      front({ title: "GPU", type: "entity", aliases: ["gpu", "GPUs"], sources: [] }) +
      "# GPU\n\nTessera does not require a GPU. ([overview.md:11](../sources/overview.md))\n\n" +
      "## Related\n\n- [Tessera](tessera.md)\n",
    "entities/tessera.md":
      front({ title: "Tessera", type: "entity" }) +
      "# Tessera\n\nTessera is the analysis pipeline of the Halden Lab. " +
      "([overview.md:3](../sources/overview.md))\n",
    "sources/overview.md": front({ title: "Tessera overview", type: "source" }) + "# Overview\n",
    "contradictions.md":
      front({ title: "Contradictions", type: "contradictions" }) +
      "# Contradictions\n\n- [Tessera server](entities/tessera.md), default port:\n" +
      "  - ([configuration.md:17](sources/configuration.md)) (newest): 7443\n" +
      "  - ([overview.md:16-17](sources/overview.md)): 7070\n",
  };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "eval-gold-"));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("scores entities, citations, contradictions and links", async () => {
    const key = await loadCorpusKey("gold");
    const score = await scoreWiki(key, dir);
    const required = key.entities.filter((entity) => entity.required).length;
    expect(score.entities.found).toEqual(["tessera", "gpu"]);
    expect(score.entities.recall).toBeCloseTo(2 / required);
    expect(score.citations).toMatchObject({ checked: 4, supported: 4, rate: 1 });
    expect(score.contradictions).toMatchObject({ found: ["server-port-default"], precision: 1 });
    expect(score.contradictions.missed).toEqual(["batch-size-default"]);
    expect(score.links).toMatchObject({ withoutLinks: 1, linksPerPage: 0.5 });
    expect(score.links.broken).toEqual([
      { page: "contradictions", target: "sources/configuration" },
    ]);
  });
});

describe("eval report", () => {
  const unscored: EvalResult = {
    corpus: "gold",
    provider: "ollama",
    build: { exitCode: 2, seconds: 1.25, summary: undefined },
    score: undefined,
    error: "the build exited with code 2 and wrote no pages: no output",
    targets: [],
    measuredAt: "2026-01-01T00:00:00.000Z",
  };

  it("prints dashes for a result without a score", () => {
    const table = formatTable([unscored]).split("\n");
    expect(table).toHaveLength(3);
    expect(table[2]).toMatch(/^\| gold +\| ollama +\| - /);
    expect(table[2]).toMatch(/\| 1\.3 \|$/);
  });

  it("keeps results of other corpora in the JSON file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "eval-json-"));
    try {
      const file = path.join(dir, "eval.json");
      await writeResults(file, [unscored, { ...unscored, corpus: "ollama-docs" }]);
      await writeResults(file, [{ ...unscored, error: "second run" }]);
      const { results } = JSON.parse(await readFile(file, "utf8")) as { results: EvalResult[] };
      expect(results.map((item) => [item.corpus, item.error])).toEqual([
        ["ollama-docs", unscored.error],
        ["gold", "second run"],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads name lists from the environment", () => {
    expect(namesFromEnv(undefined, ["a", "b"])).toEqual(["a", "b"]);
    expect(namesFromEnv(" b ", ["a", "b"])).toEqual(["b"]);
    expect(() => namesFromEnv("c", ["a", "b"])).toThrow(/unknown name c; expected some of a, b/);
  });
});

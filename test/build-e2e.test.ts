/**
 * End-to-end builds of the shared corpora through the CLI, with the offline extractor and with
 * the Ollama provider against the loopback server.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { runWiki } from "./support/cli.js";
import {
  readWiki,
  sourceProblems,
  treeHashes,
  unreachable,
  type WikiPage,
} from "./support/tree.js";

const corpora = ["ollama-docs", "opensource-guide", "ollama-faq-history"];
const corpusDir = (name: string) => path.resolve("../shared/corpora", name);

let server: FakeOllama;
beforeAll(async () => {
  server = await startFakeOllama();
});
afterAll(async () => {
  await server?.close();
});

function providerArgs(provider: string): string[] {
  return provider === "offline"
    ? ["--provider", "offline"]
    : ["--provider", "ollama", "--host", server.url];
}

async function buildInto(corpus: string, provider: string) {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "wiki-e2e-")), "wiki");
  const result = await runWiki(
    ["build", "--raw", corpusDir(corpus), "--out", out, "--json", ...providerArgs(provider)],
    {
      env: { SOURCE_DATE_EPOCH: "1780000000" },
    },
  );
  return { out, result, summary: JSON.parse(result.stdout || "{}") as Record<string, unknown> };
}

describe.each(["offline", "ollama"])("wiki build with the %s provider", (provider) => {
  describe.each(corpora)("on %s", (corpus) => {
    let out: string;
    let pages: WikiPage[];
    let code: number;
    let stderr: string;
    let summary: Record<string, unknown>;
    const rawBefore = treeHashes(corpusDir(corpus));

    beforeAll(async () => {
      const built = await buildInto(corpus, provider);
      ({ out, summary } = built);
      ({ code, stderr } = built.result);
      pages = readWiki(out);
    });

    it("exits with 0", () => {
      expect(stderr).not.toMatch(/^error:/m);
      expect(code).toBe(0);
    });

    it("prints the figures as json", () => {
      for (const key of [
        "sources",
        "pages",
        "communities",
        "modularity",
        "contradictions",
        "llm",
        "written",
        "durationMs",
        "provider",
        "model",
        "problems",
      ]) {
        expect(summary).toHaveProperty(key);
      }
      expect(summary.provider).toBe(provider);
    });

    it("writes only links that resolve", () => {
      const files = new Set(pages.map((page) => page.file));
      const broken = pages.flatMap((page) =>
        page.links.filter((link) => !files.has(link)).map((link) => `${page.file} -> ${link}`),
      );
      expect(broken).toEqual([]);
    });

    it("cites sources that exist with matching hashes and lines", () => {
      expect(sourceProblems(pages, corpusDir(corpus))).toEqual([]);
      const fromSources = pages.filter((page) =>
        ["source", "entity", "concept"].includes(String(page.frontmatter.type)),
      );
      expect(
        fromSources.every(
          (page) =>
            Array.isArray(page.frontmatter.sources) &&
            (page.frontmatter.sources as unknown[]).length > 0,
        ),
      ).toBe(true);
    });

    it("reaches every page from the index in two links", () => {
      expect(unreachable(pages, 2)).toEqual([]);
    });

    it("gives every page a title and a type", () => {
      expect(
        pages
          .filter((page) => !page.frontmatter.title || !page.frontmatter.type)
          .map((page) => page.file),
      ).toEqual([]);
    });

    it("leaves the raw folder unchanged", () => {
      expect(treeHashes(corpusDir(corpus))).toEqual(rawBefore);
    });

    it("builds the same bytes in a fresh folder", async () => {
      const again = await buildInto(corpus, provider);
      expect(again.result.code).toBe(0);
      expect(treeHashes(again.out)).toEqual(treeHashes(out));
    });
  });
});

describe("the ollama-docs wiki", () => {
  it("has several communities with good modularity and few singletons", async () => {
    for (const provider of ["offline", "ollama"]) {
      const { summary } = await buildInto("ollama-docs", provider);
      expect(summary.communities as number).toBeGreaterThanOrEqual(3);
      expect(summary.modularity as number).toBeGreaterThanOrEqual(0.3);
      expect(summary.singletonShare as number).toBeLessThanOrEqual(0.2);
    }
  });
});

describe("the ollama-faq-history contradictions", () => {
  let text: string;
  beforeAll(async () => {
    const { out } = await buildInto("ollama-faq-history", "offline");
    text = readFileSync(path.join(out, "contradictions.md"), "utf8");
  });

  it("lists the default context size with every source", () => {
    const entry = text.split("\n- ").find((item) => /context/i.test(item.split("\n")[0] ?? ""));
    expect(entry).toBeDefined();
    for (const source of [
      "faq-2024-09.md",
      "faq-2025-08.md",
      "faq-2026.mdx",
      "context-length-2026.mdx",
    ]) {
      expect(entry).toContain(source);
    }
  });

  it("lists the default of OLLAMA_NUM_PARALLEL with every source", () => {
    const entry = text.split("\n- ").find((item) => /NUM_PARALLEL/.test(item.split("\n")[0] ?? ""));
    expect(entry).toBeDefined();
    for (const source of ["faq-2024-09.md", "faq-2025-08.md", "faq-2026.mdx"])
      expect(entry).toContain(source);
  });

  it("does not list the agreements", () => {
    const headings = text
      .split("\n- ")
      .slice(1)
      .map((item) => item.split("\n")[0] ?? "");
    expect(headings.filter((heading) => /MAX_QUEUE|keep|loaded/i.test(heading))).toEqual([]);
    expect(headings.length).toBe(2);
  });
});

/**
 * Through the loopback server the model path finds what the server's rules report: one claim per
 * line about the line's first identifier or its heading. Those rules give every side of the
 * OLLAMA_NUM_PARALLEL contradiction but only the sides of the context size written under one
 * heading, so this checks the model path's confirm and record, not the extraction.
 */
describe("the ollama-faq-history contradictions through the loopback server", () => {
  let text: string;
  beforeAll(async () => {
    const { out, result } = await buildInto("ollama-faq-history", "ollama");
    expect(result.code).toBe(0);
    text = readFileSync(path.join(out, "contradictions.md"), "utf8");
  });

  const entries = () => text.split("\n- ").slice(1);

  it("lists the default of OLLAMA_NUM_PARALLEL with every source", () => {
    const entry = entries().find((item) => /NUM_PARALLEL/.test(item.split("\n")[0] ?? ""));
    expect(entry).toBeDefined();
    for (const source of ["faq-2024-09.md", "faq-2025-08.md", "faq-2026.mdx"]) {
      expect(entry).toMatch(new RegExp(`\\[${source.replace(".", "\\.")}:\\d+\\]\\(sources/`));
    }
  });

  it("lists the default context size", () => {
    const entry = entries().find((item) => /context window/i.test(item.split("\n")[0] ?? ""));
    expect(entry).toContain("2048 tokens");
    expect(entry).toContain("4096 tokens");
  });

  it("does not list the agreements", () => {
    const headings = entries().map((item) => item.split("\n")[0] ?? "");
    expect(headings.filter((heading) => /MAX_QUEUE|keep|loaded/i.test(heading))).toEqual([]);
  });
});

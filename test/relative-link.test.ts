/**
 * Relative links between pages: the folder paths are remembered, and each link is the POSIX path
 * from the linking page's folder to the linked page.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { relativeLink } from "../packages/compiler/src/paths.js";
import type { PageSlug } from "../packages/compiler/src/types.js";

const slugs = [
  "index",
  "entities/ollama",
  "concepts/context-window",
  "sources/faq",
  "sources/guides/install",
  "sources/guides/deep/gpu",
  "sources/guides-old/install",
] as PageSlug[];

describe("relative link", () => {
  it("matches the POSIX relative path for every pair", () => {
    for (const from of slugs) {
      for (const to of slugs) {
        const expected = `${path.posix.relative(path.posix.dirname(from), to)}.md`;
        expect(relativeLink(from, to)).toBe(expected);
      }
    }
  });

  it("links within and across folders", () => {
    const link = (from: string, to: string) => relativeLink(from as PageSlug, to as PageSlug);

    expect(link("entities/ollama", "entities/gpu")).toBe("gpu.md");
    expect(link("sources/guides/install", "entities/ollama")).toBe("../../entities/ollama.md");
    expect(link("entities/ollama", "index")).toBe("../index.md");
    expect(link("index", "concepts/context-window")).toBe("concepts/context-window.md");
  });
});

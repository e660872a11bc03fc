/**
 * The frontmatter of a page: `sources` is rendered by hand for speed, so it must match what the
 * YAML library writes for the same fields, for every kind of path, and parse back to the input.
 */
import { Document, isSeq, parse, visit } from "yaml";
import { describe, expect, it } from "vitest";
import { renderPage } from "../packages/compiler/src/emit/frontmatter.js";
import type { PageSlug, SourcePath } from "../packages/compiler/src/types.js";
import type { Page } from "../packages/compiler/src/write/page.js";

const generator = {
  identity: { provider: "offline", model: "offline-extractor", digest: "", options: "" },
  promptVersion: "analyze:1 write:2",
} as const;

const paths = [
  "api.md",
  "docs/faq.mdx",
  "a: b.md",
  "- dash.md",
  "#hash.md",
  "'quote.md",
  '"double.md',
  "trailing space .md",
  " leading.md",
  "yes",
  "null",
  "123",
  "@at.md",
  "x\ty.md",
  "line\nbreak.md",
  "émoji 🎉.md",
  "[bracket].md",
  "{brace}.md",
  "star*.md",
  "percent%20.md",
];

function pageCiting(path: string): Page {
  return {
    slug: "entities/x" as PageSlug,
    title: "X",
    type: "entity",
    entityType: "tool",
    aliases: ["x"],
    related: [],
    summary: "X is a thing.",
    sources: [
      {
        path: path as SourcePath,
        sha256: "ab".repeat(32),
        lines: [
          [1, 2],
          [5, 5],
        ],
      },
    ],
    body: "# X\n",
    extra: [],
  };
}

/** Renders the whole frontmatter with the YAML library, as the compiler once did. */
function libraryFrontmatter(page: Page): string {
  const fields = {
    title: page.title,
    type: page.type,
    entity_type: page.entityType,
    aliases: page.aliases,
    summary: page.summary,
    sources: page.sources.map(({ path, sha256, lines }) => ({ path, sha256, lines })),
    generated_by: { provider: "offline", model: "offline-extractor", prompts: "analyze:1 write:2" },
  };
  const document = new Document(fields);
  visit(document, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (key === "lines" && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isSeq(item)) item.flow = true;
      }
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

describe("frontmatter rendering", () => {
  // A line break makes the library write a block scalar, which the page writes as JSON instead.
  const oneLinePaths = paths.filter((path) => !path.includes("\n"));

  it.each(oneLinePaths)("writes what the library writes for %j", (path) => {
    const page = pageCiting(path);
    const text = renderPage(page, generator);
    expect(text.slice(4, text.indexOf("---\n", 4))).toBe(libraryFrontmatter(page));
  });

  it.each(paths)("reads back the path %j", (path) => {
    const text = renderPage(pageCiting(path), generator);
    const data = parse(text.slice(4, text.indexOf("---\n", 4))) as {
      sources: { path: string; lines: number[][] }[];
    };
    expect(data.sources[0]!.path).toBe(path);
    expect(data.sources[0]!.lines).toEqual([
      [1, 2],
      [5, 5],
    ]);
  });
});

/**
 * The title of a source: from its frontmatter, always on one line, since it becomes a heading
 * and the text of links.
 */
import { describe, expect, it } from "vitest";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { Source, SourcePath } from "../packages/compiler/src/types.js";

function sourceOf(text: string): Source {
  const lineCount = text.split("\n").length - 1;
  return { path: "a.md" as SourcePath, sha256: "", text, lineCount, format: "md" };
}

describe("source title", () => {
  it("takes the frontmatter title", () => {
    expect(parseSource(sourceOf('---\ntitle: "Proxy guide"\n---\n\n# Other\n')).title).toBe(
      "Proxy guide",
    );
  });

  it("joins the lines of a multi-line title", () => {
    const text = '---\ntitle: "Evil\\n---\\ntype: index"\n---\n\nBody text.\n';
    expect(parseSource(sourceOf(text)).title).toBe("Evil --- type: index");
  });

  it("joins the lines of a block scalar title", () => {
    const text = "---\ntitle: |\n  First line\n  second line\n---\n\nBody text.\n";
    expect(parseSource(sourceOf(text)).title).toBe("First line second line");
  });

  it("joins the lines of a setext heading", () => {
    expect(parseSource(sourceOf("First line\nsecond line\n===\n\nBody text.\n")).title).toBe(
      "First line second line",
    );
  });
});

/**
 * What parse reads as prose. Text inside MDX components and HTML blocks is prose, with the lines
 * it sits on. Tags, attributes, expressions, imports, exports and code blocks are not.
 */
import { describe, expect, it } from "vitest";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { Block, ParsedSource, Source, SourcePath } from "../packages/compiler/src/types.js";

const mdx = [
  "---",
  "title: Widgets",
  "---",
  'import { Card } from "./card";',
  "export const level = 2;",
  "",
  "# Widgets",
  "",
  "<Note>",
  "  Widgets keep their state in the store.",
  "</Note>",
  "",
  '<Card title="Browse widgets" icon="star" href="/list">',
  "  Find widgets for every team.",
  "</Card>",
  "",
  "<div style={{ display: 'flex' }}>",
  '  <img src="/shot.png" alt="Screenshot of widgets" />',
  "</div>",
  "",
  "The count is {props.count} today.",
  "",
  "{/* a hidden remark */}",
  "",
  "```js",
  'const secret = "code";',
  "```",
  "",
].join("\n");

const markdown = [
  "# Doc",
  "",
  '<div align="center">',
  "  Text in <b>HTML</b> &amp; more.",
  "</div>",
  "",
  "<!-- hidden comment -->",
  "",
  'Plain <span class="x">inline</span> text.',
  "",
].join("\n");

function parse(text: string, file: string): ParsedSource {
  const format = file.endsWith(".mdx") ? "mdx" : "md";
  const source: Source = {
    path: file as SourcePath,
    sha256: "",
    text,
    lineCount: text.split("\n").length - 1,
    format,
  };
  return parseSource(source);
}

function prose(blocks: Block[]): string {
  return blocks
    .filter((block) => block.kind !== "code")
    .map((block) => block.text)
    .join("\n");
}

describe("mdx prose", () => {
  const parsed = parse(mdx, "widgets.mdx");
  const blocks = parsed.blocks;

  it("parses as mdx", () => {
    expect(parsed.problems).toEqual([]);
  });

  it("reads the text inside components", () => {
    const texts = blocks.map((block) => [block.text, block.lines]);
    expect(texts).toContainEqual(["Widgets keep their state in the store.", [10, 10]]);
    expect(texts).toContainEqual(["Find widgets for every team.", [14, 14]]);
  });

  it("leaves out tags and attributes", () => {
    for (const word of ["Note", "Card", "Browse widgets", "star", "/list", "Screenshot", "flex"]) {
      expect(prose(blocks)).not.toContain(word);
    }
  });

  it("leaves out expressions, imports and exports", () => {
    expect(prose(blocks)).toContain("The count is today.");
    for (const word of ["props.count", "hidden remark", "import", "level"]) {
      expect(prose(blocks)).not.toContain(word);
    }
  });

  it("keeps code blocks apart from prose", () => {
    const code = blocks.filter((block) => block.kind === "code");
    expect(code.map((block) => [block.text, block.lines])).toEqual([
      ['const secret = "code";', [25, 27]],
    ]);
    expect(prose(blocks)).not.toContain("secret");
  });
});

describe("html prose", () => {
  const blocks = parse(markdown, "doc.md").blocks;

  it("reads the text of an html block", () => {
    expect(blocks.map((block) => [block.text, block.lines])).toContainEqual([
      "Text in HTML & more.",
      [3, 5],
    ]);
  });

  it("leaves out tags, attributes and comments", () => {
    expect(prose(blocks)).toContain("Plain inline text.");
    for (const word of ["div", "center", "span", "hidden comment"]) {
      expect(prose(blocks)).not.toContain(word);
    }
  });
});

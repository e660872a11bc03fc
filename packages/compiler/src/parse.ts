/**
 * parse: turns a source into prose blocks with their lines. Markdown and MDX go through remark;
 * text inside MDX components and HTML blocks is prose, while tags, attributes, expressions,
 * imports and code are not. An MDX file that does not parse is read as plain Markdown.
 */
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { blocksOf, detached, noTexts, type MdNode } from "./parse-blocks.js";
import { readFrontmatter } from "./parse-frontmatter.js";
import type { Block, ParsedSource, Problem, Source } from "./types.js";

// Processors freeze on first use, so every plugin is attached once, here.
const markdown = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  .freeze();
const mdx = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  .use(remarkMdx)
  .freeze();

export function parseSource(source: Source): ParsedSource {
  const problems: Problem[] = [];
  const text = source.text.replace(/[\uE000-\uE002]/g, "");
  const tree = source.format === "txt" ? undefined : parseTree(source, text, problems);
  const blocks = tree ? blocksOf(tree) : plainTextBlocks(text);
  const frontmatter = tree ? readFrontmatter(tree, source.path, problems) : {};

  const firstHeading = blocks.find((block) => block.kind === "heading" && block.depth === 1);
  const title = detached(
    (frontmatter.title ?? firstHeading?.text ?? fileTitle(source.path))
      // A title is one line: in a heading or a link, a line break would end it and start new
      // Markdown. Frontmatter and setext headings can give several.
      .replace(/\s+/g, " ")
      .trim(),
  );
  const date = frontmatter.date ?? dateInFileName(source.path);
  return { source, title, date, blocks, problems };
}

function parseTree(source: Source, text: string, problems: Problem[]): MdNode {
  if (source.format !== "mdx") return markdown.parse(text) as MdNode;
  try {
    return mdx.parse(text) as MdNode;
  } catch (error) {
    const place = error as { line?: number; reason?: string; message?: string };
    problems.push({
      code: "mdx-invalid",
      file: source.path,
      line: place.line,
      message: `MDX does not parse (${place.reason ?? place.message}); read as plain Markdown`,
      severity: "warning",
    });
    return markdown.parse(blankEsmLines(text)) as MdNode;
  }
}

/**
 * Empties the lines of ESM `import` and `export` statements outside code fences, keeping the
 * line count, so MDX read as plain Markdown does not turn them into prose.
 */
export function blankEsmLines(text: string): string {
  const lines = text.split("\n");
  let fence: string | undefined;
  let inStatement = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && !inStatement) {
      if (fence === undefined) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    if (!inStatement && !/^(import|export)\s/.test(line)) continue;
    inStatement = !endsStatement(line);
    lines[i] = "";
  }
  return lines.join("\n");
}

/**
 * Tells whether a line of an ESM statement is its last: a blank line, a line ending with a
 * module path (`from './a'`, `import './a.css'`) or a semicolon, or a one-line `export`.
 */
function endsStatement(line: string): boolean {
  if (line.trim() === "" || /["'];?\s*$|;\s*$/.test(line)) return true;
  return /^export\s/.test(line) && !/[{([,]\s*$/.test(line);
}

/** Splits a plain text file into paragraphs at blank lines. */
function plainTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  const lines = text.split("\n");
  for (let i = 0; i <= lines.length; i++) {
    const blank = i === lines.length || lines[i]!.trim() === "";
    if (!blank) continue;
    const paragraph = lines.slice(start, i).join(" ").replace(/\s+/g, " ").trim();
    if (paragraph) {
      blocks.push({
        kind: "paragraph",
        text: paragraph,
        lines: [start + 1, i],
        depth: 0,
        headings: noTexts,
        linkTexts: noTexts,
        lang: "",
      });
    }
    start = i + 1;
  }
  return blocks;
}

function fileTitle(path: string): string {
  const name = path
    .split("/")
    .pop()!
    .replace(/\.[^.]+$/, "");
  return name.replace(/[-_]+/g, " ").replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

/** Finds a date such as `2024-09`, `2024-09-30` or `2026` in a file name. */
export function dateInFileName(path: string): string | undefined {
  const name = path.split("/").pop()!;
  const match =
    /(?:^|[^0-9])((?:19|20)\d\d)(?:[-_.]?(0[1-9]|1[0-2]))?(?:[-_.]?([0-2]\d|3[01]))?(?![0-9])/.exec(
      name,
    );
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join("-");
}

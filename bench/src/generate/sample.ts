/**
 * Reads the real corpora once and keeps what synthetic sources are made of. That is the file
 * sizes, the share of MDX files and of files with frontmatter, the headings and blocks, and the
 * identifiers written as inline code with the number of files that use each.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

export interface CorpusSample {
  /** Byte sizes of the corpus files. */
  sizes: number[];
  mdxShare: number;
  frontmatterShare: number;
  /** Heading texts without their `#` marks. */
  headings: string[];
  /** Paragraphs, lists, tables and code blocks of all files, as Markdown. */
  markdownBlocks: string[];
  /** The blocks that parse on their own as MDX. */
  mdxBlocks: string[];
  identifiers: { name: string; files: number }[];
}

/** Inline code that names a thing: a word, variable, path or model tag, not a code snippet. */
export const identifierPattern = /`([A-Za-z_/][\w.\-/:]{1,39})`/g;

const mdx = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  .use(remarkMdx);

function parsesAsMdx(block: string): boolean {
  try {
    mdx.parse(block);
    return true;
  } catch {
    return false;
  }
}

const frontmatterPattern = /^---\n[\s\S]*?\n---\n/;

/** Splits a file into its headings and its blocks, keeping fenced code blocks whole. */
export function splitBlocks(text: string): { headings: string[]; blocks: string[] } {
  const headings: string[] = [];
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = (): void => {
    const block = current.join("\n").trim();
    if (block && !/^(import|export)\s/.test(block)) blocks.push(block);
    current = [];
  };
  for (const line of text.replace(/\r\n?/g, "\n").replace(frontmatterPattern, "").split("\n")) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker === fence) fence = undefined;
    const heading = fence === undefined ? /^#{1,6}\s+(.+)$/.exec(line)?.[1] : undefined;
    if (heading) {
      flush();
      headings.push(heading.trim());
    } else if (fence === undefined && line.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return { headings, blocks };
}

async function corpusFiles(dirs: string[]): Promise<string[]> {
  const lists = await Promise.all(
    dirs.map((dir) => readdir(dir, { withFileTypes: true, recursive: true })),
  );
  return lists
    .flat()
    .filter((entry) => entry.isFile() && /\.(md|mdx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function compareCodePoints(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function countIdentifiers(texts: string[]): { name: string; files: number }[] {
  const files = new Map<string, number>();
  for (const text of texts) {
    const names = new Set([...text.matchAll(identifierPattern)].map((match) => match[1] ?? ""));
    for (const name of names) files.set(name, (files.get(name) ?? 0) + 1);
  }
  return [...files]
    .map(([name, count]) => ({ name, files: count }))
    .sort((a, b) => compareCodePoints(a.name, b.name));
}

export async function sampleCorpora(dirs: string[]): Promise<CorpusSample> {
  const files = await corpusFiles(dirs);
  const texts = await Promise.all(files.map((file) => readFile(file, "utf8")));
  const sample: CorpusSample = {
    sizes: texts.map((text) => Buffer.byteLength(text)),
    mdxShare: files.filter((file) => file.endsWith(".mdx")).length / files.length,
    frontmatterShare: texts.filter((text) => frontmatterPattern.test(text)).length / files.length,
    headings: [],
    markdownBlocks: [],
    mdxBlocks: [],
    identifiers: countIdentifiers(texts),
  };
  for (const [index, text] of texts.entries()) {
    const { headings, blocks } = splitBlocks(text);
    sample.headings.push(...headings);
    sample.markdownBlocks.push(...blocks);
    if (files[index]?.endsWith(".mdx")) sample.mdxBlocks.push(...blocks.filter(parsesAsMdx));
  }
  return sample;
}

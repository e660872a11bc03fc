/**
 * The floor: the bare tools on the files a build reads. `node floor-child.js RAW OUT` reads every
 * Markdown, MDX and text file below RAW. It parses the Markdown and MDX files with unified and
 * remark (remark-mdx for `.mdx`, remark-frontmatter and remark-gfm for both). It writes each
 * file's text to the same path below OUT and prints its figures as one JSON line.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

export interface FloorFigures {
  files: number;
  bytes: number;
  readMs: number;
  parseMs: number;
  writeMs: number;
  totalMs: number;
  /** Peak resident set size of the floor process, in KiB. */
  maxRssKiB: number;
}

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
const extensions = new Set([".md", ".markdown", ".mdx", ".txt"]);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && extensions.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Parses one file as the compiler does: MDX that does not parse is read as Markdown. */
function parseFile(file: string, text: string): void {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".txt") return;
  if (extension !== ".mdx") return void markdown.parse(text);
  try {
    mdx.parse(text);
  } catch {
    markdown.parse(text);
  }
}

async function runFloor(rawDir: string, outDir: string): Promise<FloorFigures> {
  const started = performance.now();
  const files = await listFiles(rawDir);
  const texts = await Promise.all(files.map((file) => readFile(file, "utf8")));
  const read = performance.now();

  files.forEach((file, index) => parseFile(file, texts[index] ?? ""));
  const parsed = performance.now();

  for (const [index, file] of files.entries()) {
    const target = path.join(outDir, path.relative(rawDir, file));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, texts[index] ?? "");
  }
  const written = performance.now();
  return {
    files: files.length,
    bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    readMs: read - started,
    parseMs: parsed - read,
    writeMs: written - parsed,
    totalMs: written - started,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

const [rawDir, outDir] = process.argv.slice(2);
if (!rawDir || !outDir) {
  throw new Error("usage: node floor-child.js RAW OUT; both folders are required");
}
process.stdout.write(`${JSON.stringify(await runFloor(rawDir, outDir))}\n`);

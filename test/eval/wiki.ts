/**
 * Reads a generated wiki folder: every `.md` page with its frontmatter (`title`, `type`,
 * `aliases`, `sources`) and its body. Problems with a page are collected, not thrown.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

export interface PageSource {
  path: string;
  lines: [number, number][];
}

export interface WikiPage {
  /** Path inside the wiki folder, POSIX, without `.md`: `entities/ollama-host`. */
  slug: string;
  title: string;
  /** `entity`, `concept`, `source`, `community`, `index`, `contradictions`, `log`, ... */
  type: string;
  aliases: string[];
  sources: PageSource[];
  body: string;
}

export interface Wiki {
  dir: string;
  pages: WikiPage[];
  /** Pages whose frontmatter is missing or invalid, as `slug: reason`. */
  problems: string[];
}

/** Page types that stand for one entity or concept. */
export const thingTypes = new Set(["entity", "concept"]);

async function markdownFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await markdownFiles(dir, relative)));
    else if (entry.name.endsWith(".md")) files.push(relative);
  }
  return files;
}

function splitFrontmatter(text: string): { yaml: string; body: string } | undefined {
  const normalized = text.replace(/\r\n/g, "\n");
  if (!normalized.startsWith("---\n")) return undefined;
  const end = normalized.indexOf("\n---\n", 3);
  if (end < 0) return undefined;
  return { yaml: normalized.slice(4, end + 1), body: normalized.slice(end + 5) };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function rangesOf(value: unknown): [number, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((range): [number, number][] => {
    if (!Array.isArray(range) || range.length !== 2) return [];
    const [start, end] = range;
    return typeof start === "number" && typeof end === "number" ? [[start, end]] : [];
  });
}

function sourcesOf(value: unknown): PageSource[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): PageSource[] => {
    if (typeof item !== "object" || item === null) return [];
    const fields = item as Record<string, unknown>;
    if (typeof fields["path"] !== "string") return [];
    return [{ path: fields["path"], lines: rangesOf(fields["lines"]) }];
  });
}

/** Parses one page; returns a reason string when its frontmatter cannot be read. */
export function parsePage(slug: string, text: string): WikiPage | string {
  const parts = splitFrontmatter(text);
  if (!parts) return "no frontmatter block between `---` lines";
  let fields: unknown;
  try {
    fields = parse(parts.yaml);
  } catch (error) {
    return `invalid YAML frontmatter: ${(error as Error).message.split("\n")[0]}`;
  }
  if (typeof fields !== "object" || fields === null) return "frontmatter is not a mapping";
  const data = fields as Record<string, unknown>;
  return {
    slug,
    title: typeof data["title"] === "string" ? data["title"] : "",
    type: typeof data["type"] === "string" ? data["type"] : "",
    aliases: stringList(data["aliases"]),
    sources: sourcesOf(data["sources"]),
    body: parts.body,
  };
}

export async function readWiki(dir: string): Promise<Wiki> {
  const pages: WikiPage[] = [];
  const problems: string[] = [];
  for (const file of await markdownFiles(dir)) {
    const slug = file.replace(/\.md$/, "");
    const page = parsePage(slug, await readFile(path.join(dir, file), "utf8"));
    if (typeof page === "string") problems.push(`${slug}: ${page}`);
    else pages.push(page);
  }
  return { dir, pages, problems };
}

/**
 * Conversions between the three kinds of path: a source path (relative to the raw folder), a page
 * slug (relative to the output folder, without `.md`) and a file path on disk. Only these
 * functions turn one into another, so a name taken from source text can never leave the output.
 */
import path from "node:path";
import type { PageSlug, SourcePath } from "./types.js";

/** Windows device names, reserved in any case and with any extension. */
const reservedNames = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const maxSlugSegment = 80;

export function toSourcePath(rawDir: string, file: string): SourcePath {
  return path.relative(rawDir, file).split(path.sep).join("/") as SourcePath;
}

/**
 * Turns a name into a file-name segment: lowercase letters and digits of any script joined by
 * single hyphens, at most 80 characters, never empty, never a reserved device name.
 */
export function slugify(name: string): string {
  const words = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let segment = "";
  for (const word of words) {
    const next = segment ? `${segment}-${word}` : word;
    if (next.length > maxSlugSegment) break;
    segment = next;
  }
  if (!segment) segment = words[0]?.slice(0, maxSlugSegment) ?? "page";
  return reservedNames.test(segment) ? `${segment}-page` : segment;
}

export function pageSlug(folder: string, ...segments: string[]): PageSlug {
  return [folder, ...segments.map(slugify)].join("/") as PageSlug;
}

/** Slug of the page of a source: its folders and file name, each slugified, under `folder`. */
export function sourcePageSlug(folder: string, source: SourcePath): PageSlug {
  const withoutExtension = source.replace(/\.(md|mdx|txt)$/i, "");
  return pageSlug(folder, ...withoutExtension.split("/"));
}

/** Resolves a slug inside the output folder; throws when the result would leave it. */
export function pageFile(outDir: string, slug: PageSlug): string {
  const file = path.resolve(outDir, ...`${slug}.md`.split("/"));
  const root = path.resolve(outDir) + path.sep;
  if (!file.startsWith(root)) throw new Error(`page path escapes the output folder: ${slug}`);
  return file;
}

/** Relative link from one page to another, POSIX, for Markdown links. */
export function relativeLink(from: PageSlug, to: PageSlug): string {
  return `${path.posix.relative(path.posix.dirname(from), to)}.md`;
}

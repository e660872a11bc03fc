/**
 * Conversions between the three kinds of path: a source path (relative to the raw folder), a page
 * slug (relative to the output folder, without `.md`) and a file path on disk. Only these
 * functions turn one into another, so a name taken from source text can never leave the output.
 */
import path from "node:path";
import type { PageSlug, SourcePath } from "./types.js";

/** Windows device names, reserved in any case and with any extension. */
const reservedNames = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Characters of a slug segment; at most 200 UTF-8 bytes keeps `-NN.md` within 255 bytes. */
const maxSegmentChars = 80;
const maxSegmentBytes = 200;
/** A path segment that no system reads as a separator, a drive or a control sequence. */
const safeSegment = /^[^\\:\p{Cc}]+$/u;

export function toSourcePath(rawDir: string, file: string): SourcePath {
  return path.relative(rawDir, file).split(path.sep).join("/") as SourcePath;
}

/**
 * Turns a name into a file-name segment: lowercase letters (with their combining marks) and
 * digits of any script, joined by single hyphens. The segment is cut at a word end to fit 80
 * characters and 200 UTF-8 bytes (inside its first word when that is longer), and it is never
 * empty and never a reserved device name.
 */
export function slugify(name: string): string {
  const words = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .replace(/(^| )\p{M}+/gu, "$1")
    .trim()
    .split(" ")
    .filter(Boolean);
  let segment = "";
  for (const word of words) {
    const next = segment ? `${segment}-${word}` : word;
    if (!fits(next)) break;
    segment = next;
  }
  if (!segment) segment = truncate(words[0] ?? "") || "page";
  return reservedNames.test(segment) ? `${segment}-page` : segment;
}

function fits(segment: string): boolean {
  return [...segment].length <= maxSegmentChars && Buffer.byteLength(segment) <= maxSegmentBytes;
}

/** Returns the longest prefix of whole code points of `word` that fits a segment. */
function truncate(word: string): string {
  let result = "";
  for (const char of word) {
    if (!fits(result + char)) break;
    result += char;
  }
  return result;
}

/** Turns one name into one file-name segment; `slugify` unless the schema picks another rule. */
export type SegmentNamer = (name: string) => string;

export function pageSlug(folder: string, name: string, nameOf: SegmentNamer = slugify): PageSlug {
  return `${folder}/${nameOf(name)}` as PageSlug;
}

/**
 * Slug of the page of a source: its folders and file name, each named by `nameOf`, under `folder`.
 */
export function sourcePageSlug(
  folder: string,
  source: SourcePath,
  nameOf: SegmentNamer = slugify,
): PageSlug {
  const withoutExtension = source.replace(/\.(md|mdx|markdown|txt)$/i, "");
  return [folder, ...withoutExtension.split("/").map(nameOf)].join("/") as PageSlug;
}

/** Resolves a slug inside the output folder; throws when the result would leave it. */
export function pageFile(outDir: string, slug: PageSlug): string {
  const file = path.resolve(outDir, ...`${slug}.md`.split("/"));
  const root = path.resolve(outDir) + path.sep;
  if (!file.startsWith(root)) throw new Error(`page path escapes the output folder: ${slug}`);
  return file;
}

/**
 * True when `file` is a path that stays inside the output folder on any system: relative, with
 * `/` separators, no empty, `.` or `..` segment, no backslash, colon or control character. Paths
 * read from the manifest or the journal are checked with it before a file is written or deleted.
 */
export function isOutputPath(file: string): boolean {
  if (!file || file.length > 4096) return false;
  return file
    .split("/")
    .every(
      (segment) =>
        segment !== "" && segment !== "." && segment !== ".." && safeSegment.test(segment),
    );
}

/**
 * Relative paths between the folders of two pages, by `FROM\0TO`. Pages sit in few folders, and a
 * wiki of 10,000 sources writes 1.2 million links.
 */
const folderPaths = new Map<string, string>();

/** Relative link from one page to another, POSIX, for Markdown links. */
export function relativeLink(from: PageSlug, to: PageSlug): string {
  const folder = relativeFolder(path.posix.dirname(from), path.posix.dirname(to));
  return `${folder}${path.posix.basename(to)}.md`;
}

/** Returns the path from one folder to another, ending in `/`, or empty for the same folder. */
function relativeFolder(from: string, to: string): string {
  const key = `${from}\0${to}`;
  let relative = folderPaths.get(key);
  if (relative === undefined) {
    relative = path.posix.relative(from, to);
    if (relative) relative += "/";
    folderPaths.set(key, relative);
  }
  return relative;
}

/**
 * The page model that write, link, cluster and emit pass along. Bodies are Markdown with link
 * markers in place of links: the link stage turns each marker into a link when its target page
 * exists and into plain text when it does not, so a broken link is never written.
 */
import type { PageSlug, SourcePath } from "../types.js";

export type PageType =
  "source" | "entity" | "concept" | "community" | "index" | "contradictions" | "log";

/** One source a page rests on, as written in its frontmatter. */
export interface SourceRef {
  path: SourcePath;
  sha256: string;
  lines: [number, number][];
}

export interface Page {
  slug: PageSlug;
  title: string;
  type: PageType;
  /** The entity or concept type from the schema, for entity and concept pages. */
  entityType?: string;
  aliases: string[];
  /** One line shown where the page is listed (index and community pages). */
  summary: string;
  sources: SourceRef[];
  /** Markdown with link markers (see `linkMarker`). */
  body: string;
  /** Entities and concepts the page links to as related, by key. */
  related: { key: string; name: string }[];
  /** Extra frontmatter fields written after the common ones, in this order. */
  extra: [string, unknown][];
}

/** The part of a member page that community pages and their overviews show. */
export type ListedPage = Pick<Page, "slug" | "title" | "type" | "summary">;

/** A link target: a thing's identity key, a source path or a page slug. */
export type LinkTarget = `thing:${string}` | `source:${string}` | `page:${string}`;

const open = "\uE000";
const middle = "\uE001";
const close = "\uE002";
export const markerPattern = /\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/g;

export function linkMarker(target: LinkTarget, text: string): string {
  return `${open}${target}${middle}${escapeMarkdown(text)}${close}`;
}

/**
 * Escapes text taken from sources so it cannot open HTML, links or wikilinks in a page. Code
 * spans are kept as they are, because Markdown shows escapes inside them literally.
 */
export function escapeMarkdown(text: string): string {
  const clean = text.replace(/[\uE000-\uE002]/g, "");
  const parts = clean.split(/(`+[^`]*`+)/g);
  const escaped = parts.map((part, index) => (index % 2 === 1 ? part : escapeProse(part))).join("");
  return escapeBlockStart(escaped);
}

function escapeProse(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([[\]])/g, "\\$1");
}

/**
 * Escapes the marker that would open a block where the text starts a line or a list item: an
 * ATX heading of any level, a bullet, an ordered item, a code fence or a thematic break.
 */
function escapeBlockStart(text: string): string {
  return text
    .replace(/^(#{1,6}|[+*-])(?=\s|$)/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
    .replace(/^(`{3,}|~{3,})/, "\\$1")
    .replace(/^([-*_])(?=(?:\s*\1){2,}\s*$)/, "\\$1");
}

/** Lines as `12-14`, or `12` for a single line. */
export function formatLines(lines: [number, number]): string {
  return lines[0] === lines[1] ? `${lines[0]}` : `${lines[0]}-${lines[1]}`;
}

/** Merges overlapping or touching ranges and sorts them. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

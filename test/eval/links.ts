/**
 * Links and citations in page bodies. Links are Markdown links with relative `.md` targets or
 * `[[slug|text]]` wikilinks. A citation is the text `path:12-14` inside parentheses, usually
 * linked to the source's page. A group separates sources with `;` and ranges with `,`.
 */
import path from "node:path";

export interface Link {
  /** Slug of the target page, resolved against the linking page. */
  target: string;
  text: string;
}

export interface Citation {
  source: string;
  ranges: [number, number][];
}

/** A parenthesized group of citations in a line of plain text, with its offsets. */
export interface CitationGroup {
  start: number;
  end: number;
  citations: Citation[];
}

const markdownLink = /(?<!\\)(!?)\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g;
const wikiLink = /\[\[([^\]|]+)(?:\|([^\]]*))?\]\]/g;
const external = /^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i;

function slugOf(fromSlug: string, target: string): string | undefined {
  const withoutAnchor = target.split("#")[0] ?? "";
  if (!withoutAnchor.endsWith(".md")) return undefined;
  const resolved = path.posix.normalize(
    path.posix.join(path.posix.dirname(fromSlug), decodeURIComponent(withoutAnchor)),
  );
  return resolved.replace(/\.md$/, "");
}

/** Returns the links of a body to pages of the wiki (not images, not external addresses). */
export function linksOf(fromSlug: string, body: string): Link[] {
  const links: Link[] = [];
  for (const match of body.matchAll(markdownLink)) {
    const [, image, text, target] = match;
    if (image || !target || external.test(target)) continue;
    const slug = slugOf(fromSlug, target);
    if (slug !== undefined) links.push({ target: slug, text: text ?? "" });
  }
  for (const match of body.matchAll(wikiLink)) {
    links.push({ target: match[1]!.replace(/\.md$/, "").trim(), text: match[2] ?? match[1]! });
  }
  return links;
}

/** Replaces every link by its text, so citations and statements read as plain text. */
export function withoutLinks(line: string): string {
  return line
    .replace(markdownLink, (_match, image: string, text: string) => (image ? "" : text))
    .replace(wikiLink, (_match, target: string, text: string | undefined) => text ?? target);
}

const citationText = /([^\s:;()[\]]+\.(?:mdx?|txt)):\s?(\d+(?:-\d+)?(?:,\s?\d+(?:-\d+)?)*)/g;
const group = /\(([^()]*?\.(?:mdx?|txt):\s?\d[^()]*)\)/g;

function rangesOf(text: string): [number, number][] {
  return text.split(",").map((part) => {
    const [start, end] = part.trim().split("-").map(Number);
    return [start!, end ?? start!];
  });
}

/** Parses `a.md:1-2, 5; b.mdx:7` into citations. */
export function parseCitations(text: string): Citation[] {
  return [...text.matchAll(citationText)].map((match) => ({
    source: match[1]!.replace(/\\/g, ""),
    ranges: rangesOf(match[2]!),
  }));
}

/** Finds the citation groups of one line of plain text (links already replaced). */
export function citationGroups(line: string): CitationGroup[] {
  const groups = [...line.matchAll(group)].flatMap((match) => {
    const citations = parseCitations(match[1]!);
    if (!citations.length) return [];
    return [{ start: match.index, end: match.index + match[0].length, citations }];
  });
  // A list item may start with its citations, unbracketed: `- a.md:12-14; b.md:3: value`.
  const leading = leadingGroup.exec(line);
  if (leading && !groups.some((found) => found.start <= leading[1]!.length)) {
    const citations = parseCitations(leading[2]!);
    const start = leading[1]!.length;
    if (citations.length) groups.unshift({ start, end: start + leading[2]!.length, citations });
  }
  return groups;
}

const leadingGroup = /^(\s*-\s+)((?:[^\s;()]+\.(?:mdx?|txt):\s?\d[\d, -]*(?:;\s*)?)+)/;

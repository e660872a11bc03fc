/**
 * emit: the pages that code writes from the whole build: `index.md` (every page at most two
 * links away), one page per community, and `contradictions.md`.
 */
import { compareCodePoints as compare } from "../scan.js";
import type { PageSlug } from "../types.js";
import type { Contradiction, SourcedClaim } from "../types.js";
import { escapeMarkdown, linkMarker, type ListedPage, type Page } from "../write/page.js";
import { cite } from "../write/thing-page.js";
import type { Community } from "./communities.js";

export interface CommunityView {
  community: Community;
  title: string;
  overview: string;
  /** Other communities by number of links to them, most linked first. */
  neighbours: PageSlug[];
}

export function communityPage(view: CommunityView, pages: Map<PageSlug, ListedPage>): Page {
  // Listed by title, not by centrality: a member's weighted degree moves with edits elsewhere
  // in the graph, which would rewrite this page though nothing it shows changed.
  const listed = view.community.members.map((slug) => pages.get(slug)!).sort(byTitle);
  const members = listed.map((page) => {
    const summary =
      page.summary && page.summary !== page.title ? `: ${escapeMarkdown(page.summary)}` : "";
    return `- ${linkMarker(`page:${page.slug}`, page.title)}${summary}`;
  });
  const neighbours = view.neighbours.map(
    // Named by file name, which stays while the community stays, so a neighbour's new title
    // does not rewrite this page.
    (slug) => `- ${linkMarker(`page:${slug}`, slug.split("/").pop()!)}`,
  );
  const body = [
    `# ${escapeMarkdown(view.title)}`,
    view.overview ? escapeMarkdown(view.overview) : "",
    `## Members\n\n${members.join("\n")}`,
    neighbours.length ? `## Linked communities\n\n${neighbours.join("\n")}` : "",
  ];
  return {
    slug: view.community.slug,
    title: view.title,
    type: "community",
    aliases: [],
    related: [],
    summary: view.overview || `${view.community.members.length} pages`,
    sources: [],
    body: body.filter(Boolean).join("\n\n") + "\n",
    extra: [["members", [...view.community.members].sort()]],
  };
}

function byTitle(a: ListedPage, b: ListedPage): number {
  return compare(a.title.toLowerCase(), b.title.toLowerCase()) || compare(a.slug, b.slug);
}

export function indexPage(
  views: CommunityView[],
  counts: { sources: number; pages: number; contradictions: number },
): Page {
  const items = views.map((view) => {
    const size = view.community.members.length;
    return `- ${linkMarker(`page:${view.community.slug}`, view.title)} (${size} ${size === 1 ? "page" : "pages"})`;
  });
  const body = [
    "# Index",
    `${counts.pages} pages compiled from ${counts.sources} sources, in ${views.length} communities.`,
    `See also: ${linkMarker("page:contradictions", "contradictions")} (${counts.contradictions}) and ${linkMarker("page:log", "the build log")}.`,
    `## Communities\n\n${items.join("\n")}`,
  ];
  return page("index" as PageSlug, "Index", "index", body);
}

export function contradictionsPage(records: Contradiction[]): Page {
  const items = records.map((record) => {
    const sides = record.sides.map((side) => {
      const newest = record.newest === side.source ? " (newest)" : "";
      return `  - ${cite([side], false)}${newest}: ${sideValue(side)}`;
    });
    const subject = linkMarker(`thing:${record.subjectKey}`, record.subject);
    return [`- ${subject}, ${escapeMarkdown(record.attribute || "statement")}:`, ...sides].join(
      "\n",
    );
  });
  const body = [
    "# Contradictions",
    records.length
      ? "Each entry lists every source that disagrees about one subject and attribute."
      : "No contradictions were found between the sources.",
    items.join("\n"),
  ];
  return page("contradictions" as PageSlug, "Contradictions", "contradictions", body);
}

/** A side's value with the conditions its source ties it to: `640 entries (for most tables)`. */
export function sideValue(side: SourcedClaim): string {
  const value = side.polarity === "negative" ? `not ${side.value}` : side.value;
  const conditions = side.conditions.length ? ` (${side.conditions.join("; ")})` : "";
  return escapeMarkdown(`${value || side.statement}${conditions}`);
}

function page(slug: PageSlug, title: string, type: Page["type"], body: string[]): Page {
  return {
    slug,
    title,
    type,
    aliases: [],
    related: [],
    summary: "",
    sources: [],
    body: body.filter(Boolean).join("\n\n") + "\n",
    extra: [],
  };
}

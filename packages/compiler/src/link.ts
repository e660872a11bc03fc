/**
 * link: turns the link markers of every page into links to pages that exist: relative Markdown
 * links by default, `[[wikilinks]]` for Obsidian-only vaults. A marker whose target has no page
 * becomes plain text. Returns the links found, for the graph of the cluster stage.
 */
import { relativeLink } from "./paths.js";
import type { LinkStyle } from "./schema/config.js";
import type { PageSlug } from "./types.js";
import { markerPattern, type Page } from "./write/page.js";

export interface PageLink {
  from: PageSlug;
  to: PageSlug;
}

/** Finds the slug of a marker target, or undefined when no page exists for it. */
export type TargetResolver = (target: string) => PageSlug | undefined;

export function linkPages(pages: Page[], resolve: TargetResolver, style: LinkStyle): PageLink[] {
  const links: PageLink[] = [];
  for (const page of pages) {
    page.body = page.body.replace(markerPattern, (_marker, target: string, text: string) => {
      const slug = resolve(target);
      if (!slug || slug === page.slug) return text;
      links.push({ from: page.slug, to: slug });
      return renderLink(page.slug, slug, text, style);
    });
  }
  return links;
}

/** Returns the links that `linkPages` would make, leaving the pages unchanged. */
export function findLinks(pages: Page[], resolve: TargetResolver): PageLink[] {
  const links: PageLink[] = [];
  for (const page of pages) {
    for (const [, target] of page.body.matchAll(markerPattern)) {
      const slug = resolve(target ?? "");
      if (slug && slug !== page.slug) links.push({ from: page.slug, to: slug });
    }
  }
  return links;
}

export function renderLink(from: PageSlug, to: PageSlug, text: string, style: LinkStyle): string {
  if (style === "wikilink") return `[[${to}|${text.replace(/[|\]]/g, " ")}]]`;
  return `[${text}](${relativeLink(from, to)})`;
}

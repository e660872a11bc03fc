/**
 * Link figures of a wiki. Links between entity and concept pages are what a reader follows, so
 * they are counted apart from citation links to source pages. A link to a page that does not
 * exist is broken.
 */
import { linksOf } from "./links.js";
import { thingTypes, type WikiPage } from "./wiki.js";

export interface LinkScore {
  /** Entity and concept pages that link to no other entity or concept page. */
  withoutLinks: number;
  /** `withoutLinks` over entity and concept pages, or `null` when there are none. */
  withoutLinksShare: number | null;
  /** Mean number of distinct entity and concept pages that each such page links to. */
  linksPerPage: number | null;
  /** Links, from any page, to a page that does not exist. */
  broken: { page: string; target: string }[];
}

export function scoreLinks(pages: WikiPage[]): LinkScore {
  const types = new Map(pages.map((page) => [page.slug, page.type]));
  const things = pages.filter((page) => thingTypes.has(page.type));
  const broken: LinkScore["broken"] = [];
  for (const page of pages) {
    for (const link of linksOf(page.slug, page.body)) {
      if (!types.has(link.target)) broken.push({ page: page.slug, target: link.target });
    }
  }

  const counts = things.map((page) => {
    const targets = linksOf(page.slug, page.body)
      .map((link) => link.target)
      .filter((target) => target !== page.slug && thingTypes.has(types.get(target) ?? ""));
    return new Set(targets).size;
  });
  const withoutLinks = counts.filter((count) => count === 0).length;
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    withoutLinks,
    withoutLinksShare: things.length ? withoutLinks / things.length : null,
    linksPerPage: things.length ? total / things.length : null,
    broken,
  };
}

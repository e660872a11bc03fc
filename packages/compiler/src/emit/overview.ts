/**
 * Titles and overviews of communities. The model writes a short overview when a model is used
 * (cached by the members it saw). Otherwise the title names the most central source and members.
 * A failed overview is reported against the community page, whose path is relative to the
 * output folder.
 */
import { createHash } from "node:crypto";
import { cachedStep, type BuildContext } from "../context.js";
import type { PageSlug } from "../types.js";
import type { ListedPage } from "../write/page.js";
import type { Community } from "./communities.js";

export async function describeCommunity(
  context: BuildContext,
  community: Community,
  pages: Map<PageSlug, ListedPage>,
  /** False to take an overview from the cache only, without a model call. */
  mayCall = true,
): Promise<{ title: string; overview: string }> {
  const members = community.members.map((slug) => pages.get(slug)!);
  const fallback = fallbackTitle(members);
  const brief = {
    members: members.slice(0, 40).map((page) => ({ title: page.title, summary: page.summary })),
  };
  // Keyed by the members as a set, because pages of equal degree are ordered by slug, and a
  // change of `layout` that renames slugs should not make the model describe them again.
  // NOTE: in a community of more than 40 members, which 40 are sent still depends on that order.
  const canonical = brief.members.map((member) => JSON.stringify(member)).sort();
  const key = createHash("sha256").update(JSON.stringify(canonical)).digest("hex");

  let answered: { title: string; overview: string } | undefined;
  if (!mayCall) {
    const cacheKey = context.cache.key("overview", context.promptVersions.overview, key);
    const cached = await context.cache.get<{ title: string; overview: string }>(cacheKey);
    return { title: oneLine(cached?.title) || fallback, overview: oneLine(cached?.overview) };
  }
  const result = await cachedStep(context, "overview", [key], async () => {
    const overview = await context.provider.overview(brief, context.step);
    return (
      overview ?? {
        ok: true,
        value: { title: "", overview: "" },
        usage: { calls: 0, promptTokens: 0, completionTokens: 0, retries: 0 },
      }
    );
  });
  if (result.ok) answered = result.value;
  else {
    context.problems.push({
      code: "overview-failed",
      file: `${community.slug}.md`,
      message: `no overview (${result.message}); the page lists its members only`,
      severity: "warning",
    });
  }
  return { title: oneLine(answered?.title) || fallback, overview: oneLine(answered?.overview) };
}

/**
 * Joins a model's text into one line. A title or overview sits in a heading, in a paragraph and
 * in the one-line `summary` field, where a line break would start new Markdown.
 */
function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Returns the title of a community without a model: its most central source's title, then its
 * three most central other members, "Networking: proxy, firewall and ports". The source tells
 * where to read, and the members name what the community is about.
 */
function fallbackTitle(members: ListedPage[]): string {
  const source = members.find((page) => page.type === "source");
  const sourceTitle = source?.title.toLowerCase();
  const named = members
    .filter((page) => page.type !== "source" && page.title.toLowerCase() !== sourceTitle)
    .slice(0, 3);
  if (!named.length) return titleFrom(members.slice(0, 3));
  return source ? `${source.title}: ${titleFrom(named)}` : titleFrom(named);
}

function titleFrom(pages: ListedPage[]): string {
  const titles = pages.map((page) => page.title);
  if (titles.length <= 1) return titles[0] ?? "Pages";
  return `${titles.slice(0, -1).join(", ")} and ${titles[titles.length - 1]}`;
}

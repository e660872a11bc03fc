/**
 * Names communities so that they keep their identity across builds: a community whose members
 * are mostly those of a community of the previous build (read from the community pages in the
 * output folder) keeps that page's slug. A new community is named after its central member.
 */
import { slugify } from "../paths.js";
import { compare } from "../resolve/identity.js";
import type { Clustering } from "../cluster.js";
import type { ProviderIdentity } from "../provider.js";
import type { PageSlug } from "../types.js";

export interface Community {
  slug: PageSlug;
  /** Members sorted by weighted degree (most central first), then by slug. */
  members: PageSlug[];
}

/** A community page of the previous build. */
export interface PreviousCommunity {
  members: PageSlug[];
  title: string;
  /** The model's overview, or empty when the page has none. */
  overview: string;
  /** Provider, model, digest and overview prompt version that wrote the overview. */
  writer: string;
}

/** The community pages of the previous build, by community slug. */
export type PreviousCommunities = Map<PageSlug, PreviousCommunity>;

export function nameCommunities(
  clustering: Clustering,
  previous: PreviousCommunities,
  folder: string,
  /** Folder of source pages: a new community is named after its central source first. */
  sourceFolder = "",
): Community[] {
  const degree = clustering.degree;
  const groups = new Map<number, PageSlug[]>();
  for (const [slug, community] of clustering.communityOf) {
    const members = groups.get(community);
    if (members) members.push(slug);
    else groups.set(community, [slug]);
  }
  const ranked = [...groups.values()]
    .map((members) =>
      members.sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || compare(a, b)),
    )
    .sort((a, b) => b.length - a.length || compare(a[0]!, b[0]!));

  // Names are kept first, so that a new community never takes the name another one keeps.
  const taken = new Set<string>();
  const kept = ranked.map((members) => {
    const slug = bestPrevious(members, previous, taken, folder);
    if (slug) taken.add(slug);
    return slug;
  });
  const communities = ranked.map((members, index): Community => {
    const slug = kept[index] ?? freshSlug(folder, nameOf(members, sourceFolder), taken);
    taken.add(slug);
    return { slug, members };
  });
  return communities.sort((a, b) => compare(a.slug, b.slug));
}

/** The previous community most of whose members are in `members`, if any. */
function bestPrevious(
  members: PageSlug[],
  previous: PreviousCommunities,
  taken: Set<string>,
  folder: string,
): PageSlug | undefined {
  const current = new Set(members);
  let best: PageSlug | undefined;
  let bestOverlap = 0;
  for (const slug of [...previous.keys()].sort(compare)) {
    if (taken.has(slug) || !isCommunitySlug(slug, folder)) continue;
    const old = previous.get(slug)!.members;
    const overlap = old.filter((member) => current.has(member)).length;
    if (overlap * 2 > old.length && overlap > bestOverlap) {
      best = slug;
      bestOverlap = overlap;
    }
  }
  return best;
}

/** Provider, model, digest and overview prompt version, as a previous page records them. */
export function overviewWriterOf(identity: ProviderIdentity, overviewPrompt: string): string {
  return [identity.provider, identity.model, identity.digest, overviewPrompt].join(" ");
}

/**
 * Returns the title and overview of the previous page of a community that kept its name, when
 * the same model and overview prompt wrote them and the members changed little. Little is at
 * most a quarter of the members, or two in a community of eight or more, since a renamed source
 * replaces one page by another. So a deleted or renamed source costs no model call, and a
 * community that changed more gets a new overview.
 *
 * NOTE: the model options (context size, temperature) are not recorded on the page, so a change
 * of options alone keeps the overviews of communities that changed little.
 */
export function keptOverview(
  community: Community,
  previous: PreviousCommunities,
  writer: string,
  /** Keep the overview however much the members changed. */
  always = false,
): { title: string; overview: string } | undefined {
  const old = previous.get(community.slug);
  if (!old?.overview || old.writer !== writer) return undefined;
  if (always) return { title: old.title, overview: old.overview };
  const before = new Set(old.members);
  const after = new Set(community.members);
  const changed =
    old.members.filter((member) => !after.has(member)).length +
    community.members.filter((member) => !before.has(member)).length;
  const size = Math.max(before.size, after.size);
  const allowed = Math.max(size >= 8 ? 2 : 0, Math.floor(size / 4));
  return changed <= allowed ? { title: old.title, overview: old.overview } : undefined;
}

/** True for a slug this module could have made: one slugified segment under the folder. */
function isCommunitySlug(slug: string, folder: string): boolean {
  const segment = slug.slice(folder.length + 1);
  return slug.startsWith(`${folder}/`) && segment !== "" && slugify(segment) === segment;
}

/**
 * The name of a new community: the path of its most central source (`guides/readme` gives
 * `guides-readme`, so sources that share a file name do not give `readme-2`, `readme-3`), or
 * else the name of its most central page.
 */
function nameOf(members: PageSlug[], sourceFolder: string): string {
  const source = members.find((member) => member.startsWith(`${sourceFolder}/`));
  if (source) return source.slice(sourceFolder.length + 1).replace(/\//g, " ");
  return members[0]!.split("/").pop() ?? "community";
}

function freshSlug(folder: string, name: string, taken: Set<string>): PageSlug {
  const base = `${folder}/${slugify(name)}`;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug as PageSlug;
}

/**
 * Names communities so that they keep their identity across builds: a community whose members
 * are mostly those of a community of the previous build (read from the community pages in the
 * output folder) keeps that page's slug. A new community is named after its central member.
 */
import { slugify } from "../paths.js";
import { compare } from "../resolve/identity.js";
import type { Clustering } from "../cluster.js";
import type { PageSlug } from "../types.js";

export interface Community {
  slug: PageSlug;
  /** Members sorted by weighted degree (most central first), then by slug. */
  members: PageSlug[];
}

/** Members of each community page of the previous build, by community slug. */
export type PreviousCommunities = Map<PageSlug, PageSlug[]>;

export function nameCommunities(
  clustering: Clustering,
  previous: PreviousCommunities,
  folder: string,
): Community[] {
  const degree = weightedDegrees(clustering);
  const groups = new Map<number, PageSlug[]>();
  for (const [slug, community] of clustering.communityOf)
    groups.set(community, [...(groups.get(community) ?? []), slug]);
  const ranked = [...groups.values()]
    .map((members) =>
      members.sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || compare(a, b)),
    )
    .sort((a, b) => b.length - a.length || compare(a[0]!, b[0]!));

  const taken = new Set<string>();
  const communities: Community[] = [];
  for (const members of ranked) {
    const kept = bestPrevious(members, previous, taken);
    const slug = kept ?? freshSlug(folder, members[0]!, taken);
    taken.add(slug);
    communities.push({ slug, members });
  }
  return communities.sort((a, b) => compare(a.slug, b.slug));
}

/** The previous community most of whose members are in `members`, if any. */
function bestPrevious(
  members: PageSlug[],
  previous: PreviousCommunities,
  taken: Set<string>,
): PageSlug | undefined {
  const current = new Set(members);
  let best: PageSlug | undefined;
  let bestOverlap = 0;
  for (const slug of [...previous.keys()].sort(compare)) {
    if (taken.has(slug)) continue;
    const old = previous.get(slug)!;
    const overlap = old.filter((member) => current.has(member)).length;
    if (overlap * 2 > old.length && overlap > bestOverlap) {
      best = slug;
      bestOverlap = overlap;
    }
  }
  return best;
}

function freshSlug(folder: string, central: PageSlug, taken: Set<string>): PageSlug {
  const base = `${folder}/${slugify(central.split("/").pop() ?? "community")}`;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug as PageSlug;
}

function weightedDegrees(clustering: Clustering): Map<string, number> {
  const degree = new Map<string, number>();
  for (const [key, weight] of clustering.weights) {
    const [a, b] = key.split("\n") as [string, string];
    degree.set(a, (degree.get(a) ?? 0) + weight);
    degree.set(b, (degree.get(b) ?? 0) + weight);
  }
  return degree;
}

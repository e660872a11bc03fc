/**
 * The cluster stage on pages given as numbers: the communities and the weighted degrees depend on
 * the pages and their links, not on the order link went through the pages.
 */
import { describe, expect, it } from "vitest";
import { clusterPages, type PageGraph } from "../packages/compiler/src/cluster.js";
import type { PageSlug } from "../packages/compiler/src/types.js";

/** Returns two groups of three linked pages, joined by one link, in the order `slugs`. */
function twoGroups(slugs: string[]): PageGraph {
  const pairs = [
    ["entities/a", "entities/b"],
    ["entities/b", "entities/c"],
    ["entities/c", "entities/a"],
    ["concepts/x", "concepts/y"],
    ["concepts/y", "concepts/z"],
    ["concepts/z", "concepts/x"],
    ["entities/a", "concepts/x"],
  ];
  const links = pairs.flatMap(([from, to]) => [slugs.indexOf(from!), slugs.indexOf(to!)]);
  const citing = new Map([
    ["guide.md", [slugs.indexOf("entities/b"), slugs.indexOf("entities/c")]],
  ]);
  return { slugs: slugs as PageSlug[], links, citing };
}

const ordered = [
  "concepts/x",
  "concepts/y",
  "concepts/z",
  "entities/a",
  "entities/b",
  "entities/c",
];

describe("cluster pages", () => {
  it("finds the two groups", () => {
    const clustering = clusterPages(twoGroups(ordered));
    const communityOf = (slug: string) => clustering.communityOf.get(slug as PageSlug);

    expect(clustering.count).toBe(2);
    expect(communityOf("entities/b")).toBe(communityOf("entities/a"));
    expect(communityOf("concepts/z")).toBe(communityOf("concepts/x"));
    expect(communityOf("concepts/x")).not.toBe(communityOf("entities/a"));
  });

  it("sums link and shared source weights", () => {
    const { degree } = clusterPages(twoGroups(ordered));

    expect(degree.get("entities/a" as PageSlug)).toBe(3);
    expect(degree.get("entities/b" as PageSlug)).toBe(2.5);
    expect(degree.get("concepts/y" as PageSlug)).toBe(2);
  });

  it("ignores the page order", () => {
    const first = clusterPages(twoGroups(ordered));
    const second = clusterPages(twoGroups([...ordered].reverse()));

    expect(new Map([...second.communityOf].sort())).toEqual(new Map([...first.communityOf].sort()));
    expect(new Map([...second.degree].sort())).toEqual(new Map([...first.degree].sort()));
    expect(second.modularity).toBe(first.modularity);
  });
});

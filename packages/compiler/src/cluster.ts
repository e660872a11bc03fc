/**
 * cluster: builds an undirected graph of the pages (links and shared sources as weighted edges,
 * inserted in sorted order with explicit keys) and runs Louvain with a seeded random generator,
 * so the same pages always give the same communities.
 */
import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import type { PageLink } from "./link.js";
import type { PageSlug } from "./types.js";
import type { Page } from "./write/page.js";

export interface Clustering {
  /** Community number of each page. */
  communityOf: Map<PageSlug, number>;
  count: number;
  modularity: number;
  /** Edge weights between pages, for ranking members and linking communities. */
  weights: Map<string, number>;
}

// The package is CommonJS: at run time its default export is the function its types call `default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Pages of a source citing more things than this get no pairwise edges (they are hubs). */
const maxSharedSourceClique = 60;

export function clusterPages(pages: Page[], links: PageLink[]): Clustering {
  const weights = edgeWeights(pages, links);
  const graph = new UndirectedGraph();
  for (const slug of pages.map((page) => page.slug).sort()) graph.addNode(slug);
  for (const key of [...weights.keys()].sort()) {
    const [a, b] = key.split("\n") as [string, string];
    graph.addUndirectedEdgeWithKey(key, a, b, { weight: weights.get(key)! });
  }
  if (graph.size === 0) {
    const communityOf = new Map(pages.map((page, index) => [page.slug, index]));
    return { communityOf, count: pages.length, modularity: 0, weights };
  }
  const result = louvain.detailed(graph, { rng: seededRandom(1), getEdgeWeight: "weight" });
  const communityOf = new Map<PageSlug, number>();
  for (const [slug, community] of Object.entries(result.communities))
    communityOf.set(slug as PageSlug, community as number);
  return { communityOf, count: result.count, modularity: result.modularity, weights };
}

function edgeWeights(pages: Page[], links: PageLink[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (a: string, b: string, weight: number) => {
    if (a === b) return;
    const key = a < b ? `${a}\n${b}` : `${b}\n${a}`;
    weights.set(key, (weights.get(key) ?? 0) + weight);
  };
  const known = new Set(pages.map((page) => page.slug));
  for (const link of links)
    if (known.has(link.from) && known.has(link.to)) add(link.from, link.to, 1);

  const citing = new Map<string, PageSlug[]>();
  for (const page of pages) {
    if (page.type !== "entity" && page.type !== "concept") continue;
    for (const source of page.sources) {
      const group = citing.get(source.path);
      if (group) group.push(page.slug);
      else citing.set(source.path, [page.slug]);
    }
  }
  for (const group of citing.values()) {
    if (group.length < 2 || group.length > maxSharedSourceClique) continue;
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) add(group[i]!, group[j]!, 1 / group.length);
    }
  }
  return weights;
}

/** Mulberry32: a small seeded generator, so Louvain's random choices repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

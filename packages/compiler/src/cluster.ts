/**
 * cluster: builds an undirected graph of the pages (links and shared sources as weighted edges,
 * inserted in sorted order) and runs Louvain with a seeded random generator,
 * so the same pages always give the same communities.
 */
import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import { weighEdges, type EdgeWeights } from "./edge-weights.js";
import type { PageSlug } from "./types.js";

/**
 * The pages and their links as the cluster stage reads them, collected by link. Pages are
 * numbers, their indexes in `slugs`, so a graph of a million links stays small.
 */
export interface PageGraph {
  /** Every page's slug, in the order link went through them. */
  slugs: PageSlug[];
  /** The links between pages: the index of the linking page, then that of the linked one. */
  links: number[];
  /** The entity and concept pages citing each source, as indexes in page order. */
  citing: Map<string, number[]>;
}

export interface Clustering {
  /** Community number of each page. */
  communityOf: Map<PageSlug, number>;
  count: number;
  modularity: number;
  /** The sum of the weights of each page's edges, for ranking members. */
  degree: Map<PageSlug, number>;
}

// The package is CommonJS: at run time its default export is the function its types call `default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Pages of a source citing more things than this get no pairwise edges (they are hubs). */
const maxSharedSourceClique = 60;

export function clusterPages(pages: PageGraph): Clustering {
  // Nodes and edges go in sorted by slug, so the graph is the same whatever the page order.
  const sorted = [...pages.slugs].sort();
  const rank = new Map(sorted.map((slug, index) => [slug, index]));
  const rankOf = pages.slugs.map((slug) => rank.get(slug)!);
  const groups = [...pages.citing.values()].filter(
    (group) => group.length >= 2 && group.length <= maxSharedSourceClique,
  );
  const edges = weighEdges(pages.links, groups, rankOf);
  const degree = weightedDegrees(edges, sorted);
  // A node's key is its rank. Neighbours are added in ascending rank, and objects list integer
  // keys in ascending order, so the graph iterates as one keyed by slug would, only faster.
  const graph = new UndirectedGraph();
  for (let rank = 0; rank < sorted.length; rank++) graph.addNode(rank);
  addEdges(graph, edges.keys, sorted.length);
  if (graph.size === 0) {
    const communityOf = new Map(pages.slugs.map((slug, index) => [slug, index]));
    return { communityOf, count: pages.slugs.length, modularity: 0, degree };
  }
  const weightOf = (edge: string) => edges.weights[Number(edge)]!;
  const result = louvain.detailed(graph, { rng: seededRandom(1), getEdgeWeight: weightOf });
  const communityOf = new Map<PageSlug, number>();
  for (const [rank, community] of Object.entries(result.communities))
    communityOf.set(sorted[Number(rank)]!, community as number);
  return { communityOf, count: result.count, modularity: result.modularity, degree };
}

/**
 * Adds the edges in ascending order of `keys`. An edge's key in the graph is its index in `keys`,
 * where Louvain reads its weight, so the graph stores no attributes of its own: a wiki of 10,000
 * sources has 1.5 million edges.
 */
function addEdges(graph: UndirectedGraph, keys: Float64Array, n: number): void {
  const noAttributes = Object.freeze({});
  keys.forEach((key, index) => {
    graph.addUndirectedEdgeWithKey(index, Math.floor(key / n), key % n, noAttributes);
  });
}

/**
 * Sums the weights of each page's edges. Each sum adds its weights in the order the edges were
 * first weighed, and the map lists the pages in the order that reached them first.
 */
function weightedDegrees(edges: EdgeWeights, sorted: PageSlug[]): Map<PageSlug, number> {
  const n = sorted.length;
  const sums = new Float64Array(n);
  const reached: number[] = [];
  const add = (rank: number, weight: number) => {
    if (sums[rank] === 0) reached.push(rank);
    sums[rank]! += weight;
  };
  for (const edge of edges.firstWeighed) {
    const [key, weight] = [edges.keys[edge]!, edges.weights[edge]!];
    add(Math.floor(key / n), weight);
    add(key % n, weight);
  }
  return new Map(reached.map((rank) => [sorted[rank]!, sums[rank]!]));
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

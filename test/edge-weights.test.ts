/**
 * The edge weights of the page graph: links and pages citing one source add to the weight of
 * their edge, summed in the order they were made, as a map of edges would sum them.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../packages/compiler/src/cluster.js";
import { weighEdges } from "../packages/compiler/src/edge-weights.js";

/** Sums the weights in a map from `low * n + high`, which lists edges in the order first weighed. */
function mapWeights(links: number[], groups: number[][], rankOf: number[]): Map<number, number> {
  const n = rankOf.length;
  const weights = new Map<number, number>();
  const add = (from: number, to: number, amount: number) => {
    const [a, b] = [rankOf[from]!, rankOf[to]!];
    if (a === b) return;
    const key = Math.min(a, b) * n + Math.max(a, b);
    weights.set(key, (weights.get(key) ?? 0) + amount);
  };
  for (let i = 0; i < links.length; i += 2) add(links[i]!, links[i + 1]!, 1);
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) add(group[i]!, group[j]!, 1 / group.length);
    }
  }
  return weights;
}

describe("weighEdges", () => {
  it("sums links and shared sources per edge", () => {
    const edges = weighEdges([0, 1, 1, 0], [[0, 1, 2]], [0, 1, 2]);

    expect([...edges.keys]).toEqual([1, 2, 5]);
    expect([...edges.weights]).toEqual([2 + 1 / 3, 1 / 3, 1 / 3]);
  });

  it("keys edges by the ranks of their pages", () => {
    const edges = weighEdges([0, 1], [], [2, 0, 1]);

    expect([...edges.keys]).toEqual([0 * 3 + 2]);
  });

  it("skips links of a page to itself", () => {
    const edges = weighEdges([1, 1, 0, 1], [], [0, 1]);

    expect([...edges.keys]).toEqual([1]);
    expect([...edges.weights]).toEqual([1]);
  });

  it("lists edges in the order first weighed", () => {
    const edges = weighEdges([1, 2, 0, 1], [], [0, 1, 2]);
    const keys = [...edges.firstWeighed].map((edge) => edges.keys[edge]);

    expect(keys).toEqual([5, 1]);
  });

  it("gives the exact sums of a map of edges", () => {
    const random = seededRandom(7);
    const pick = (below: number) => Math.floor(random() * below);
    const pages = 40;
    const rankOf = Array.from({ length: pages }, (_, index) => (index * 17) % pages);
    const links = Array.from({ length: 600 }, () => pick(pages));
    const groups = Array.from({ length: 30 }, () =>
      Array.from({ length: 2 + pick(9) }, () => pick(pages)),
    );
    const expected = mapWeights(links, groups, rankOf);
    const edges = weighEdges(links, groups, rankOf);
    const firstWeighed = [...edges.firstWeighed].map((edge) => edges.keys[edge]);

    expect(firstWeighed).toEqual([...expected.keys()]);
    expect([...edges.keys]).toEqual([...expected.keys()].sort((a, b) => a - b));
    edges.keys.forEach((key, edge) => expect(edges.weights[edge]).toBe(expected.get(key)));
  });
});

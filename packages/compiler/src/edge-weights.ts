/**
 * The weighted edges of the page graph that cluster builds. Each link weighs 1, and each pair of
 * pages citing one source weighs 1 / the number of pages citing it. A large wiki makes millions of
 * these contributions, and a map with an entry per edge took 33 times as long for 10,000 sources
 * as for 1,000, for 8.5 times the edges. So the contributions go into typed arrays and are summed
 * after a stable sort by edge: each weight is still summed in the order its contributions were
 * made.
 */

export interface EdgeWeights {
  /** Edge keys `low * n + high`, of the ranks of the two pages, in ascending order. */
  keys: Float64Array;
  /** The weight of each edge of `keys`. */
  weights: Float64Array;
  /** Indexes of the edges in the order each was first weighed. */
  firstWeighed: Uint32Array;
}

/** The contributions to edge weights, in the order they were made. */
interface Contributions {
  lows: Uint32Array;
  highs: Uint32Array;
  amounts: Float64Array;
  count: number;
}

/**
 * Weighs the edges between pages. `links` contains pairs of page indexes, and each group of
 * `groups` is a clique of page indexes whose pairs each weigh 1 / its size. `rankOf` gives each
 * page index its rank.
 */
export function weighEdges(links: number[], groups: number[][], rankOf: number[]): EdgeWeights {
  const n = rankOf.length;
  const contributions = collect(links, groups, rankOf);
  const byHigh = sortedBy(contributions.highs, identityOrder(contributions.count), n);
  const order = sortedBy(contributions.lows, byHigh, n);
  return sumRuns(contributions, order, n);
}

function collect(links: number[], groups: number[][], rankOf: number[]): Contributions {
  const pairs = groups.reduce((sum, group) => sum + (group.length * (group.length - 1)) / 2, 0);
  const size = links.length / 2 + pairs;
  const found: Contributions = {
    lows: new Uint32Array(size),
    highs: new Uint32Array(size),
    amounts: new Float64Array(size),
    count: 0,
  };
  const add = (from: number, to: number, amount: number) => {
    const [a, b] = [rankOf[from]!, rankOf[to]!];
    if (a === b) return;
    found.lows[found.count] = Math.min(a, b);
    found.highs[found.count] = Math.max(a, b);
    found.amounts[found.count++] = amount;
  };
  for (let i = 0; i < links.length; i += 2) add(links[i]!, links[i + 1]!, 1);
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) add(group[i]!, group[j]!, 1 / group.length);
    }
  }
  return found;
}

/** Returns the indexes 0 to `count` - 1 in order, for the first sort to start from. */
function identityOrder(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** Sorts `order` by `values[index]`, each below `n`, keeping the order of equal values. */
function sortedBy(values: Uint32Array, order: Uint32Array, n: number): Uint32Array {
  const starts = new Uint32Array(n + 1);
  for (const index of order) starts[values[index]! + 1]! += 1;
  for (let value = 0; value < n; value++) starts[value + 1]! += starts[value]!;
  const sorted = new Uint32Array(order.length);
  for (const index of order) sorted[starts[values[index]!]!++] = index;
  return sorted;
}

/** Sums the contributions of each edge, which `order` lists together and in the order made. */
function sumRuns({ lows, highs, amounts }: Contributions, order: Uint32Array, n: number) {
  const keys = new Float64Array(order.length);
  const weights = new Float64Array(order.length);
  const firstOf = new Int32Array(order.length).fill(-1);
  let edges = 0;
  for (const index of order) {
    const key = lows[index]! * n + highs[index]!;
    if (edges > 0 && keys[edges - 1] === key) {
      weights[edges - 1]! += amounts[index]!;
      continue;
    }
    keys[edges] = key;
    weights[edges] = amounts[index]!;
    firstOf[index] = edges++;
  }
  const firstWeighed = new Uint32Array(edges);
  let next = 0;
  for (const edge of firstOf) if (edge >= 0) firstWeighed[next++] = edge;
  return { keys: keys.slice(0, edges), weights: weights.slice(0, edges), firstWeighed };
}

/**
 * Runs async work over many items with a bounded number in flight. A stage that handed every
 * chunk to the provider at once would open one cache file per chunk at the same moment, which
 * runs out of file descriptors on large folders. Results keep the order of the items.
 */

/** Jobs in flight per stage: enough to keep several model servers busy. */
export const stageConcurrency = 64;

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

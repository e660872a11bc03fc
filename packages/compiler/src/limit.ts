/**
 * Async work with a bounded number of jobs in flight. A stage that handed every chunk to the
 * provider at once would open one cache file per chunk at the same moment, which runs out of file
 * descriptors on large folders. A stage that waits for each file in turn leaves the disk idle.
 */

/** Jobs in flight per stage: enough to keep several model servers busy. */
export const stageConcurrency = 64;

/** Files of the output folder read or written at once. */
export const filesInFlight = 32;

/** Maps the items with at most `limit` jobs in flight. Results keep the order of the items. */
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

/**
 * Keeps up to `limit` jobs of a stream in flight: `add` waits for the oldest job once that many
 * are running, and `drain` for the rest. A job's failure is thrown by the call that waits for it.
 */
export class JobWindow {
  private readonly running: Promise<void>[] = [];

  constructor(private readonly limit: number) {}

  async add(job: Promise<void>): Promise<void> {
    // Thrown when waited for below; until then the failure is not an unhandled rejection.
    job.catch(() => undefined);
    this.running.push(job);
    if (this.running.length >= this.limit) await this.running.shift();
  }

  async drain(): Promise<void> {
    while (this.running.length > 0) await this.running.shift();
  }
}

/**
 * Records the results of overlapping calls one after the other, in the order of the calls, so
 * what they record does not depend on which call's work ends first.
 */
export class CallOrder {
  private last: Promise<unknown> = Promise.resolve();

  /**
   * Runs `record` with the value of `ready` once the records of the calls before are done, and
   * resolves once the work that `record` returns is done. Records never overlap; that work may.
   */
  run<T>(ready: Promise<T>, record: (value: T) => Promise<void> | undefined): Promise<void> {
    // Thrown in its turn; until then the failure is not an unhandled rejection.
    ready.catch(() => undefined);
    const turn = this.last.then(async () => ({ work: record(await ready) }));
    this.last = turn.catch(() => undefined);
    return turn.then(({ work }) => work);
  }

  /** Resolves once the records of every call so far are done. */
  async settled(): Promise<void> {
    await this.last;
  }
}

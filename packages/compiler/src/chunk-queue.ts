/**
 * The chunks that parse has made and the ingest has not taken yet. Parse stays a window of chunks
 * ahead of the model calls, so a large build never keeps the blocks of every source at once.
 * The calls take the longest chunk in the window first: the calls that finish last are short.
 */

interface Ready {
  /** The chunk's place in source order. */
  index: number;
  tokens: number;
}

export class ChunkQueue {
  /** Sorted so that the last entry is the longest chunk, the first made among equals. */
  private readonly ready: Ready[] = [];
  private readonly takers: ((index: number | undefined) => void)[] = [];
  private readonly producers: (() => void)[] = [];
  /** True once no chunk will be added: parse is done, or the ingest failed. */
  closed = false;

  constructor(private readonly window: number) {}

  /** Adds a chunk, or hands it to a call that waits for one. */
  push(index: number, tokens: number): void {
    const taker = this.takers.shift();
    if (taker) return taker(index);
    const entry = { index, tokens };
    let low = 0;
    let high = this.ready.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(this.ready[middle]!, entry)) low = middle + 1;
      else high = middle;
    }
    this.ready.splice(low, 0, entry);
  }

  /** Settles once the window has room for more chunks. */
  async room(): Promise<void> {
    if (this.ready.length < this.window) return;
    await new Promise<void>((resolve) => this.producers.push(resolve));
  }

  /**
   * Returns the index of the longest chunk ready, waiting for one. Returns undefined once parse
   * is done and no chunk is left.
   */
  async take(): Promise<number | undefined> {
    const next = this.ready.pop();
    if (next) {
      this.producers.shift()?.();
      return next.index;
    }
    if (this.closed) return undefined;
    return new Promise((resolve) => this.takers.push(resolve));
  }

  /** Drops the chunks not taken yet and closes the queue, after a failure. */
  stop(): void {
    this.ready.length = 0;
    this.close();
  }

  /** Tells the calls that no chunk will be added, and a waiting parse to stop. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker(undefined);
    for (const producer of this.producers.splice(0)) producer();
  }
}

/** Orders shorter chunks first and, among equal ones, later chunks first. */
function before(a: Ready, b: Ready): boolean {
  return a.tokens < b.tokens || (a.tokens === b.tokens && a.index > b.index);
}

/**
 * The queue between parse and the ingest calls: the calls take the longest chunk that parse has
 * made, parse waits while the window is full, and the calls stop once parse is done.
 */
import { describe, expect, it } from "vitest";
import { ChunkQueue } from "../packages/compiler/src/chunk-queue.js";

async function drain(queue: ChunkQueue): Promise<number[]> {
  const indexes: number[] = [];
  for (let index = await queue.take(); index !== undefined; index = await queue.take()) {
    indexes.push(index);
  }
  return indexes;
}

describe("ChunkQueue", () => {
  it("gives the longest chunk first, the first made among equals", async () => {
    const queue = new ChunkQueue(10);
    [5, 9, 5, 1, 9].forEach((tokens, index) => queue.push(index, tokens));
    queue.close();
    expect(await drain(queue)).toEqual([1, 4, 0, 2, 3]);
  });

  it("hands a chunk to a call that waits for one", async () => {
    const queue = new ChunkQueue(10);
    const waiting = queue.take();
    queue.push(7, 100);
    expect(await waiting).toBe(7);
  });

  it("keeps parse waiting while the window is full", async () => {
    const queue = new ChunkQueue(2);
    queue.push(0, 1);
    queue.push(1, 1);
    let room = false;
    const waiting = queue.room().then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    await queue.take();
    await waiting;
    expect(room).toBe(true);
  });

  it("ends the calls once closed and empty, and frees a waiting parse", async () => {
    const queue = new ChunkQueue(1);
    queue.push(0, 3);
    const parse = queue.room();
    const calls = [drain(queue), drain(queue)];
    queue.close();
    await parse;
    const indexes = await Promise.all(calls);
    expect(indexes.flat()).toEqual([0]);
  });

  it("drops the chunks not taken when stopped", async () => {
    const queue = new ChunkQueue(4);
    queue.push(0, 1);
    queue.push(1, 2);
    queue.stop();
    expect(await queue.take()).toBeUndefined();
  });
});

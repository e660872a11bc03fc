/**
 * The change queue of `wiki watch`, on a clock that moves only when the test advances it. The
 * timing cases then hold on a loaded machine, where a process may pause for longer than the quiet
 * time between two timer callbacks.
 */
import { describe, expect, it } from "vitest";
import { ChangeQueue, type QueueClock } from "../packages/cli/src/watch/queue.js";

/** A clock whose time moves only in `advance`, which wakes the sleepers that are due. */
class ManualClock implements QueueClock {
  time = 0;
  private sleepers: { until: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ until: this.time + ms, wake: resolve });
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.sleepers.filter((sleeper) => sleeper.until <= this.time);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.time);
    for (const sleeper of due) sleeper.wake();
    // Lets the woken `next()` run up to its next wait before the test goes on.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Records the result of a `next()` call, so the test can check whether it has resolved. */
function track(promise: Promise<boolean>) {
  const call: { result: boolean | undefined } = { result: undefined };
  void promise.then((result) => (call.result = result));
  return call;
}

const never = new AbortController().signal;

/** Sends one event every 10 ms from time 0 until `next()` returns, and returns that time. */
async function streamUntilReturn(queue: ChangeQueue, clock: ManualClock): Promise<number> {
  queue.notify();
  const call = track(queue.next(never));
  for (let step = 0; step < 100 && call.result === undefined; step++) {
    queue.notify();
    await clock.advance(10);
  }
  expect(call.result).toBe(true);
  return clock.time;
}

describe("change queue", () => {
  it("waits for events to pause", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 30, maxWaitMs: 1000 }, clock);
    queue.notify();
    const call = track(queue.next(never));
    for (let event = 1; event <= 4; event++) {
      await clock.advance(10);
      queue.notify();
    }
    await clock.advance(29);
    expect(call.result).toBeUndefined();
    await clock.advance(1);
    expect(call.result).toBe(true);
    expect(clock.time).toBe(70);
    expect(queue.events).toBe(0);
  });

  it("returns at the maximum wait under a stream", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 50, maxWaitMs: 120 }, clock);
    expect(await streamUntilReturn(queue, clock)).toBe(120);
    expect(queue.events).toBe(1);
  });

  it("reads the inputs again after a stream cut short", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 50, maxWaitMs: 120 }, clock);
    await streamUntilReturn(queue, clock);
    const again = track(queue.next(never));
    await clock.advance(39);
    expect(again.result).toBeUndefined();
    await clock.advance(1);
    expect(again.result).toBe(true);
    expect(queue.events).toBe(0);
  });

  it("counts a late wake-up without events as quiet", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 50, maxWaitMs: 120 }, clock);
    queue.notify();
    const call = track(queue.next(never));
    await clock.advance(500);
    expect(call.result).toBe(true);
    expect(queue.events).toBe(0);
  });

  it("keeps an event that arrives while nobody waits", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 5, maxWaitMs: 50 }, clock);
    queue.notify();
    const call = track(queue.next(never));
    await clock.advance(5);
    expect(call.result).toBe(true);
  });

  it("returns false once the signal aborts", async () => {
    const clock = new ManualClock();
    const queue = new ChangeQueue({ quietMs: 50, maxWaitMs: 120 }, clock);
    const idle = new AbortController();
    const waiting = queue.next(idle.signal);
    idle.abort();
    expect(await waiting).toBe(false);

    const busy = new AbortController();
    queue.notify();
    const pausing = queue.next(busy.signal);
    busy.abort();
    expect(await pausing).toBe(false);
  });

  it("waits on the system clock by default", async () => {
    const queue = new ChangeQueue({ quietMs: 30, maxWaitMs: 1000 });
    const started = performance.now();
    queue.notify();
    expect(await queue.next(never)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});

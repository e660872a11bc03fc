/**
 * Parallel slots and a bounded queue, as a model server schedules requests: `slots` requests
 * run at once, up to `queueLimit` more wait, and any further request is rejected.
 */
import type { FakeStats } from "./types.js";

/** A held slot; `release` is safe to call more than once. */
export interface Lease {
  slot: number;
  release(): void;
}

interface Waiter {
  grant(slot: number): void;
}

export class SlotPool {
  private readonly free: number[];
  private readonly waiting: Waiter[] = [];
  private active = 0;

  constructor(
    slots: number,
    private readonly queueLimit: number,
    private readonly stats: FakeStats,
  ) {
    this.free = Array.from({ length: slots }, (_, slot) => slot);
    stats.slotBusyMs = Array.from({ length: slots }, () => 0);
  }

  /**
   * Returns a lease once a slot is free, or `undefined` at once when every slot is busy and
   * the queue is full. Rejects with the signal's reason when it aborts while waiting.
   */
  acquire(signal: AbortSignal): Promise<Lease> | undefined {
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(this.lease(slot));
    if (this.waiting.length >= this.queueLimit) return undefined;

    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (granted) => {
          signal.removeEventListener("abort", onAbort);
          resolve(this.lease(granted));
        },
      };
      const onAbort = (): void => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private lease(slot: number): Lease {
    const started = performance.now();
    this.active += 1;
    this.stats.peakActive = Math.max(this.stats.peakActive, this.active);
    let released = false;
    return {
      slot,
      release: () => {
        if (released) return;
        released = true;
        this.active -= 1;
        this.stats.slotBusyMs[slot] =
          (this.stats.slotBusyMs[slot] ?? 0) + performance.now() - started;
        this.handOver(slot);
      },
    };
  }

  private handOver(slot: number): void {
    const next = this.waiting.shift();
    if (next) next.grant(slot);
    else this.free.push(slot);
  }
}

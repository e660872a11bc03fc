/**
 * Coalesces file events into rebuilds. Every event marks a rebuild as pending. The watch loop
 * waits until a change is pending and the events have paused, then clears the mark and reads
 * the inputs. An event that arrives later, even during the build, marks the next rebuild. So a
 * change is either read by the current build or triggers the next one.
 *
 * Chokidar 5.0 drops a second `change` event for the same file within 50 ms of the first, with no
 * trailing event. The quiet time is longer than that, so a save dropped that way happened before
 * the inputs are read. When the maximum wait cuts a stream of events short, a save may still be
 * dropped after the read, so the queue keeps a change pending and the inputs are read once more.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface QueueTiming {
  /** Time without events after which the changes are read, in milliseconds. */
  quietMs: number;
  /** Maximum wait after the first pending event, so a stream of events cannot stall rebuilds. */
  maxWaitMs: number;
}

export const defaultTiming: QueueTiming = { quietMs: 75, maxWaitMs: 400 };

/** The time source of the queue, replaceable so tests control the order of events and waits. */
export interface QueueClock {
  /** Current time in milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds, or as soon as `signal` aborts, and never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: QueueClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

export class ChangeQueue {
  /** File events received since the last `next()` returned. */
  events = 0;
  private firstEventAt = 0;
  private lastEventAt = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly timing: QueueTiming = defaultTiming,
    private readonly clock: QueueClock = systemClock,
  ) {}

  /** Records one file event. */
  notify(): void {
    const now = this.clock.now();
    if (this.events === 0) this.firstEventAt = now;
    this.events++;
    this.lastEventAt = now;
    this.wake?.();
  }

  /**
   * Resolves with true once a change is pending and events have paused for `quietMs` (or
   * `maxWaitMs` passed since the first one), and with false as soon as `signal` aborts.
   */
  async next(signal: AbortSignal): Promise<boolean> {
    while (this.events === 0) {
      if (signal.aborted) return false;
      await this.waitForEvent(signal);
    }
    for (;;) {
      if (signal.aborted) return false;
      const now = this.clock.now();
      const quiet = this.lastEventAt + this.timing.quietMs - now;
      const limit = this.firstEventAt + this.timing.maxWaitMs - now;
      if (quiet <= 0) {
        this.events = 0;
        return true;
      }
      if (limit <= 0) {
        this.keepRecheckPending(now);
        return true;
      }
      await this.clock.sleep(Math.min(quiet, limit), signal);
    }
  }

  /** Leaves one change pending, so the inputs are read again once the events pause. */
  private keepRecheckPending(now: number): void {
    this.events = 1;
    this.firstEventAt = now;
  }

  private waitForEvent(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.wake = undefined;
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.wake = done;
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

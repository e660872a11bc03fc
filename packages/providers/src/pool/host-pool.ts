/**
 * Shares calls among the hosts of a build. Each host serves at most `slotsPerHost` calls at a
 * time, and calls wait in arrival order for the first free slot on any host. A host whose call
 * failed with a transient error rests for a growing, jittered delay, so its work goes to the
 * other hosts, and a busy host gets fewer calls at a time (see `host-state.ts`). A call is
 * tried at most `maxAttempts` times.
 */
import type { Usage } from "@wiki/compiler";
import { CallError } from "./call-error.js";
import { HostState, type CallOutcome, type RestTiming } from "./host-state.js";

export interface PoolTuning extends RestTiming {
  /** Tries per call, the first included. */
  maxAttempts: number;
}

export const defaultTuning: PoolTuning = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

interface Waiter {
  resolve: (host: HostState) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
}

/** Sorts a failed call by what it reveals about its host. */
function outcomeOf(error: unknown): CallOutcome {
  if (!(error instanceof CallError)) return "neutral";
  if (error.status === 503 || error.status === 429) return "busy";
  return error.kind === "retry" || error.kind === "timeout" ? "failure" : "neutral";
}

export class HostPool {
  private readonly hosts: HostState[];
  private readonly waiters: Waiter[] = [];
  /** One abort listener per signal of waiting calls, however many calls share the signal. */
  private readonly watched = new Map<AbortSignal, () => void>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    urls: readonly string[],
    slotsPerHost: number,
    private readonly tuning: PoolTuning = defaultTuning,
    private readonly log: (line: string) => void = () => {},
    private readonly random: () => number = Math.random,
  ) {
    this.hosts = urls.map((url) => new HostState(url, slotsPerHost));
  }

  /**
   * Runs `attempt` on a free host, again on a `retry` error, up to `maxAttempts` times. Counts
   * every try in `usage.calls` and every repeated one in `usage.retries`.
   */
  async run<T>(
    signal: AbortSignal,
    usage: Usage,
    attempt: (host: string) => Promise<T>,
  ): Promise<T> {
    for (let tries = 1; ; tries += 1) {
      const host = await this.acquire(signal);
      usage.calls += 1;
      if (tries > 1) usage.retries += 1;
      try {
        const value = await attempt(host.url);
        this.release(host, "success");
        return value;
      } catch (error) {
        this.release(host, outcomeOf(error));
        const retry = error instanceof CallError && error.kind === "retry";
        if (!retry || tries >= this.tuning.maxAttempts) throw error;
        this.log(
          `retry ${tries}/${this.tuning.maxAttempts - 1} after ${host.url} failed: ${error.message}`,
        );
      }
    }
  }

  /** Rejects the calls still waiting for a slot. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new CallError("aborted", "the provider was closed"));
    }
    this.watched.forEach((onAbort, signal) => signal.removeEventListener("abort", onAbort));
    this.watched.clear();
  }

  /** Returns the least busy host that is not resting and has a free slot. */
  private available(now: number): HostState | undefined {
    let best: HostState | undefined;
    for (const host of this.hosts) {
      if (host.isFree(now) && (!best || host.isBetterThan(best))) best = host;
    }
    return best;
  }

  private acquire(signal: AbortSignal): Promise<HostState> {
    if (signal.aborted) return Promise.reject(new CallError("aborted", "the build was cancelled"));
    if (this.closed) return Promise.reject(new CallError("aborted", "the provider was closed"));
    return new Promise<HostState>((resolve, reject) => {
      this.waiters.push({ resolve, reject, signal });
      this.watch(signal);
      this.dispatch();
    });
  }

  /** Rejects the waiting calls of `signal` when it aborts. */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    const onAbort = () => {
      this.watched.delete(signal);
      const cancelled = this.waiters.filter((waiter) => waiter.signal === signal);
      for (const waiter of cancelled) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.reject(new CallError("aborted", "the build was cancelled"));
      }
    };
    signal.addEventListener("abort", onAbort, { once: true });
    this.watched.set(signal, onAbort);
  }

  /** Removes the abort listener of `signal` once no call of it waits. */
  private unwatch(signal: AbortSignal): void {
    const onAbort = this.watched.get(signal);
    if (!onAbort || this.waiters.some((waiter) => waiter.signal === signal)) return;
    signal.removeEventListener("abort", onAbort);
    this.watched.delete(signal);
  }

  private release(host: HostState, outcome: CallOutcome): void {
    const change = host.finish(outcome, Date.now(), this.tuning, this.random);
    if (change !== undefined) this.log(change);
    this.dispatch();
  }

  /** Gives free slots to waiting calls in arrival order; wakes up when a rest ends. */
  private dispatch(): void {
    const now = Date.now();
    for (
      let host = this.available(now);
      host && this.waiters.length > 0;
      host = this.available(now)
    ) {
      const waiter = this.waiters.shift() as Waiter;
      host.active += 1;
      this.unwatch(waiter.signal);
      waiter.resolve(host);
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiters.length === 0) return;
    const resting = this.hosts.filter((host) => host.restUntil > now && host.active < host.limit);
    if (resting.length === 0) return;
    const wake = Math.min(...resting.map((host) => host.restUntil)) - now;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dispatch();
    }, wake);
  }
}

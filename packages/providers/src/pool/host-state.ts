/**
 * The state of one host in the pool: calls in flight, its current slot limit, and its rest
 * after failures. A host that responds 503 or 429 (its queue is full) serves fewer calls at a
 * time, and it earns its slots back one by one with successful calls. Each busy response
 * doubles the successes needed for the next slot, so a host at its limit is probed rarely.
 */

/**
 * How a call on a host ended, as far as the host's health is concerned: `neutral` for an end
 * that reveals nothing about the host, such as a cancelled build or a rejected request.
 */
export type CallOutcome = "success" | "busy" | "failure" | "neutral";

export interface RestTiming {
  /** Rest of a host after its first failure, in milliseconds; doubles with each further one. */
  baseDelayMs: number;
  /** Maximum rest of a host, in milliseconds. */
  maxDelayMs: number;
}

/** Successful calls per slot before a host that was busy once gets one slot back. */
const SUCCESSES_PER_SLOT = 4;
/** Largest factor on `SUCCESSES_PER_SLOT` after repeated busy responses. */
const MAX_PROBE_FACTOR = 32;

export class HostState {
  active = 0;
  /** Calls the host may serve at a time; lowered when the host is busy. */
  limit: number;
  /** Time (ms since epoch) before which the host gets no new call. */
  restUntil = 0;
  /** Failures since the last success, counted once per rest. */
  private failures = 0;
  private successes = 0;
  /** Busy responses that lowered the limit; each doubles the successes needed for a slot. */
  private busyResponses = 0;

  constructor(
    readonly url: string,
    private readonly slots: number,
  ) {
    this.limit = slots;
  }

  isFree(now: number): boolean {
    return this.restUntil <= now && this.active < this.limit;
  }

  /** Whether this host should get the next call before `other`. */
  isBetterThan(other: HostState): boolean {
    if (this.active !== other.active) return this.active < other.active;
    return this.failures < other.failures;
  }

  /** Records the end of a call; returns a log line when the slot limit changed. */
  finish(outcome: CallOutcome, now: number, timing: RestTiming, random: () => number) {
    this.active -= 1;
    if (outcome === "neutral") return undefined;
    if (outcome === "success") return this.succeed();
    if (outcome === "busy" && this.limit > 1) {
      this.limit = Math.max(1, Math.min(this.limit - 1, this.active));
      this.successes = 0;
      this.busyResponses += 1;
      this.rest(now, timing, random);
      return `${this.url} is busy; lowering its calls in flight to ${this.limit}`;
    }
    this.rest(now, timing, random);
    return undefined;
  }

  private succeed(): string | undefined {
    this.failures = 0;
    if (this.limit >= this.slots) return undefined;
    this.successes += 1;
    const factor = Math.min(MAX_PROBE_FACTOR, 2 ** (this.busyResponses - 1));
    if (this.successes < this.limit * SUCCESSES_PER_SLOT * factor) return undefined;
    this.successes = 0;
    this.limit += 1;
    return `${this.url} keeps up; raising its calls in flight to ${this.limit}`;
  }

  /**
   * Jittered exponential rest: between half and all of `base × 2^(failures-1)`, capped.
   * NOTE: when every host is down, each queued call still waits out rests before each try, so a
   * build whose only server died takes many minutes to fail (an estimate from one run).
   */
  private rest(now: number, timing: RestTiming, random: () => number): void {
    if (this.restUntil > now) return;
    this.failures += 1;
    const full = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** (this.failures - 1));
    this.restUntil = now + Math.round(full / 2 + (full / 2) * random());
  }
}

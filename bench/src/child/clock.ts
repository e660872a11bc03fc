/**
 * The clock of model calls in one build process: how long at least one call was in flight, how
 * long each number of calls was in flight, and the summed duration, count and span of the calls
 * of each step.
 */
import type { StepName } from "@wiki/compiler";

type PerStep<T> = Record<StepName, T>;

export interface CallTimes {
  /** Milliseconds during which at least one model call was in flight. */
  inFlightMs: number;
  /**
   * CPU milliseconds of the process spent in the synchronous part of the calls: the whole work of
   * an offline call, and only the preparation of the request of a call to a server.
   */
  syncCpuMs: number;
  /** Milliseconds with exactly `index` calls in flight, from the first call to the last. */
  inFlightHistogramMs: number[];
  /** Summed milliseconds of the calls of each step; concurrent calls add up. */
  byStepMs: PerStep<number>;
  /** Calls made through the provider, by step; cache hits never reach it. */
  calls: PerStep<number>;
  /** First start and last end of the calls of each step, in ms since the process started. */
  stepSpans: PerStep<[number, number]>;
  /** The longest calls, longest first, with start and end in ms since the process started. */
  longestCalls: { step: StepName; startMs: number; endMs: number }[];
  /** Start of the first call and end of the last, in ms since the process started; 0 if none. */
  firstStartMs: number;
  lastEndMs: number;
}

const perStep = <T>(value: () => T): PerStep<T> => ({
  analyze: value(),
  write: value(),
  confirm: value(),
  overview: value(),
});

/** Number of calls kept in `longestCalls`. */
const longestKept = 5;

export class CallClock {
  readonly times: CallTimes = {
    inFlightMs: 0,
    syncCpuMs: 0,
    inFlightHistogramMs: [],
    byStepMs: perStep(() => 0),
    calls: perStep(() => 0),
    stepSpans: perStep((): [number, number] => [0, 0]),
    longestCalls: [],
    firstStartMs: 0,
    lastEndMs: 0,
  };
  private active = 0;
  private since = 0;
  private changed = 0;

  /** Adds the time since the last change to the histogram entry of the current count. */
  private tally(now: number): void {
    const histogram = this.times.inFlightHistogramMs;
    while (histogram.length <= this.active) histogram.push(0);
    if (this.changed > 0)
      histogram[this.active] = (histogram[this.active] ?? 0) + now - this.changed;
    this.changed = now;
  }

  private keepIfLong(call: CallTimes["longestCalls"][number]): void {
    const longest = this.times.longestCalls;
    longest.push(call);
    longest.sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs));
    if (longest.length > longestKept) longest.pop();
  }

  /** Marks a call of `step` as started and returns its start time in milliseconds. */
  start(step: StepName): number {
    const now = performance.now();
    this.tally(now);
    if (this.active === 0) this.since = now;
    if (this.times.firstStartMs === 0) this.times.firstStartMs = now;
    const span = this.times.stepSpans[step];
    if (span[0] === 0) span[0] = now;
    this.active += 1;
    return now;
  }

  /** Adds CPU time from `process.cpuUsage(before)`, in microseconds, to `syncCpuMs`. */
  addSyncCpu(usage: NodeJS.CpuUsage): void {
    this.times.syncCpuMs += (usage.user + usage.system) / 1000;
  }

  end(step: StepName, started: number): void {
    const now = performance.now();
    this.tally(now);
    this.times.byStepMs[step] += now - started;
    this.times.calls[step] += 1;
    this.times.stepSpans[step][1] = now;
    this.times.lastEndMs = now;
    this.keepIfLong({ step, startMs: started, endMs: now });
    this.active -= 1;
    if (this.active === 0) this.times.inFlightMs += now - this.since;
  }
}

/** The one clock of this process, shared by the provider wrapper and the exit report. */
export const clock = new CallClock();

/**
 * Slot use of a cold build: how busy it keeps the slots of its servers. The lower bound of the time
 * spent on model calls is the simulated work, scaled, divided by the number of slots: no schedule
 * can be shorter. The measured time is the span from the first call's start to the last call's end.
 */
import type { CallTimes } from "./child/clock.js";
import type { ServerUseResult } from "./scenarios.js";

export interface ServerUse {
  hosts: number;
  slots: number;
  timeScale: number;
  calls: number;
  /** Scaled lower bound and measured span, in ms. */
  lowerBoundMs: number;
  spanMs: number;
  /** Lower bound over span: 1 means the slots were never idle while calls remained. */
  efficiency: number;
  /** Measured slot busy time over slots × span. */
  busyShare: number;
  /** Mean number of calls in flight over the span. */
  meanInFlight: number;
  /** Share of the span with at least one call in flight per slot. */
  slotsFedShare: number;
  /** Gap between the last analyze call's end and the first write call's start, in ms. */
  analyzeToWriteGapMs: number;
  /** The same lower bound and span at the server's speeds, unscaled, in seconds. */
  unscaledLowerBoundS: number;
  unscaledSpanS: number;
  buildMs: number;
}

function inFlightFigures(times: CallTimes, slots: number, spanMs: number) {
  const histogram = times.inFlightHistogramMs;
  const weighted = histogram.reduce((sum, ms, count) => sum + ms * count, 0);
  const fed = histogram.slice(slots).reduce((sum, ms) => sum + ms, 0);
  const { analyze, write } = times.stepSpans;
  return {
    meanInFlight: spanMs > 0 ? weighted / spanMs : 0,
    slotsFedShare: spanMs > 0 ? fed / spanMs : 0,
    analyzeToWriteGapMs: write[0] > 0 ? Math.max(0, write[0] - analyze[1]) : 0,
  };
}

export function serverUseOf(result: ServerUseResult): ServerUse {
  const { build, timeScale } = result;
  const slots = result.hosts * result.slots;
  const simulatedMs = build.server?.simulatedMs ?? 0;
  const lowerBoundMs = (simulatedMs * timeScale) / slots;
  const spanMs = build.modelSpanMs;
  return {
    hosts: result.hosts,
    slots,
    timeScale,
    calls: build.calls,
    lowerBoundMs,
    spanMs,
    efficiency: spanMs > 0 ? lowerBoundMs / spanMs : 0,
    busyShare: spanMs > 0 ? (build.server?.slotBusyMs ?? 0) / (slots * spanMs) : 0,
    ...inFlightFigures(build.callTimes, slots, spanMs),
    unscaledLowerBoundS: simulatedMs / slots / 1000,
    unscaledSpanS: timeScale > 0 ? spanMs / timeScale / 1000 : 0,
    buildMs: build.buildMs,
  };
}

/**
 * Wraps a provider so that every model call is timed on a clock. The wrapper changes no
 * argument and no result, and reads `identity` and `chunkTokens` through to the provider.
 */
import type { Provider, StepName } from "@wiki/compiler";
import type { CallClock } from "./clock.js";

export function timedProvider(provider: Provider, clock: CallClock): Provider {
  const time = async <T>(step: StepName, call: () => Promise<T>): Promise<T> => {
    const started = clock.start(step);
    const cpuBefore = process.cpuUsage();
    // The synchronous part of the call runs here, before its first await.
    const pending = call();
    clock.addSyncCpu(process.cpuUsage(cpuBefore));
    try {
      return await pending;
    } finally {
      clock.end(step, started);
    }
  };
  return {
    get identity() {
      return provider.identity;
    },
    get chunkTokens() {
      return provider.chunkTokens;
    },
    analyze: (chunk, context) => time("analyze", () => provider.analyze(chunk, context)),
    write: (chunk, analysis, context) =>
      time("write", () => provider.write(chunk, analysis, context)),
    confirm: (candidate, context) => time("confirm", () => provider.confirm(candidate, context)),
    overview: (community, context) => time("overview", () => provider.overview(community, context)),
    close: () => provider.close(),
  };
}

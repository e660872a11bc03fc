/**
 * Loopback model servers for a benchmark run, and the figures each build caused on them:
 * the servers keep their counters for their whole life, so a build's share is a difference.
 */
import {
  startFakeOllama,
  type FakeOllama,
  type StepKind,
} from "../../test/fake-ollama/dist/server.js";

export interface ServerSettings {
  hosts: number;
  slotsPerHost: number;
  /** Factor applied to simulated durations; 0 sends every response at once. */
  timeScale: number;
}

export interface ServerFigures {
  /** Simulated work of the completed chat requests, in ms at the server's speeds, unscaled. */
  simulatedMs: number;
  /** Measured ms the slots spent serving requests, summed over all slots of all servers. */
  slotBusyMs: number;
  requestsByStep: Record<StepKind, number>;
  /** Estimated prompt tokens of the chat requests, by step. */
  promptTokensByStep: Record<StepKind, number>;
  /** 503 responses for a full queue. */
  serviceUnavailable: number;
}

export interface LoopbackServers {
  urls: string[];
  settings: ServerSettings;
  /** Returns the figures since the last call (or since the start). */
  takeFigures(): ServerFigures;
  close(): Promise<void>;
}

const stepKinds: StepKind[] = ["analyze", "write", "confirm", "overview", "other"];

const noSteps = (): Record<StepKind, number> => ({
  analyze: 0,
  write: 0,
  confirm: 0,
  overview: 0,
  other: 0,
});

function totals(servers: FakeOllama[]): ServerFigures {
  const figures: ServerFigures = {
    simulatedMs: 0,
    slotBusyMs: 0,
    requestsByStep: noSteps(),
    promptTokensByStep: noSteps(),
    serviceUnavailable: 0,
  };
  for (const { stats } of servers) {
    figures.simulatedMs += stats.simulatedBusyNs / 1e6;
    figures.slotBusyMs += stats.slotBusyMs.reduce((sum, busy) => sum + busy, 0);
    figures.serviceUnavailable += stats.serviceUnavailable;
    for (const step of stepKinds) figures.requestsByStep[step] += stats.steps[step];
    for (const entry of stats.log) figures.promptTokensByStep[entry.step] += entry.promptTokens;
  }
  return figures;
}

function difference(now: ServerFigures, before: ServerFigures): ServerFigures {
  const requestsByStep = noSteps();
  const promptTokensByStep = noSteps();
  for (const step of stepKinds) {
    requestsByStep[step] = now.requestsByStep[step] - before.requestsByStep[step];
    promptTokensByStep[step] = now.promptTokensByStep[step] - before.promptTokensByStep[step];
  }
  return {
    simulatedMs: now.simulatedMs - before.simulatedMs,
    slotBusyMs: now.slotBusyMs - before.slotBusyMs,
    requestsByStep,
    promptTokensByStep,
    serviceUnavailable: now.serviceUnavailable - before.serviceUnavailable,
  };
}

export async function startLoopback(settings: ServerSettings): Promise<LoopbackServers> {
  const servers: FakeOllama[] = [];
  for (let host = 0; host < settings.hosts; host++) {
    servers.push(
      await startFakeOllama({ slots: settings.slotsPerHost, timeScale: settings.timeScale }),
    );
  }
  let last = totals(servers);
  return {
    urls: servers.map((server) => server.url),
    settings,
    takeFigures: () => {
      const now = totals(servers);
      const result = difference(now, last);
      last = now;
      return result;
    },
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

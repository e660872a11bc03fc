/** Renders the figures of a benchmark run as Markdown tables, for the terminal and the docs. */
import type { BuildFigures } from "./figures.js";
import type { GoalCheck } from "./goals.js";
import type { StageGrowth } from "./growth.js";
import type { WorkspaceResult } from "./scenarios.js";
import type { ServerUse } from "./server-use.js";
import { stageNames } from "./stages.js";
import type { WatchLatency } from "./watch-latency.js";

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const count = (value: number) => value.toLocaleString("en-US");

function buildRow(build: BuildFigures): string[] {
  const calls = build.providerCalls;
  const tokens = build.provider === "offline";
  return [
    build.workspace,
    `${build.provider} ${build.kind}`,
    count(build.sources),
    count(build.chunks),
    `${calls.analyze}/${calls.write}/${calls.confirm}/${calls.overview}`,
    tokens ? "–" : count(build.promptTokens),
    tokens ? "–" : count(build.completionTokens),
    tokens ? "–" : build.promptPerSourceToken.toFixed(2),
    count(build.cacheHits),
    seconds(build.processMs),
    seconds(build.buildMs),
    seconds(build.modelMs),
    seconds(build.outsideModelMs),
    build.stages.parse === undefined ? "–" : seconds(build.stages.parse),
    build.maxRssMiB.toFixed(0),
    build.failure ? "failed" : count(build.written),
    build.loadAverage.toFixed(1),
  ];
}

function floorRow(result: WorkspaceResult): string[] {
  const { floor } = result;
  const row = [result.workspace, "floor", count(floor.files), ...Array<string>(6).fill("–")];
  row.push(seconds(floor.totalMs), "–", "–", "–", seconds(floor.parseMs));
  return [...row, (floor.maxRssKiB / 1024).toFixed(0), count(floor.files), "–"];
}

export function runsTable(results: WorkspaceResult[]): string {
  const header = [
    "workspace",
    "run",
    "sources",
    "chunks",
    "provider calls a/w/c/o",
    "prompt tok",
    "completion tok",
    "prompt / source tok",
    "cache hits",
    "process s",
    "build s",
    "in model calls s",
    "outside model calls s",
    "parse s",
    "peak RSS MiB",
    "files written",
    "load",
  ];
  const rows = results.flatMap((result) => [floorRow(result), ...result.builds.map(buildRow)]);
  return markdownTable(header, rows);
}

/** Stage times of every build, with a column for each stage that some build logged. */
export function stagesTable(results: WorkspaceResult[]): string {
  const builds = results.flatMap((result) => result.builds);
  const logged = stageNames.filter((stage) =>
    builds.some((build) => build.stages[stage] !== undefined),
  );
  const rows = builds.map((build) => [
    build.workspace,
    `${build.provider} ${build.kind}`,
    ...logged.map((stage) => {
      const ms = build.stages[stage];
      return ms === undefined ? "–" : seconds(ms);
    }),
  ]);
  return markdownTable(["workspace", "run", ...logged.map((stage) => `${stage} s`)], rows);
}

/** Prompt tokens the loopback server received for each step, per source token, in cold builds. */
export function promptTable(results: WorkspaceResult[]): string {
  const steps = ["analyze", "write", "confirm", "overview"] as const;
  const rows = results.flatMap((result) =>
    result.builds
      .filter((build) => build.server && build.kind === "cold" && !build.failure)
      .map((build) => {
        const byStep = build.server?.promptTokensByStep;
        const perSource = (tokens: number) => (tokens / build.sourceTokens).toFixed(2);
        const calls = (step: (typeof steps)[number]) => build.server?.requestsByStep[step] ?? 0;
        const perCall = (step: (typeof steps)[number]) =>
          calls(step) ? Math.round((byStep?.[step] ?? 0) / calls(step)) : 0;
        return [
          build.workspace,
          count(build.sourceTokens),
          ...steps.map(
            (step) => `${perSource(byStep?.[step] ?? 0)} (${count(perCall(step))}/call)`,
          ),
          perSource(build.promptTokens),
        ];
      }),
  );
  const header = [
    "workspace",
    "source tok",
    ...steps.map((step) => `${step} / source tok`),
    "total",
  ];
  return markdownTable(header, rows);
}

export function growthTable(growth: StageGrowth[]): string {
  const rows = growth.map((row) => [
    row.stage,
    seconds(row.smallMs),
    seconds(row.largeMs),
    `×${row.ratio.toFixed(1)}`,
    row.exponent.toFixed(2),
    row.verdict,
  ]);
  return markdownTable(["stage", "small s", "large s", "ratio", "n^k, k", "verdict"], rows);
}

export function serverUseTable(uses: ServerUse[]): string {
  const rows = uses.map((use) => [
    `${use.hosts} × ${use.slots / use.hosts}`,
    String(use.timeScale),
    count(use.calls),
    seconds(use.lowerBoundMs),
    seconds(use.spanMs),
    `${(use.efficiency * 100).toFixed(1)}%`,
    `${(use.busyShare * 100).toFixed(1)}%`,
    use.meanInFlight.toFixed(1),
    `${(use.slotsFedShare * 100).toFixed(1)}%`,
    seconds(use.analyzeToWriteGapMs),
    use.unscaledLowerBoundS.toFixed(0),
    use.unscaledSpanS.toFixed(0),
  ]);
  const header = [
    "hosts × slots",
    "time scale",
    "model calls",
    "lower bound s",
    "measured span s",
    "lower bound / span",
    "slot busy share",
    "mean calls in flight",
    "span with every slot fed",
    "analyze → write gap s",
    "unscaled lower bound s",
    "unscaled span s",
  ];
  return markdownTable(header, rows);
}

export function watchTable(watch: WatchLatency): string {
  const header = ["workspace", "edited source", "saves", "min s", "median s", "max s", "load"];
  const row = [
    watch.workspace,
    watch.source,
    String(watch.latenciesMs.length),
    seconds(watch.minMs),
    seconds(watch.medianMs),
    seconds(watch.maxMs),
    watch.loadAverage.toFixed(1),
  ];
  return markdownTable(header, [row]);
}

export function goalsTable(goals: GoalCheck[]): string {
  const verdict = (met: boolean | undefined): string => {
    if (met === undefined) return "not run";
    return met ? "met" : "MISSED";
  };
  return markdownTable(
    ["goal (2 cores)", "measured", "verdict"],
    goals.map((goal) => [goal.goal, goal.measured, verdict(goal.met)]),
  );
}

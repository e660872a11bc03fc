/** The whole result of a benchmark run: what is written as JSON and printed as tables. */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BuildFigures } from "./figures.js";
import { checkGoals, type GoalCheck } from "./goals.js";
import { stageGrowth, type StageGrowth } from "./growth.js";
import { benchOutDir } from "./paths.js";
import type { SavedParts } from "./parts.js";
import type { ServerUseResult, WorkspaceResult } from "./scenarios.js";
import { serverUseOf, type ServerUse } from "./server-use.js";
import {
  goalsTable,
  growthTable,
  promptTable,
  runsTable,
  serverUseTable,
  stagesTable,
  watchTable,
} from "./table.js";
import type { WatchLatency } from "./watch-latency.js";

export interface BenchReport {
  date: string;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    platform: string;
    /** One-minute load average when the report was made: other work on the machine skews times. */
    loadAverage: number;
  };
  quick: boolean;
  corpora: WorkspaceResult[];
  scale: WorkspaceResult[];
  growth: StageGrowth[];
  serverUse: ServerUse[];
  serverUseBuilds: ServerUseResult[];
  /** Time from a save to the page on disk under `wiki watch`, undefined when not run. */
  watch: WatchLatency | undefined;
  goals: GoalCheck[];
  /** Builds that failed, with the reason. */
  failures: string[];
}

function machine(): BenchReport["machine"] {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: Number(os.loadavg()[0]?.toFixed(2)),
  };
}

function find(result: WorkspaceResult | undefined, provider: string, kind: string) {
  return result?.builds.find((build) => build.provider === provider && build.kind === kind);
}

/** Growth of each stage between the two synthetic workspaces, for each build that ran in both. */
function growthOf(scale: WorkspaceResult[]): StageGrowth[] {
  const [small, large] = [scale[0], scale.at(-1)];
  if (!small || !large || small === large) return [];
  const pairs = ["cold", "no-change", "edit"].flatMap((kind) =>
    ["offline", "ollama"].map((provider) => [
      find(small, provider, kind),
      find(large, provider, kind),
    ]),
  );
  return pairs.flatMap(([a, b]) =>
    a && b
      ? stageGrowth(a, b, [small.sources, large.sources]).map((row) => ({
          ...row,
          stage: `${a.provider} ${a.kind}: ${row.stage}`,
        }))
      : [],
  );
}

export function makeReport(quick: boolean, parts: SavedParts, failures: string[]): BenchReport {
  const { corpora, scale, watch, serverUse: serverUseBuilds } = parts;
  const growth = growthOf(scale);
  const serverUse = serverUseBuilds.map(serverUseOf);
  const serverBuilds: BuildFigures[] = [...corpora, ...scale].flatMap((result) =>
    result.builds.filter((build) => build.provider === "ollama"),
  );
  const goals = checkGoals({ largest: scale.at(-1), growth, serverBuilds, serverUse, watch });
  const date = new Date().toISOString();
  return {
    date,
    machine: machine(),
    quick,
    corpora,
    scale,
    growth,
    serverUse,
    serverUseBuilds,
    watch,
    goals,
    failures,
  };
}

export function renderReport(report: BenchReport): string {
  const { machine: host } = report;
  const sections = [
    `# wiki benchmark, ${report.date.slice(0, 10)}${report.quick ? " (--quick)" : ""}`,
    `${host.cores} cores (${host.cpu}), ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}; ` +
      `load average ${host.loadAverage} at the end of the run`,
    "## Runs",
    runsTable([...report.corpora, ...report.scale]),
    "## Time per stage",
    stagesTable([...report.corpora, ...report.scale]),
    "## Prompt tokens by step (cold builds through a loopback server)",
    promptTable([...report.corpora, ...report.scale]),
  ];
  if (report.watch)
    sections.push("## Watch: from a save to the page on disk", watchTable(report.watch));
  if (report.growth.length)
    sections.push("## Growth from the smaller to the larger workspace", growthTable(report.growth));
  if (report.serverUse.length)
    sections.push(
      "## Slot use of the model servers (cold build)",
      serverUseTable(report.serverUse),
    );
  sections.push("## Goals", goalsTable(report.goals));
  if (report.failures.length) {
    sections.push("## Failed builds", report.failures.map((failure) => `- ${failure}`).join("\n"));
  }
  return `${sections.join("\n\n")}\n`;
}

/** Writes the report as JSON and Markdown into `.bench/`, dated and as `latest`. */
export async function saveReport(report: BenchReport, markdown: string): Promise<string> {
  await mkdir(benchOutDir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, "-");
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = path.join(benchOutDir, `bench-${stamp}.json`);
  await writeFile(file, json);
  await writeFile(path.join(benchOutDir, "latest.json"), json);
  await writeFile(path.join(benchOutDir, "latest.md"), markdown);
  return file;
}

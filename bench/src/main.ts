/**
 * `npm run bench [-- --quick] [-- --profile]`: measures `wiki build` on the real corpora, on
 * synthetic workspaces of 1,000 and 10,000 sources, and against one and three loopback model
 * servers, next to the floor of the bare parsing tools. Prints the tables and writes the figures
 * to `.bench/`. The method is described in docs/benchmarks.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { benchOutDir, corporaRoot } from "./paths.js";
import { loadParts, saveWatchPart } from "./parts.js";
import { formatProfile, readProfileSummary } from "./profile.js";
import { makeReport, renderReport, saveReport, type BenchReport } from "./report.js";
import {
  benchCorpora,
  benchScale,
  benchServerUse,
  type ServerUseResult,
  type WorkspaceResult,
} from "./scenarios.js";
import { openWorkspace, type RunSettings } from "./trio.js";
import { benchWatchLatency, type WatchLatency } from "./watch-latency.js";

const usage = `usage: npm run bench -- [options]
  --quick             only the real corpora offline and 1,000 synthetic sources
  --profile           write CPU profiles of every build to .bench/profiles/BUILD/
  --sizes N,N         sizes of the synthetic workspaces (default 1000,10000)
  --server-sizes N    largest synthetic workspace also built through a loopback server
                      (default 1000)
  --slot-seconds N    target lower bound of the slot-use build with one host, in s (default 60)
  --timeout-minutes N time limit of one build (default 30)
  --skip LIST         scenarios to leave out, comma-separated: corpora, watch, servers, scale
  --report-only       make the tables from the results saved in .bench/parts, running nothing`;

/** Corpus of the slot-use scenario: the largest real corpus of many short documents. */
const serverUseCorpus = "ollama-docs";

/** Corpus and number of saves of the watch scenario. */
const watchCorpus = "ollama-docs";
const watchSaves = 10;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      sizes: { type: "string", default: "1000,10000" },
      "server-sizes": { type: "string", default: "1000" },
      "slot-seconds": { type: "string", default: "60" },
      "timeout-minutes": { type: "string", default: "30" },
      skip: { type: "string", default: "" },
      "report-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const sizes = values.quick ? [1000] : values.sizes.split(",").map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--sizes must list whole numbers above 0, not "${values.sizes}"\n${usage}`);
  }
  const skip = new Set(values.skip.split(",").filter(Boolean));
  for (const name of skip) {
    if (!["corpora", "watch", "servers", "scale"].includes(name)) {
      throw new Error(`--skip takes corpora, watch, servers or scale, not "${name}"\n${usage}`);
    }
  }
  return { ...values, sizes, skip, slotMs: Number(values["slot-seconds"]) * 1000 };
}

/**
 * Picks the time scale that makes the one-host build's lower bound last about `targetMs`, from
 * the simulated work of the corpus's cold build, or of a build at time scale 0 made for the
 * purpose when the corpora were skipped.
 */
async function slotTimeScale(
  corpora: WorkspaceResult[],
  workspace: Awaited<ReturnType<typeof openWorkspace>>,
  settings: RunSettings,
  targetMs: number,
): Promise<number> {
  const slots = 4;
  const builds = corpora.find((result) => result.workspace === serverUseCorpus)?.builds ?? [];
  const cold = builds.find((build) => build.provider === "ollama" && build.kind === "cold");
  let simulatedMs = cold?.server?.simulatedMs ?? 0;
  if (simulatedMs === 0) {
    const probe = await benchServerUse(
      workspace,
      { hosts: 1, slotsPerHost: slots, timeScale: 0 },
      settings,
    );
    simulatedMs = probe?.build.server?.simulatedMs ?? 0;
  }
  return simulatedMs > 0 ? Number(((targetMs * slots) / simulatedMs).toPrecision(2)) : 0.01;
}

async function benchServers(corpora: WorkspaceResult[], settings: RunSettings, slotMs: number) {
  const workspace = await openWorkspace(
    serverUseCorpus,
    path.join(corporaRoot, serverUseCorpus),
    false,
  );
  const timeScale = await slotTimeScale(corpora, workspace, settings, slotMs);
  const results: ServerUseResult[] = [];
  for (const hosts of [1, 3]) {
    const result = await benchServerUse(workspace, { hosts, slotsPerHost: 4, timeScale }, settings);
    if (result) results.push(result);
  }
  return results;
}

async function benchWatch(settings: RunSettings): Promise<WatchLatency | undefined> {
  const corpusDir = path.join(corporaRoot, watchCorpus);
  const result = await benchWatchLatency(watchCorpus, corpusDir, watchSaves, settings);
  if (result) await saveWatchPart(result);
  return result;
}

async function printProfiles(report: BenchReport): Promise<void> {
  const largest = report.scale.at(-1);
  for (const build of largest?.builds ?? []) {
    if (!build.profile || build.kind === "edit") continue;
    console.log(`\n${build.workspace} ${build.provider} ${build.kind}`);
    console.log(formatProfile(await readProfileSummary(build.profile, 15)));
  }
}

async function reportParts(): Promise<void> {
  const parts = await loadParts();
  const report = makeReport(false, parts, []);
  const markdown = renderReport(report);
  console.log(markdown);
  console.log(`figures written to ${await saveReport(report, markdown)}`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.help) return void console.log(usage);
  if (options["report-only"]) return reportParts();
  const settings: RunSettings = {
    profileDir: options.profile ? path.join(benchOutDir, "profiles") : undefined,
    timeoutMs: Number(options["timeout-minutes"]) * 60_000,
    concurrency: 4,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
    failures: [],
  };
  const { skip } = options;
  const corpora = skip.has("corpora") ? [] : await benchCorpora(!options.quick, settings);
  const watch = skip.has("watch") ? undefined : await benchWatch(settings);
  const runServers = !options.quick && !skip.has("servers");
  const servers = runServers ? await benchServers(corpora, settings, options.slotMs) : [];
  const serverMax = options.quick ? 0 : Number(options["server-sizes"]);
  const scale = skip.has("scale") ? [] : await benchScale(options.sizes, serverMax, settings);

  const parts = { corpora, scale, serverUse: servers, watch };
  const report = makeReport(options.quick, parts, settings.failures);
  const markdown = renderReport(report);
  console.log(markdown);
  if (options.profile) await printProfiles(report);
  console.log(`figures written to ${await saveReport(report, markdown)}`);
}

await main();

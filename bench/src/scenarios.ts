/**
 * The scenarios of the benchmark: the real corpora, synthetic workspaces at scale, and the use of
 * the slots of one and of three loopback servers. Each workspace also gets its floor.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildFigures } from "./figures.js";
import { runFloor, type FloorFigures } from "./floor.js";
import { sampleCorpora } from "./generate/sample.js";
import { generateWorkspace } from "./generate/workspace.js";
import { startLoopback, type ServerSettings } from "./loopback.js";
import { benchOutDir, corporaRoot, corpusNames, makeTemp, removeTemp } from "./paths.js";
import {
  measureBuild,
  openWorkspace,
  runTrio,
  type BenchWorkspace,
  type RunSettings,
} from "./trio.js";

export interface WorkspaceResult {
  workspace: string;
  sources: number;
  sourceChars: number;
  floor: FloorFigures;
  builds: BuildFigures[];
}

export interface ServerUseResult {
  hosts: number;
  slots: number;
  timeScale: number;
  build: BuildFigures;
}

/** Folder of the results of each workspace, written as soon as it is measured. */
export const partsDir = path.join(benchOutDir, "parts");

async function savePart(name: string, result: WorkspaceResult | ServerUseResult): Promise<void> {
  await mkdir(partsDir, { recursive: true });
  await writeFile(path.join(partsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** Runs the builds of `run`; when one fails, records why and returns no figures. */
async function recorded(
  settings: RunSettings,
  label: string,
  run: () => Promise<BuildFigures[]>,
): Promise<BuildFigures[]> {
  try {
    return await run();
  } catch (error) {
    const message = `${label}: ${error instanceof Error ? error.message : String(error)}`;
    settings.failures.push(message);
    settings.log(`failed: ${message}`);
    return [];
  }
}

/** Runs the floor and the three builds offline, and through one loopback server unless skipped. */
async function benchWorkspace(
  workspace: BenchWorkspace,
  withServer: boolean,
  settings: RunSettings,
): Promise<WorkspaceResult> {
  const floor = await runFloor(workspace.rawDir, settings.timeoutMs);
  settings.log(`${workspace.name}-floor: ${(floor.totalMs / 1000).toFixed(1)} s`);
  const builds = await recorded(settings, `${workspace.name} offline`, () =>
    runTrio(workspace, undefined, settings),
  );
  if (withServer) {
    const servers = await startLoopback({ hosts: 1, slotsPerHost: 4, timeScale: 0 });
    try {
      const label = `${workspace.name} through a loopback server`;
      builds.push(
        ...(await recorded(settings, label, () => runTrio(workspace, servers, settings))),
      );
    } finally {
      await servers.close();
    }
  }
  // The floor reads the same files as a build, and it counts them even when every build failed.
  const sources = floor.files;
  const result = {
    workspace: workspace.name,
    sources,
    sourceChars: workspace.sourceChars,
    floor,
    builds,
  };
  await savePart(workspace.name, result);
  return result;
}

export async function benchCorpora(
  withServer: boolean,
  settings: RunSettings,
): Promise<WorkspaceResult[]> {
  const results: WorkspaceResult[] = [];
  for (const name of corpusNames) {
    const workspace = await openWorkspace(name, path.join(corporaRoot, name), false);
    results.push(await benchWorkspace(workspace, withServer, settings));
  }
  return results;
}

/** Runs each synthetic size offline, and through a loopback server up to `serverMax` sources. */
export async function benchScale(
  counts: number[],
  serverMax: number,
  settings: RunSettings,
): Promise<WorkspaceResult[]> {
  const sample = await sampleCorpora(corpusNames.map((name) => path.join(corporaRoot, name)));
  const results: WorkspaceResult[] = [];
  for (const count of counts) {
    const dir = await makeTemp(`synthetic-${count}`);
    try {
      const rawDir = path.join(dir, "raw");
      await generateWorkspace(sample, count, rawDir);
      const workspace = await openWorkspace(`synthetic-${count}`, rawDir, true);
      results.push(await benchWorkspace(workspace, count <= serverMax, settings));
    } finally {
      await removeTemp(dir);
    }
  }
  return results;
}

/** Runs one cold build of a workspace against `hosts` servers of `slots` slots each. */
export async function benchServerUse(
  workspace: BenchWorkspace,
  server: ServerSettings,
  settings: RunSettings,
): Promise<ServerUseResult | undefined> {
  const servers = await startLoopback(server);
  const root = await makeTemp(`servers-${server.hosts}`);
  try {
    const renamed = {
      ...workspace,
      name: `${workspace.name}-${server.hosts}x${server.slotsPerHost}`,
    };
    const target = { workspace: renamed, root, rawDir: workspace.rawDir, servers };
    const run = () =>
      measureBuild(target, "cold", { ...settings, concurrency: server.slotsPerHost });
    const [build] = await recorded(settings, renamed.name, async () => [await run()]);
    if (!build) return undefined;
    const result = {
      hosts: server.hosts,
      slots: server.slotsPerHost,
      timeScale: server.timeScale,
      build,
    };
    await savePart(renamed.name, result);
    return result;
  } finally {
    await servers.close();
    await removeTemp(root);
  }
}

/**
 * The three builds of one workspace with one provider: a cold build into an empty output
 * folder, a rebuild with nothing changed, and a rebuild after a one-source edit.
 */
import { cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { figuresOf, type BuildFigures, type BuildKind } from "./figures.js";
import type { LoopbackServers } from "./loopback.js";
import { makeTemp, removeTemp } from "./paths.js";
import { runBuild } from "./run-build.js";
import { countCharacters, editOneSource, listSources } from "./sources.js";

export interface BenchWorkspace {
  name: string;
  rawDir: string;
  /** True when the benchmark made `rawDir` itself, so it may edit a source in place. */
  owned: boolean;
  sourceChars: number;
}

export interface RunSettings {
  /** Folder for CPU profiles of the builds, or undefined for none. */
  profileDir: string | undefined;
  timeoutMs: number;
  /** Requests in flight per server. */
  concurrency: number;
  log: (line: string) => void;
  /** Messages of the builds that failed; the benchmark records them and goes on. */
  failures: string[];
}

export async function openWorkspace(
  name: string,
  rawDir: string,
  owned: boolean,
): Promise<BenchWorkspace> {
  return { name, rawDir, owned, sourceChars: await countCharacters(await listSources(rawDir)) };
}

export interface BuildTarget {
  workspace: BenchWorkspace;
  root: string;
  rawDir: string;
  servers: LoopbackServers | undefined;
}

/** Runs one build of a target and returns its figures, logging one line. */
export async function measureBuild(
  target: BuildTarget,
  kind: BuildKind,
  settings: RunSettings,
): Promise<BuildFigures> {
  const provider = target.servers ? "ollama" : "offline";
  const label = `${target.workspace.name}-${provider}-${kind}`;
  const run = await runBuild({
    root: target.root,
    rawDir: target.rawDir,
    outDir: path.join(target.root, "wiki"),
    provider,
    hosts: target.servers?.urls ?? [],
    concurrency: settings.concurrency,
    profileDir: settings.profileDir,
    callClock: kind !== "no-change",
    label,
    timeoutMs: settings.timeoutMs,
  });
  const figures = figuresOf(
    {
      workspace: target.workspace.name,
      provider,
      kind,
      sourceChars: target.workspace.sourceChars,
      loadAverage: Number(os.loadavg()[0]?.toFixed(2)),
    },
    run,
    target.servers?.takeFigures(),
  );
  settings.log(
    `${label}: ${(figures.processMs / 1000).toFixed(1)} s, exit ${figures.exitCode}, load ${figures.loadAverage}`,
  );
  if (figures.failure) {
    settings.failures.push(figures.failure);
    settings.log(`failed: ${figures.failure}`);
  }
  return figures;
}

export async function runTrio(
  workspace: BenchWorkspace,
  servers: LoopbackServers | undefined,
  settings: RunSettings,
): Promise<BuildFigures[]> {
  const root = await makeTemp(workspace.name);
  try {
    servers?.takeFigures();
    const target: BuildTarget = { workspace, root, rawDir: workspace.rawDir, servers };
    const cold = await measureBuild(target, "cold", settings);
    // A failed cold build leaves no output to rebuild from, so the rebuilds would redo it.
    if (cold.failure) return [cold];
    const unchanged = await measureBuild(target, "no-change", settings);

    const rawDir = workspace.owned ? workspace.rawDir : path.join(root, "raw");
    if (!workspace.owned) await cp(workspace.rawDir, rawDir, { recursive: true });
    const edit = await editOneSource(await listSources(rawDir));
    try {
      const edited = await measureBuild({ ...target, rawDir }, "edit", settings);
      return [cold, unchanged, edited];
    } finally {
      await edit.restore();
    }
  } finally {
    await removeTemp(root);
  }
}

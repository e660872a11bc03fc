/**
 * Reads back the results saved per workspace in `.bench/parts/`, so `--report-only` can make the
 * tables of a run that was stopped before its end.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { partsDir, type ServerUseResult, type WorkspaceResult } from "./scenarios.js";
import type { WatchLatency } from "./watch-latency.js";

export interface SavedParts {
  corpora: WorkspaceResult[];
  scale: WorkspaceResult[];
  serverUse: ServerUseResult[];
  watch: WatchLatency | undefined;
}

/** File of the watch scenario's figures in the parts folder. */
const watchPart = "watch.json";

export async function saveWatchPart(result: WatchLatency): Promise<void> {
  await mkdir(partsDir, { recursive: true });
  await writeFile(path.join(partsDir, watchPart), `${JSON.stringify(result, null, 2)}\n`);
}

export async function loadParts(): Promise<SavedParts> {
  const parts: SavedParts = { corpora: [], scale: [], serverUse: [], watch: undefined };
  const names = (await readdir(partsDir)).filter((name) => name.endsWith(".json")).sort();
  for (const name of names) {
    if (name === watchPart) {
      parts.watch = JSON.parse(await readFile(path.join(partsDir, name), "utf8")) as WatchLatency;
      continue;
    }
    const part = JSON.parse(await readFile(path.join(partsDir, name), "utf8")) as
      WorkspaceResult | ServerUseResult;
    if ("hosts" in part) parts.serverUse.push(part);
    else {
      // The source count is the floor's file count, which stays right when every build failed.
      const result = { ...part, sources: part.floor.files };
      if (part.workspace.startsWith("synthetic-")) parts.scale.push(result);
      else parts.corpora.push(result);
    }
  }
  parts.scale.sort((a, b) => a.sources - b.sources);
  parts.serverUse.sort((a, b) => a.hosts - b.hosts);
  return parts;
}

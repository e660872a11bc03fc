/**
 * Reads back the results saved per workspace in `.bench/parts/`, so `--report-only` can make the
 * tables of a run that was stopped before its end.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { partsDir, type ServerUseResult, type WorkspaceResult } from "./scenarios.js";

export interface SavedParts {
  corpora: WorkspaceResult[];
  scale: WorkspaceResult[];
  serverUse: ServerUseResult[];
}

export async function loadParts(): Promise<SavedParts> {
  const parts: SavedParts = { corpora: [], scale: [], serverUse: [] };
  const names = (await readdir(partsDir)).filter((name) => name.endsWith(".json")).sort();
  for (const name of names) {
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

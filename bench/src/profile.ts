/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): the frames with the most self time, and the
 * functions of the project's packages with the most total time (self time plus callees).
 * `node bench/dist/profile.js FILE [N]` prints both for one profile.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./paths.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  frame: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  self: FrameTime[];
  /** Functions of `packages/` only, by total time. */
  project: FrameTime[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith("file://") ? path.relative(projectRoot, fileURLToPath(url)) : url;
  return `${functionName || "(anonymous)"} ${file || "(native)"}:${lineNumber + 1}`;
}

function ranked(times: Map<string, number>, totalMs: number, limit: number): FrameTime[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, ms]) => ({ frame, ms, share: ms / totalMs }));
}

export function summarizeProfile(profile: CpuProfile, limit: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const project = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id);
    if (!node) return;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || !frame.callFrame.url.includes("/packages/")) continue;
      const key = frameName(frame);
      if (!seen.has(key)) project.set(key, (project.get(key) ?? 0) + ms);
      seen.add(key);
    }
  });
  return { totalMs, self: ranked(self, totalMs, limit), project: ranked(project, totalMs, limit) };
}

export async function readProfileSummary(file: string, limit: number): Promise<ProfileSummary> {
  return summarizeProfile(JSON.parse(await readFile(file, "utf8")) as CpuProfile, limit);
}

export function formatProfile(summary: ProfileSummary): string {
  const lines = (rows: FrameTime[]) =>
    rows.map(
      (row) =>
        `  ${(row.share * 100).toFixed(1).padStart(5)}%  ${(row.ms / 1000).toFixed(2).padStart(7)} s  ${row.frame}`,
    );
  return [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
    "self time:",
    ...lines(summary.self),
    "total time, project functions:",
    ...lines(summary.project),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, limit] = process.argv.slice(2);
  if (!file) throw new Error("usage: node bench/dist/profile.js FILE.cpuprofile [N]");
  console.log(formatProfile(await readProfileSummary(file, Number(limit ?? 25))));
}

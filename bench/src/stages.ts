/**
 * Reads the stage lines a build logs on stderr, `NAME DETAIL (N ms)`, one per pipeline stage.
 */

export const stageNames = [
  "scan",
  "parse",
  "chunk",
  "analyze",
  "resolve",
  "write",
  "link",
  "cluster",
  "emit",
] as const;

export type StageName = (typeof stageNames)[number];

/** Milliseconds of each stage that logged a line; a stage the build skipped is absent. */
export type StageTimes = Partial<Record<StageName, number>>;

const stageLine = new RegExp(`^(${stageNames.join("|")})\\s+(.*)\\((\\d+) ms\\)\\s*$`);

/** Returns the stage times found in a build's stderr; a stage logged twice adds up. */
export function parseStageLines(stderr: string): StageTimes {
  const times: StageTimes = {};
  for (const line of stderr.split("\n")) {
    const match = stageLine.exec(line);
    if (!match) continue;
    const stage = match[1] as StageName;
    times[stage] = (times[stage] ?? 0) + Number(match[3]);
  }
  return times;
}

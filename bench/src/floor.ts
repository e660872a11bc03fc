/** Runs the floor (see floor-child.ts) as its own process on one folder of sources. */
import type { FloorFigures } from "./floor-child.js";
import { floorScript, makeTemp, removeTemp } from "./paths.js";
import { runNode } from "./run-build.js";

export type { FloorFigures };

export async function runFloor(rawDir: string, timeoutMs: number): Promise<FloorFigures> {
  const outDir = await makeTemp("floor");
  try {
    const output = await runNode([floorScript, rawDir, outDir], process.env, timeoutMs);
    if (output.exitCode !== 0) {
      throw new Error(
        `the floor run on ${rawDir} exited with code ${output.exitCode}: ${output.stderr.slice(-2000)}`,
      );
    }
    return JSON.parse(output.stdout.trim()) as FloorFigures;
  } finally {
    await removeTemp(outDir);
  }
}

/**
 * Growth of the time of each stage from the smaller to the larger synthetic workspace, against
 * n·log n: for 1,000 → 10,000 sources, n·log n grows by 10 · ln 10,000 / ln 1,000 ≈ 13.3.
 */
import type { BuildFigures } from "./figures.js";
import { stageNames } from "./stages.js";

export interface StageGrowth {
  stage: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
  /** k of n^k that gives the ratio: 1 is linear, 2 quadratic. */
  exponent: number;
  verdict: "within n·log n" | "above n·log n" | "too small to tell";
}

/** Stages under this many ms in the larger workspace are left out of the verdicts. */
export const smallStageMs = 100;

/** Slack on the n·log n ratio for timing noise between two runs. */
export const growthTolerance = 1.1;

export function nLogNRatio(small: number, large: number): number {
  return (large * Math.log(large)) / (small * Math.log(small));
}

function growthOf(name: string, smallMs: number, largeMs: number, sizes: [number, number]) {
  const ratio = largeMs / Math.max(smallMs, 1);
  const bound = nLogNRatio(sizes[0], sizes[1]) * growthTolerance;
  const verdict: StageGrowth["verdict"] =
    largeMs < smallStageMs
      ? "too small to tell"
      : ratio <= bound
        ? "within n·log n"
        : "above n·log n";
  const exponent = Math.log(ratio) / Math.log(sizes[1] / sizes[0]);
  return { stage: name, smallMs, largeMs, ratio, exponent, verdict };
}

/**
 * Compares the stage times, and the whole build, of two builds of the same kind. A failed build
 * contributes the stages it logged before it stopped, and no whole-build row.
 */
export function stageGrowth(
  small: BuildFigures,
  large: BuildFigures,
  sizes: [number, number],
): StageGrowth[] {
  const rows = stageNames
    .filter((stage) => small.stages[stage] !== undefined && large.stages[stage] !== undefined)
    .map((stage) => growthOf(stage, small.stages[stage] ?? 0, large.stages[stage] ?? 0, sizes));
  if (!small.failure && !large.failure) {
    rows.push(growthOf(`whole build (${small.kind})`, small.buildMs, large.buildMs, sizes));
  }
  return rows;
}

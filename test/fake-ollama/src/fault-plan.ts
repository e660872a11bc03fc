/**
 * Faults injected from the command line. A plan is a cycle: each listed fault hits a burst of
 * chat requests in a row, then `gap` requests get the normal answer. A bad answer is taken in
 * turn from files of model output sorted by step, so each goes to a request of its own step.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Fault, FakeRequest, StepKind } from "./types.js";

/** Faults that `--faults` names, and what each sends. */
const faultKinds = {
  "404": { status: 404 },
  "503": { status: 503 },
  "500": { status: 500 },
  reset: { reset: true },
  "stream-error": { streamError: "model runner has unexpectedly stopped" },
  length: { doneReason: "length" },
  empty: { empty: true },
  hang: { hang: true },
  answer: {},
} satisfies Record<string, Fault>;

export type FaultKind = keyof typeof faultKinds;

/** One entry of a plan: a fault and the number of requests in a row it hits. */
export interface PlannedFault {
  kind: FaultKind;
  burst: number;
}

export interface FaultPlan {
  faults: PlannedFault[];
  /** Requests with the normal answer after each burst. */
  gap: number;
  /** Bad answers by step, for the `answer` fault. */
  answers: Partial<Record<StepKind, string[]>>;
}

const isKind = (name: string): name is FaultKind => Object.hasOwn(faultKinds, name);

/** Parses `503*3,reset,answer`: fault names, each with an optional `*N` burst. */
export function parseFaultList(text: string): PlannedFault[] {
  return text.split(",").map((item) => {
    const [name = "", count = "1"] = item.trim().split("*");
    const burst = Number(count);
    if (!isKind(name) || !Number.isInteger(burst) || burst < 1) {
      const names = Object.keys(faultKinds).join(", ");
      throw new Error(`invalid fault "${item}"; expected one of ${names}, with an optional *N`);
    }
    return { kind: name, burst };
  });
}

/** Reads the bad answers of `dir`: the files of `dir/STEP/`, sorted by name, for each step. */
export function readAnswers(dir: string): Partial<Record<StepKind, string[]>> {
  const answers: Partial<Record<StepKind, string[]>> = {};
  for (const step of ["analyze", "write", "confirm", "overview"] as const) {
    const stepDir = path.join(dir, step);
    let names: string[];
    try {
      names = readdirSync(stepDir).filter((name) => name.endsWith(".txt"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    answers[step] = names.sort().map((name) => readFileSync(path.join(stepDir, name), "utf8"));
  }
  return answers;
}

/** Creates the server's `faults` hook for `plan`, which counts the faults it injects in `injected`. */
export function faultHook(plan: FaultPlan, injected: Map<string, number>) {
  const cycle = plan.faults.flatMap((fault) => [
    ...Array<FaultKind | undefined>(fault.burst).fill(fault.kind),
    ...Array<FaultKind | undefined>(plan.gap).fill(undefined),
  ]);
  const nextAnswer = new Map<StepKind, number>();
  return (request: FakeRequest, index: number): Fault | undefined => {
    const kind = cycle[index % cycle.length];
    if (kind === undefined) return undefined;
    let fault: Fault = faultKinds[kind];
    if (kind === "answer") {
      const answers = plan.answers[request.step] ?? [];
      if (answers.length === 0) return undefined;
      const turn = nextAnswer.get(request.step) ?? 0;
      nextAnswer.set(request.step, turn + 1);
      fault = { content: answers[turn % answers.length] };
    }
    injected.set(kind, (injected.get(kind) ?? 0) + 1);
    return fault;
  };
}

/**
 * Faults of the fake model server's command line: the plan that `--faults` sets, and the
 * server started with it.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { jsonSchemaOf } from "@wiki/compiler";
import { Ollama } from "ollama";
import { afterEach, describe, expect, it } from "vitest";
import {
  faultHook,
  parseFaultList,
  readAnswers,
  type FaultPlan,
} from "./fake-ollama/src/fault-plan.js";
import type { FakeRequest, StepKind } from "./fake-ollama/src/types.js";

const mainScript = "test/fake-ollama/dist/main.js";

function requestOf(step: StepKind): FakeRequest {
  return {
    endpoint: "/api/chat",
    model: "llama3.1:8b",
    step,
    messages: [],
    options: {},
    think: undefined,
    format: undefined,
    stream: true,
  };
}

function faultsOf(plan: FaultPlan, steps: StepKind[]) {
  const hook = faultHook(plan, new Map());
  return steps.map((step, index) => hook(requestOf(step), index));
}

describe("fault list", () => {
  it("reads names with their bursts", () => {
    expect(parseFaultList("503*3, reset,answer")).toEqual([
      { kind: "503", burst: 3 },
      { kind: "reset", burst: 1 },
      { kind: "answer", burst: 1 },
    ]);
  });

  it.each(["502", "503*0", "reset*x", ""])("rejects %j", (text) => {
    expect(() => parseFaultList(text)).toThrow(/invalid fault .*expected one of/);
  });
});

describe("fault plan", () => {
  it("hits a burst then leaves a gap, in a cycle", () => {
    const plan: FaultPlan = { faults: parseFaultList("503*2,reset"), gap: 1, answers: {} };
    const faults = faultsOf(plan, Array<StepKind>(7).fill("analyze"));
    expect(faults).toEqual([
      { status: 503 },
      { status: 503 },
      undefined,
      { reset: true },
      undefined,
      { status: 503 },
      { status: 503 },
    ]);
  });

  it("takes bad answers in turn for the step of each request", () => {
    const answers = { analyze: ["a1", "a2"], write: ["w1"] };
    const plan: FaultPlan = { faults: parseFaultList("answer"), gap: 0, answers };
    const steps: StepKind[] = ["analyze", "write", "analyze", "confirm", "analyze"];
    expect(faultsOf(plan, steps)).toEqual([
      { content: "a1" },
      { content: "w1" },
      { content: "a2" },
      undefined,
      { content: "a1" },
    ]);
  });

  it("counts the faults it injects", () => {
    const injected = new Map<string, number>();
    const hook = faultHook({ faults: parseFaultList("500,length"), gap: 1, answers: {} }, injected);
    for (let index = 0; index < 8; index += 1) hook(requestOf("analyze"), index);
    expect(Object.fromEntries(injected)).toEqual({ "500": 2, length: 2 });
  });

  it("reads the repository's bad answers by step", () => {
    const answers = readAnswers("test/faults");
    expect(Object.keys(answers).sort()).toEqual(["analyze", "confirm", "overview", "write"]);
    expect(answers.analyze?.length).toBeGreaterThan(40);
  });
});

describe("fake ollama command line", () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGTERM");
  });

  it("injects the faults of --faults and counts them on stop", async () => {
    const child = spawn(process.execPath, [
      mainScript,
      "--faults",
      "503,answer",
      "--fault-gap",
      "0",
    ]);
    children.push(child);
    const [data] = (await once(child.stdout!, "data")) as [Buffer];
    const client = new Ollama({ host: data.toString().trim() });
    const messages = [{ role: "user", content: "[1-1] The server starts." }];
    const format = jsonSchemaOf("analyze");
    const ask = () => client.chat({ model: "llama3.1:8b", messages, format, stream: false });

    await expect(ask()).rejects.toMatchObject({ status_code: 503 });
    const bad = await ask();
    const first = readFileSync("test/faults/analyze/aliases-as-string.txt", "utf8");
    expect(bad.message.content).toBe(first);
    let stderr = "";
    child.stderr!.on("data", (part: Buffer) => (stderr += part.toString()));
    child.kill("SIGTERM");
    await once(child, "exit");
    expect(stderr).toContain("faults injected: 503 1, answer 1");
  });

  it("rejects an unknown fault", async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [mainScript, "--faults", "teapot"], (error, _out, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid fault "teapot"');
  });
});

/**
 * Starts the fake model server from the command line and prints its URL:
 * `npm run fake-ollama -- --port 11435 --slots 2 --time-scale 1 --models llama3.1:8b,qwen3:8b`.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { faultHook, parseFaultList, readAnswers } from "./fault-plan.js";
import { startFakeOllama } from "./server.js";
import type { FakeOllamaOptions } from "./types.js";

/** The repository's corpus of bad answers, beside the `dist` folder of this script. */
const defaultAnswers = fileURLToPath(new URL("../../faults", import.meta.url));

const usage = `usage: fake-ollama [options]
  --port N          port on 127.0.0.1 (default 0: any free port)
  --slots N         requests served in parallel (default 4)
  --queue N         requests that may wait for a slot before a 503 (default 512)
  --prompt-tps N    simulated prompt evaluation speed, tokens per second (default 1000)
  --gen-tps N       simulated generation speed, tokens per second (default 40)
  --time-scale X    factor applied to simulated durations (default 0: answer at once)
  --models a,b      model names served (default llama3.1:8b); a name ending in "+think" thinks
  --faults LIST     faults injected into chat requests in turn: a comma list of 404, 500,
                    503, reset, stream-error, length, empty, hang and answer (a bad answer
                    read from --answers); NAME*N hits N requests in a row, e.g. 503*3,answer
  --fault-gap N     requests answered normally after each fault (default 4)
  --answers DIR     bad answers as DIR/analyze/*.txt, DIR/write/*.txt, ... (default: the
                    repository's test/faults)`;

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const text = values[name];
  if (typeof text !== "string") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new Error(`invalid --${name}: "${text}"; expected a number\n${usage}`);
  }
  return value;
}

function optionsOf(argv: string[]): FakeOllamaOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      slots: { type: "string" },
      queue: { type: "string" },
      "prompt-tps": { type: "string" },
      "gen-tps": { type: "string" },
      "time-scale": { type: "string" },
      models: { type: "string" },
      faults: { type: "string" },
      "fault-gap": { type: "string" },
      answers: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const models = values.models?.split(",").filter((name) => name.trim() !== "");
  return {
    ...faultOptions(values),
    port: numberOption(values, "port"),
    slots: numberOption(values, "slots"),
    queueLimit: numberOption(values, "queue"),
    promptTokensPerSecond: numberOption(values, "prompt-tps"),
    generateTokensPerSecond: numberOption(values, "gen-tps"),
    timeScale: numberOption(values, "time-scale"),
    models: models?.map((name) => {
      const thinking = name.trim().endsWith("+think");
      return { name: name.trim().replace(/\+think$/, ""), thinking };
    }),
  };
}

/** Faults injected so far, by name; printed when the server stops. */
const injected = new Map<string, number>();

/** Returns the `faults` hook that `--faults`, `--fault-gap` and `--answers` set, if any. */
function faultOptions(values: Record<string, unknown>): Pick<FakeOllamaOptions, "faults"> {
  if (typeof values["faults"] !== "string") return {};
  const faults = parseFaultList(values["faults"]);
  const gap = numberOption(values, "fault-gap") ?? 4;
  if (!Number.isInteger(gap) || gap < 0) {
    throw new Error(`invalid --fault-gap: "${gap}"; expected a whole number of at least 0`);
  }
  const dir = typeof values["answers"] === "string" ? values["answers"] : defaultAnswers;
  const answers = faults.some((fault) => fault.kind === "answer") ? readAnswers(dir) : {};
  if (faults.some((fault) => fault.kind === "answer") && Object.keys(answers).length === 0) {
    throw new Error(`no bad answers in ${dir}; expected files such as ${dir}/analyze/NAME.txt`);
  }
  return { faults: faultHook({ faults, gap, answers }, injected) };
}

function injectedLine(): string {
  const counts = [...injected].map(([name, count]) => `${name} ${count}`);
  return counts.length > 0 ? `; faults injected: ${counts.join(", ")}` : "";
}

async function main(): Promise<void> {
  const options = optionsOf(process.argv.slice(2));
  const server = await startFakeOllama({ ...options, log: (line) => console.error(line) });
  console.log(server.url);
  const stop = (signal: NodeJS.Signals): void => {
    console.error(`fake-ollama stopped on ${signal}${injectedLine()}`);
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`fake-ollama failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

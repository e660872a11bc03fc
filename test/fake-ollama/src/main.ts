/**
 * Starts the fake model server from the command line and prints its URL:
 * `npm run fake-ollama -- --port 11435 --slots 2 --time-scale 1 --models llama3.1:8b,qwen3:8b`.
 */
import { parseArgs } from "node:util";
import { startFakeOllama } from "./server.js";
import type { FakeOllamaOptions } from "./types.js";

const usage = `usage: fake-ollama [options]
  --port N          port on 127.0.0.1 (default 0: any free port)
  --slots N         requests served in parallel (default 4)
  --queue N         requests that may wait for a slot before a 503 (default 512)
  --prompt-tps N    simulated prompt evaluation speed, tokens per second (default 1000)
  --gen-tps N       simulated generation speed, tokens per second (default 40)
  --time-scale X    factor applied to simulated durations (default 0: answer at once)
  --models a,b      model names served (default llama3.1:8b); a name ending in "+think" thinks`;

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
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const models = values.models?.split(",").filter((name) => name.trim() !== "");
  return {
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

async function main(): Promise<void> {
  const options = optionsOf(process.argv.slice(2));
  const server = await startFakeOllama({ ...options, log: (line) => console.error(line) });
  console.log(server.url);
  const stop = (signal: NodeJS.Signals): void => {
    console.error(`fake-ollama stopped on ${signal}`);
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`fake-ollama failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

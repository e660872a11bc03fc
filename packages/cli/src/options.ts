/**
 * The options shared by `wiki build` and `wiki watch`, parsed with node:util.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultConfig, editDistance, fieldAt, type IntegerField } from "@wiki/compiler/core";

export interface BuildFlags {
  root: string;
  rawDir: string;
  outDir: string;
  schemaDir: string;
  provider?: string;
  model?: string;
  hosts?: string[];
  concurrency?: number;
  json: boolean;
  check: boolean;
  force: boolean;
  quiet: boolean;
  help: boolean;
}

export const buildHelp = (command: string) => `Usage: wiki ${command} [ROOT] [options]

${
  command === "watch"
    ? "Builds ROOT/raw into ROOT/wiki, then rebuilds whenever a source or the schema changes,\nuntil Ctrl-C."
    : "Compiles ROOT/raw (Markdown, MDX and text files) into ROOT/wiki, reading ROOT/schema."
}

Options:
  --raw DIR            folder of the sources (default: ROOT/raw)
  --out DIR            output folder (default: ROOT/wiki); the cache and lock go beside it
  --schema DIR         schema folder (default: ROOT/schema)
  --provider NAME      auto (default), offline, ollama or openai
  --model NAME         model name on the servers (default: ${defaultConfig.model})
  --host URL           model server; repeat for several (default: OLLAMA_HOST or 127.0.0.1:11434)
  --concurrency N      requests in flight per server, 1 to 64 (default: ${defaultConfig.concurrency})
  --json               print the figures as JSON on stdout${command === "watch" ? ", one line per rebuild" : ""}
${command === "watch" ? "" : "  --check              write nothing; exit 3 when the output differs from what a build makes\n"}  --force              replace pages that were edited by hand
  --quiet              print only problems and the summary line
  -h, --help           show this help
`;

const optionNames = [
  "raw",
  "out",
  "schema",
  "provider",
  "model",
  "host",
  "concurrency",
  "json",
  "check",
  "force",
  "quiet",
  "help",
];

/** Description of the value of each option that takes one, for the message when it is missing. */
const optionValues: Record<string, string> = {
  raw: "the folder of the sources",
  out: "the output folder",
  schema: "the schema folder",
  provider: "auto, offline, ollama or openai",
  model: "the model name",
  host: "the address of a model server",
  concurrency: "the number of requests in flight per server",
};

/**
 * Rewords node:util's parse errors: an unknown option names the closest known one, and an option
 * without its value names the value it needs. Other errors are returned as they are.
 */
export function rewordParseError(error: unknown, names: readonly string[] = optionNames): Error {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /Option '(?:-\w, )?--([\w-]+) <value>' argument missing/.exec(message);
  if (missing) {
    const name = missing[1]!;
    const expected = optionValues[name] ?? "a value";
    return new Error(`--${name} needs a value: ${expected}`);
  }
  const unknown = /Unknown option '--?([^']+)'/.exec(message);
  if (!unknown) return error instanceof Error ? error : new Error(message);
  const typed = unknown[1]!;
  const closest = names
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = closest && closest.distance <= 3 ? `; did you mean --${closest.name}?` : "";
  return new Error(`unknown option --${typed}${hint}`);
}

export function parseBuildFlags(args: string[], cwd: string): BuildFlags {
  try {
    return readBuildFlags(args, cwd);
  } catch (error) {
    throw rewordParseError(error);
  }
}

/**
 * Reads `--concurrency`, with the range and the message that the schema's settings give the
 * `concurrency` key, so the flag is rejected before `wiki watch` starts watching.
 */
function readConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const { minimum, maximum } = concurrencyRange();
  const whole = /^\s*\d+\s*$/.test(value);
  const number = Number(value);
  if (whole && number >= minimum && number <= maximum) return number;
  const shown = whole ? String(number) : JSON.stringify(value);
  throw new Error(`--concurrency must be an integer from ${minimum} to ${maximum}, not ${shown}`);
}

function concurrencyRange(): { minimum: number; maximum: number } {
  const field = fieldAt("concurrency") as IntegerField;
  return { minimum: field.minimum, maximum: field.maximum };
}

function readBuildFlags(args: string[], cwd: string): BuildFlags {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      raw: { type: "string" },
      out: { type: "string" },
      schema: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      host: { type: "string", multiple: true },
      concurrency: { type: "string" },
      json: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1)
    throw new Error(
      `expected one ROOT folder, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  const root = path.resolve(cwd, positionals[0] ?? ".");
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new Error(`ROOT must be a folder with a raw/ folder inside, not the file ${root}`);
  }
  const concurrency = readConcurrency(values.concurrency);
  return {
    root,
    rawDir: path.resolve(cwd, values.raw ?? path.join(root, "raw")),
    outDir: path.resolve(cwd, values.out ?? path.join(root, "wiki")),
    schemaDir: path.resolve(cwd, values.schema ?? path.join(root, "schema")),
    provider: values.provider,
    model: values.model,
    hosts: values.host,
    concurrency,
    json: values.json,
    check: values.check,
    force: values.force,
    quiet: values.quiet,
    help: values.help,
  };
}

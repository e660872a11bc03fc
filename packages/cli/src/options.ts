/**
 * The options shared by `wiki build` and `wiki watch`, parsed with node:util.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { editDistance } from "@wiki/compiler/core";

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
  --model NAME         model name on the servers
  --host URL           model server; repeat for several (default: OLLAMA_HOST or 127.0.0.1:11434)
  --concurrency N      requests in flight per server
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

/** Rewords node:util's error for an unknown option to name the closest known one. */
function unknownOption(error: unknown): Error {
  const match = /Unknown option '--?([^']+)'/.exec((error as Error).message);
  if (!match) return error as Error;
  const typed = match[1]!;
  const closest = optionNames
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .sort((a, b) => a.distance - b.distance)[0]!;
  const hint = closest.distance <= 3 ? `; did you mean --${closest.name}?` : "";
  return new Error(`unknown option --${typed}${hint}`);
}

export function parseBuildFlags(args: string[], cwd: string): BuildFlags {
  try {
    return readBuildFlags(args, cwd);
  } catch (error) {
    throw unknownOption(error);
  }
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
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new Error(`--concurrency must be a whole number above 0, not "${values.concurrency}"`);
  }
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

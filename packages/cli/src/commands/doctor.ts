/**
 * `wiki doctor [ROOT]`: checks what a build needs, one line per check with the fix under each
 * failure: the schema, the flags and environment, the sources, and each model server (reachable,
 * model pulled, context length, thinking, structured output). Exit code 0 when every check
 * passes, 1 otherwise, 2 for invalid arguments.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultConfig, type SettingFlags } from "@wiki/compiler";
import type { CommandIO } from "../io.js";
import { rewordParseError } from "../options.js";
import { checkSchema, checkSettings, checkSources } from "./doctor-local.js";
import { formatChecks, type Check } from "./doctor-report.js";
import { checkServers } from "./doctor-server.js";

export const doctorHelp = `Usage: wiki doctor [ROOT] [options]

Checks ROOT/schema, the sources under ROOT/raw and each model server: that it answers, has
the model, reports the model's context length and whether it can think, and returns
structured output for one small request. Prints one line per check and the fix for each
problem. Exit code 0 when every check passes, 1 otherwise.

Options:
  --raw DIR            folder of the sources (default: ROOT/raw)
  --schema DIR         schema folder (default: ROOT/schema)
  --provider NAME      auto, offline, ollama or openai
  --model NAME         model name on the servers (default: ${defaultConfig.model})
  --host URL           model server; repeat for several
  -h, --help           show this help
`;

const doctorOptionNames = ["raw", "schema", "provider", "model", "host", "help"];

interface DoctorArgs {
  rawDir: string;
  schemaDir: string;
  flags: SettingFlags;
  help: boolean;
}

/** Runs `wiki doctor`; returns 0 when every check passes, 1 when one fails, 2 for bad arguments. */
export async function runDoctor(args: string[], io: CommandIO): Promise<number> {
  let parsed: DoctorArgs;
  try {
    parsed = parseDoctorArgs(args, io.cwd);
  } catch (error) {
    const { message } = rewordParseError(error, doctorOptionNames);
    io.stderr(`wiki doctor: ${message}\n\n${doctorHelp}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(doctorHelp);
    return 0;
  }

  const { schema, check: schemaCheck } = checkSchema(parsed.schemaDir);
  const { settings, check: settingsCheck } = checkSettings(schema, parsed.flags, io.env);
  const checks: Check[] = [schemaCheck, settingsCheck];
  checks.push(...(await checkSources(parsed.rawDir, settings.config)));
  const serverChecks = await checkServers(settings, io.signal);
  // With provider auto an unreachable server is not an error, because the build uses the offline
  // extractor. A build given --host or --model stops instead when no host responds, so then the
  // doctor fails too.
  const unreachable = (check: Check) =>
    check.status === "fail" && check.detail.startsWith("not reachable");
  const { origins } = settings;
  const named = origins.hosts === "flag" || origins.model === "flag";
  const noneReachable = serverChecks
    .filter((check) => check.name.startsWith("host "))
    .every(unreachable);
  const optional = settings.config.provider === "auto" && !(named && noneReachable);
  checks.push(
    ...serverChecks.map((check) =>
      optional && unreachable(check) ? { ...check, status: "warn" as const } : check,
    ),
  );

  io.stdout(formatChecks(checks));
  return checks.some((check) => check.status === "fail") ? 1 : 0;
}

function parseDoctorArgs(args: string[], cwd: string): DoctorArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      raw: { type: "string" },
      schema: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      host: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1) {
    throw new Error(
      `expected one ROOT folder, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const root = path.resolve(cwd, positionals[0] ?? ".");
  const flags: SettingFlags = {};
  if (values.provider !== undefined) flags.provider = values.provider;
  if (values.model !== undefined) flags.model = values.model;
  if (values.host !== undefined) flags.hosts = values.host;
  return {
    rawDir: path.resolve(cwd, values.raw ?? path.join(root, "raw")),
    schemaDir: path.resolve(cwd, values.schema ?? path.join(root, "schema")),
    flags,
    help: values.help,
  };
}

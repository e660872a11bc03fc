/**
 * Prepares a build from the command line: checks the folders, loads and validates the schema,
 * applies flags and environment over it, and picks the provider. Everything that can be wrong
 * with the setup is found here, before any model call.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import {
  loadSchema,
  resolveSettings,
  SchemaError,
  type BuildOptions,
  type SchemaProblem,
  type Logger,
  type WikiConfig,
} from "@wiki/compiler/core";
import type { BuildFlags } from "./options.js";
import { formatSettingProblem } from "./report.js";
import { answersOnly } from "./last-build.js";
import { selectProvider } from "./select-provider.js";
import { UsageError } from "./usage-error.js";

export { UsageError } from "./usage-error.js";

export async function prepareBuild(
  flags: BuildFlags,
  env: NodeJS.ProcessEnv,
  log: Logger,
  signal: AbortSignal,
): Promise<BuildOptions> {
  checkFolders(flags);
  const schema = loadSchema(existsSync(flags.schemaDir) ? flags.schemaDir : undefined);
  const settings = resolveSettings({ flags: settingFlags(flags), env, schema });
  throwProblems([...schema.problems, ...settings.problems]);
  for (const note of settings.notes) log(note);

  const named = settings.origins.hosts === "flag" || settings.origins.model === "flag";
  const provider = await selectProvider(settings.config, log, {
    check: flags.check,
    named,
    outDir: flags.outDir,
  });
  return {
    rawDir: flags.rawDir,
    outDir: flags.outDir,
    config: settings.config,
    prompts: schema.prompts,
    promptVersions: schema.promptVersions,
    templates: schema.templates,
    provider: flags.check ? answersOnly(provider) : provider,
    check: flags.check,
    force: flags.force,
    env,
    log,
    signal,
  };
}

function settingFlags(flags: BuildFlags) {
  const { provider, model, hosts, concurrency } = flags;
  return { provider, model, hosts, concurrency };
}

/**
 * Throws a UsageError for the setting flags that are invalid whatever the schema and the
 * environment, such as `--provider` or `--host` values.
 */
export function checkSettingFlags(flags: BuildFlags): void {
  const schema = loadSchema(undefined);
  const { problems } = resolveSettings({ flags: settingFlags(flags), env: {}, schema });
  if (problems.length) throw new UsageError(problems.map(formatSettingProblem).join("\n"));
}

/**
 * Throws a SchemaError when a schema file has a problem, or a UsageError when only flags and
 * environment variables do, so the `--json` error code distinguishes the two.
 */
function throwProblems(problems: SchemaProblem[]): void {
  if (problems.some((problem) => !fromFlagOrVariable(problem))) throw new SchemaError(problems);
  if (problems.length) throw new UsageError(problems.map(formatSettingProblem).join("\n"));
}

/** Tells a problem of a flag (`--provider`) or a variable (`WIKI_PROVIDER`) from a file's. */
function fromFlagOrVariable(problem: SchemaProblem): boolean {
  return problem.line === 0 && /^(--|[A-Z][A-Z0-9_]*$)/.test(problem.file);
}

/** Throws a UsageError when the raw folder is missing, or when it and the output folder nest. */
export function checkFolders(flags: BuildFlags): void {
  if (!existsSync(flags.rawDir) || !statSync(flags.rawDir).isDirectory()) {
    throw new UsageError(
      `raw folder not found: ${flags.rawDir}; create it and put your documents there, or pass --raw DIR`,
    );
  }
  const raw = path.resolve(flags.rawDir) + path.sep;
  const out = path.resolve(flags.outDir) + path.sep;
  if (out.startsWith(raw) || raw.startsWith(out)) {
    throw new UsageError(
      `the output folder ${flags.outDir} and the raw folder ${flags.rawDir} must not contain each other; pass another --out`,
    );
  }
}

export type { WikiConfig };

/** The checks of `wiki doctor` that need no server: the schema, the settings and the sources. */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import {
  builtInPrompts,
  countOf,
  nameFew,
  defaultConfig,
  formatProblem,
  promptSteps,
  loadSchema,
  resolveSettings,
  scan,
  type LoadedSchema,
  type ResolvedSettings,
  type SettingFlags,
  unmatchedGlobs,
  type WikiConfig,
} from "@wiki/compiler";
import { formatSettingProblem } from "../report.js";
import { failed, passed, type Check } from "./doctor-report.js";

type ScanResult = Awaited<ReturnType<typeof scan>>;

/** Largest source read, as in `wiki build`. */
const maxSourceBytes = 8 * 1024 * 1024;

const schemaFix = "correct the lines above; docs/schema.md describes every setting and error";

/** Loads the schema folder and reports whether it is valid. */
export function checkSchema(schemaDir: string): { schema: LoadedSchema; check: Check } {
  const exists = existsSync(schemaDir);
  const schema = loadSchema(exists ? schemaDir : undefined);
  const folderName = path.basename(schemaDir);
  if (schema.problems.length > 0) {
    const count = countOf(schema.problems.length, "problem");
    return {
      schema,
      check: failed("schema", count, schemaFix, schema.problems.map(formatProblem)),
    };
  }
  const builtIn = builtInPrompts();
  const changed = promptSteps.filter((step) => schema.prompts[step] !== builtIn[step]);
  const prompts =
    changed.length === 0 ? "built-in prompts" : `changed prompts for ${changed.join(", ")}`;
  const yaml = existsSync(path.join(schemaDir, "wiki.yaml"))
    ? `${folderName}/wiki.yaml is valid`
    : `no ${folderName}/wiki.yaml, so the defaults apply`;
  return { schema, check: passed("schema", `${yaml}; ${prompts}`) };
}

/** Applies flags and environment over the schema and reports invalid values. */
export function checkSettings(
  schema: LoadedSchema,
  flags: SettingFlags,
  env: NodeJS.ProcessEnv,
): { settings: ResolvedSettings; check: Check } {
  const settings = resolveSettings({ flags, env, schema });
  if (settings.problems.length > 0) {
    const lines = settings.problems.map(formatSettingProblem);
    const fix = "correct the flags or environment variables above";
    return { settings, check: failed("settings", "invalid flag or variable", fix, lines) };
  }
  const { config, origins } = settings;
  const detail = `provider ${config.provider} (${origins.provider}), model ${config.model} (${origins.model})`;
  return { settings, check: { ...passed("settings", detail), lines: settings.notes } };
}

/**
 * Reads every source under `rawDir` the way `wiki build` does and reports unreadable ones. Also
 * warns about `include` globs, other than the default ones, that match no source.
 */
export async function checkSources(rawDir: string, config: WikiConfig): Promise<Check[]> {
  const folderName = path.basename(rawDir);
  if (!existsSync(rawDir) || !statSync(rawDir).isDirectory()) {
    const fix = `create ${rawDir} and put your documents there ("wiki init" creates it), or pass --raw DIR`;
    return [failed("sources", `folder ${rawDir} not found`, fix)];
  }
  const { include, exclude } = config;
  const result = await scan(rawDir, { include, exclude, maxBytes: maxSourceBytes });
  const paths = result.sources.map((source) => source.path);
  return [sourcesCheck(result, folderName, include), ...unusedGlobs(include, paths)];
}

function sourcesCheck(result: ScanResult, folderName: string, include: string[]): Check {
  const { sources, problems, skipped } = result;
  const lines = problems.map((problem) => {
    const line = problem.line ? `:${problem.line}` : "";
    return `${problem.severity}: ${folderName}/${problem.file}${line}: ${problem.message}`;
  });
  const unreadable = problems.filter((problem) => problem.severity === "error").length;
  if (unreadable > 0) {
    const detail = `${unreadable} of ${unreadable + sources.length} sources unreadable`;
    return failed("sources", detail, "fix or exclude the files above; the build skips them", lines);
  }
  if (sources.length === 0) {
    const detail = `no source under ${folderName}/ matches include (${include.join(", ")})`;
    const fix = `put Markdown (.md, .mdx, .markdown) or text (.txt) files in ${folderName}/, or change include in the schema`;
    return { ...failed("sources", detail, fix), ...(lines.length ? { lines } : {}) };
  }
  const others = `${countOf(skipped, "other file")} skipped${nameFew(result.skippedPaths)}`;
  const detail = `${sources.length} readable under ${folderName}/, ${others}`;
  if (problems.length === 0) return passed("sources", detail);
  return {
    status: "warn",
    name: "sources",
    detail: `${detail}, ${countOf(problems.length, "warning")}`,
    lines,
    fix: "the build goes on with these warnings; fix or exclude the files above to clear them",
  };
}

/** Warns about include globs of the schema that match no source, a sign of a typo. */
function unusedGlobs(include: string[], paths: string[]): Check[] {
  if (paths.length === 0) return [];
  const own = include.filter((glob) => !defaultConfig.include.includes(glob));
  return unmatchedGlobs(own, paths).map((glob) => ({
    status: "warn" as const,
    name: "include",
    detail: `"${glob}" matches no source`,
    fix: "check the folder and extension in the glob, or remove it",
  }));
}

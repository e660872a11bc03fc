/**
 * `wiki init [DIR]`: creates a workspace, with `raw/` for the documents, `schema/` with the
 * default settings, prompts and JSON Schema written out, and a `.gitignore` for the cache. An
 * existing file is never changed: each one is reported as kept.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  builtInPrompts,
  countOf,
  defaultConfig,
  formatProblem,
  loadSchema,
  promptSteps,
  renderJsonSchema,
  renderWikiYaml,
} from "@wiki/compiler";
import type { CommandIO } from "../io.js";

export const initHelp = `Usage: wiki init [DIR]

Creates a wiki workspace in DIR (default: the current folder): raw/ for your documents,
schema/ with wiki.yaml, the prompts and wiki.schema.json, and a .gitignore for the cache.
Existing files are kept unchanged; the command lists each one it kept.

Options:
  -h, --help   show this help
`;

const rawReadme = `# raw

Put the documents of your wiki in this folder: Markdown (.md, .mdx) and text (.txt) files,
in any sub-folders. \`wiki build\` reads them and never changes them; it writes the wiki to
the wiki/ folder beside this one.

This file is not read as a source: the \`exclude\` list of schema/wiki.yaml skips it.
Delete it, or remove that line, as you like.
`;

const cacheIgnore = ".wiki-cache/";

interface PlannedFile {
  /** Path relative to the workspace, with "/" separators. */
  path: string;
  text: string;
}

/** Runs `wiki init`; returns 0 on success, 2 for invalid arguments, 1 when a file fails. */
export async function runInit(args: string[], io: CommandIO): Promise<number> {
  let parsed: { dir: string; shown: string | undefined; help: boolean };
  try {
    parsed = parseInitArgs(args, io.cwd);
  } catch (error) {
    io.stderr(
      `wiki init: ${error instanceof Error ? error.message : String(error)}\n\n${initHelp}`,
    );
    return 2;
  }
  if (parsed.help) {
    io.stdout(initHelp);
    return 0;
  }

  if (await isNonDirectory(parsed.dir)) {
    io.stderr(
      `wiki init: ${parsed.dir} is a file, not a folder; pass a folder to create the workspace in\n`,
    );
    return 2;
  }
  const created: string[] = [];
  const kept: string[] = [];
  try {
    for (const file of plannedFiles(await isMissing(path.join(parsed.dir, "raw", "README.md")))) {
      const wrote = await writeNew(path.join(parsed.dir, ...file.path.split("/")), file.text);
      (wrote ? created : kept).push(file.path);
    }
  } catch (error) {
    io.stderr(`wiki init: could not write the workspace in ${parsed.dir}: ${errorText(error)}\n`);
    return 1;
  }
  io.stdout(await report(parsed, created, kept));
  return 0;
}

function parseInitArgs(args: string[], cwd: string) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h", default: false } },
  });
  if (positionals.length > 1) {
    throw new Error(
      `expected at most one DIR, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const shown = positionals[0];
  return { dir: path.resolve(cwd, shown ?? "."), shown, help: values.help };
}

/**
 * Lists the files of a new workspace. The schema excludes `README.md` only when this run writes
 * raw/README.md, so that a README of the user's own documents stays a source.
 */
function plannedFiles(writesReadme: boolean): PlannedFile[] {
  const config = writesReadme ? { ...defaultConfig, exclude: ["README.md"] } : defaultConfig;
  const prompts = builtInPrompts();
  return [
    { path: "raw/README.md", text: rawReadme },
    { path: "schema/wiki.yaml", text: renderWikiYaml(config) },
    { path: "schema/wiki.schema.json", text: renderJsonSchema() },
    ...promptSteps.map((step) => ({ path: `schema/prompts/${step}.md`, text: prompts[step] })),
    {
      path: ".gitignore",
      text: `# The build cache of wiki; the wiki/ folder itself is meant to be committed.\n${cacheIgnore}\n`,
    },
  ];
}

/** Writes `text` to a new file; returns false, leaving it unchanged, when the file exists. */
async function writeNew(file: string, text: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "EEXIST") return false;
    throw error;
  }
}

async function report(
  parsed: { dir: string; shown: string | undefined },
  created: string[],
  kept: string[],
) {
  const where = parsed.shown ?? ".";
  const lines = [
    `wiki init: ${countOf(created.length, "file")} created in ${where}, ${kept.length} kept`,
  ];
  for (const file of created) lines.push(`  created ${file}`);
  for (const file of kept) lines.push(`  kept    ${file} (it exists; not changed)`);

  if (kept.includes(".gitignore") && !(await ignoresCache(path.join(parsed.dir, ".gitignore")))) {
    lines.push(
      `note: .gitignore does not list ${cacheIgnore}; add that line to keep the cache out of git`,
    );
  }
  if (created.includes("raw/README.md") && kept.includes("schema/wiki.yaml")) {
    lines.push(
      "note: raw/README.md is read as a source unless schema/wiki.yaml excludes README.md",
    );
  }
  lines.push(...schemaNotes(parsed.dir));
  const target = parsed.shown === undefined ? "" : ` ${shellQuote(parsed.shown)}`;
  lines.push(`Next: put your documents in ${path.join(where, "raw")}/, then run:`);
  lines.push(`  node ${shellQuote(wikiBin)} build${target}`);
  return `${lines.join("\n")}\n`;
}

/** Lists the problems of the schema folder, which only files kept from before can have. */
function schemaNotes(dir: string): string[] {
  const { problems } = loadSchema(path.join(dir, "schema"));
  if (problems.length === 0) return [];
  return [
    `note: the schema has ${countOf(problems.length, "problem")}, which stop the build until fixed:`,
    ...problems.map((problem) => `  ${formatProblem(problem)}`),
  ];
}

async function ignoresCache(file: string): Promise<boolean> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split(/\r?\n/)
    .some((line) => [cacheIgnore, ".wiki-cache", ".*-cache/"].includes(line.trim()));
}

async function isMissing(file: string): Promise<boolean> {
  return stat(file).then(
    () => false,
    () => true,
  );
}

async function isNonDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => !info.isDirectory(),
    () => false,
  );
}

/**
 * Absolute path of the `wiki` command's script. The next command names it, because `npx wiki`
 * outside this repository fetches an unrelated npm package of that name.
 */
const wikiBin = fileURLToPath(new URL("../../bin/wiki.js", import.meta.url));

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

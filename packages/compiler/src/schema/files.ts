/** Reading the text files of a schema folder: UTF-8 only, line endings normalized to `\n`. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SchemaProblem } from "./problems.js";
import { closestName } from "./suggest.js";

/** A file of the schema folder: where it is on disk and how problems name it. */
export interface SchemaFile {
  path: string;
  /** `schema/prompts/analyze.md`: the schema folder's name joined with the file inside it. */
  label: string;
}

/** Returns the file's text, or undefined after reporting `file-unreadable`. */
export function readSchemaText(file: SchemaFile, problems: SchemaProblem[]): string | undefined {
  try {
    const bytes = readFileSync(file.path);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch (error) {
    const message =
      error instanceof TypeError
        ? "the file is not valid UTF-8; save it as UTF-8 text"
        : `the file cannot be read: ${errorText(error)}; make it a readable text file`;
    problems.push({ code: "file-unreadable", file: file.label, line: 0, column: 0, message });
    return undefined;
  }
}

/**
 * Returns the `.md` files of a sub-folder of the schema folder, by name without `.md`. An absent
 * folder has none; a folder that cannot be listed is reported as `file-unreadable`.
 */
export function listMarkdownFiles(
  schemaDir: string,
  label: string,
  folder: string,
  problems: SchemaProblem[],
): Map<string, SchemaFile> {
  const dir = path.join(schemaDir, folder);
  const files = new Map<string, SchemaFile>();
  if (!isDirectory(dir)) return files;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    const message = `the folder cannot be listed: ${errorText(error)}; make it readable`;
    problems.push({
      code: "file-unreadable",
      file: `${label}/${folder}`,
      line: 0,
      column: 0,
      message,
    });
    return files;
  }
  for (const name of names) {
    if (!name.endsWith(".md") || name.toLowerCase() === "readme.md") continue;
    files.set(name.slice(0, -3), {
      path: path.join(dir, name),
      label: `${label}/${folder}/${name}`,
    });
  }
  return files;
}

/** Reports a file whose name is not one of `known` (`analyse.md`, where `analyze.md` is meant). */
export function reportUnknownFile(
  file: SchemaFile,
  name: string,
  known: readonly string[],
  problems: SchemaProblem[],
): void {
  const closest = closestName(name, known);
  const hint = closest === undefined ? "" : ` did you mean ${closest}.md?`;
  const allowed = known.map((entry) => `${entry}.md`).join(", ");
  const message = `no file of this name is read here;${hint} the names read are ${allowed}`;
  problems.push({ code: "unknown-file", file: file.label, line: 0, column: 0, message });
}

export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${code} (${message})` : message;
}

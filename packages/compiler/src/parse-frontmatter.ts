/**
 * Reads a source's YAML frontmatter with the `yaml` package: no code runs, dates stay strings,
 * and a broken block is reported with its line instead of stopping the build.
 */
import { parseDocument } from "yaml";
import type { MdNode } from "./parse-blocks.js";
import type { Problem } from "./types.js";

export interface SourceFrontmatter {
  title?: string;
  date?: string;
}

export function readFrontmatter(
  tree: MdNode,
  file: string,
  problems: Problem[],
): SourceFrontmatter {
  const node = tree.children?.[0];
  if (node?.type !== "yaml" || node.value === undefined) return {};
  const document = parseDocument(node.value, { uniqueKeys: false, prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const line = (node.position?.start.line ?? 1) + (error.linePos?.[0].line ?? 0);
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const message = `frontmatter is not valid YAML: ${reason}; the file is read without it`;
    problems.push({ code: "frontmatter-invalid", file, line, message, severity: "warning" });
    return {};
  }
  const data: unknown = document.toJS();
  if (!data || typeof data !== "object") return {};
  const fields = data as Record<string, unknown>;
  const title = typeof fields.title === "string" ? fields.title.trim() : undefined;
  return { title: title || undefined, date: isoDate(fields.date) };
}

function isoDate(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : "";
  return /^\d{4}(-\d\d){0,2}/.exec(text)?.[0];
}

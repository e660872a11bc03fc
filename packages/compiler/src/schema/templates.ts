/**
 * Page templates: `schema/templates/<page type>.md` wraps the generated sections of every page of
 * that type. The frontmatter is written by code above the template, so a template has none.
 * They are checked here and applied by the emit stage (emit/templates.ts).
 */
import type { PageType } from "./config.js";
import { listMarkdownFiles, readSchemaText, reportUnknownFile, type SchemaFile } from "./files.js";
import { findPlaceholders } from "./placeholders.js";
import type { SchemaProblem } from "./problems.js";

export const pageTypes: readonly PageType[] = ["source", "entity", "concept", "community"];

/**
 * Placeholders of a page template. `content` (required, exactly once) is replaced by the
 * generated sections, `title` by the page title, `sources` by the list of the source files the
 * page cites, and `related` by links to the related pages.
 */
export const templatePlaceholders = ["content", "title", "sources", "related"] as const;

/** Reads the templates of `schemaDir`; a page type without a file has no template. */
export function readTemplates(
  schemaDir: string | undefined,
  label: string,
  problems: SchemaProblem[],
): Partial<Record<PageType, string>> {
  const templates: Partial<Record<PageType, string>> = {};
  if (schemaDir === undefined) return templates;

  for (const [name, file] of listMarkdownFiles(schemaDir, label, "templates", problems)) {
    const type = pageTypes.find((candidate) => candidate === name);
    if (type === undefined) {
      reportUnknownFile(file, name, pageTypes, problems);
      continue;
    }
    const text = readSchemaText(file, problems);
    if (text !== undefined && checkTemplate(text, file, problems)) templates[type] = text;
  }
  return templates;
}

/** Reports why a template cannot be used (`template-invalid`); returns true when it can. */
export function checkTemplate(text: string, file: SchemaFile, problems: SchemaProblem[]): boolean {
  const before = problems.length;
  const fail = (line: number, column: number, message: string) =>
    problems.push({ code: "template-invalid", file: file.label, line, column, message });
  const allowed = templatePlaceholders.map((name) => `{{${name}}}`).join(", ");

  if (/^---\s*\n/.test(text)) {
    fail(
      1,
      1,
      "a template must not start with frontmatter; the emit stage writes it above the template",
    );
  }
  const uses = findPlaceholders(text);
  for (const use of uses) {
    const known = use.wellFormed && (templatePlaceholders as readonly string[]).includes(use.name);
    if (known) continue;
    const subject = use.wellFormed
      ? `{{${use.name}}} is not a template placeholder`
      : `"${use.name}" is not a placeholder`;
    fail(use.line, use.column, `${subject}; templates may use ${allowed}`);
  }
  const contents = uses.filter((use) => use.wellFormed && use.name === "content");
  if (contents.length !== 1) {
    const [line, column] = contents[1] ? [contents[1].line, contents[1].column] : [1, 1];
    fail(
      line,
      column,
      `a template must contain {{content}} exactly once, not ${contents.length} times`,
    );
  }
  return problems.length === before;
}

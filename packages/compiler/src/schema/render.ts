/**
 * Writes a commented `wiki.yaml` from the settings catalog: every key with its description, its
 * allowed values and its value in `config` (the defaults, for `wiki init`).
 */
import { stringify } from "yaml";
import { defaultConfig, type WikiConfig } from "./config.js";
import { wikiFields, type Field } from "./fields.js";

const header = [
  "# yaml-language-server: $schema=./wiki.schema.json",
  "#",
  "# Settings of this wiki workspace. Every key is optional: a key left out takes its default, and",
  "# `wiki init` writes every key with its default value. Command-line flags and environment",
  "# variables override these settings. docs/schema.md of the wiki project describes every key,",
  "# the order of precedence and the error messages. The prompts of the model steps are the files",
  "# prompts/<step>.md beside this file; a missing prompt file means the built-in prompt. A page",
  "# template, templates/<page type>.md for source, entity, concept or community, wraps the",
  "# generated sections of each page of that type; without one, pages keep the built-in layout.",
];

/** Returns the text of a commented `wiki.yaml` that sets every key to its value in `config`. */
export function renderWikiYaml(config: WikiConfig = defaultConfig): string {
  const lines = [...header];
  for (const [key, field] of Object.entries(wikiFields.fields)) {
    lines.push(
      "",
      ...renderEntry(key, field, (config as unknown as Record<string, unknown>)[key], ""),
    );
  }
  return `${lines.join("\n")}\n`;
}

function renderEntry(key: string, field: Field, value: unknown, indent: string): string[] {
  const lines = comment(field.description, indent);
  if (field.type === "list" && field.items.type === "object") {
    for (const [name, child] of Object.entries(field.items.fields)) {
      lines.push(...comment(`${name}: ${child.description} ${allowedText(child)}`, indent, "  "));
    }
  }
  if (allowedText(field) !== "") lines.push(...comment(allowedText(field), indent));

  if (field.type === "object") {
    lines.push(`${indent}${key}:`);
    const values = value as Record<string, unknown>;
    for (const [childKey, child] of Object.entries(field.fields)) {
      lines.push(...renderEntry(childKey, child, values[childKey], `${indent}  `));
    }
    return lines;
  }
  if (field.type === "list") {
    lines.push(...renderList(key, field.items, value as unknown[], indent));
    return lines;
  }
  lines.push(`${indent}${key}: ${scalar(value)}`);
  return lines;
}

function renderList(key: string, items: Field, values: unknown[], indent: string): string[] {
  if (values.length === 0) return [`${indent}${key}: []`];
  const lines = [`${indent}${key}:`];
  for (const value of values) {
    if (items.type !== "object") {
      lines.push(`${indent}  - ${scalar(value)}`);
      continue;
    }
    const entries = Object.keys(items.fields).map(
      (name) => `${name}: ${scalar((value as Record<string, unknown>)[name])}`,
    );
    entries.forEach((entry, index) =>
      lines.push(`${indent}${index === 0 ? "  - " : "    "}${entry}`),
    );
  }
  return lines;
}

/** Returns the allowed values or range of a field, for its comment. */
export function allowedText(field: Field): string {
  if (field.type === "string" && field.enum !== undefined)
    return `Allowed: ${field.enum.join(", ")}.`;
  if (field.type === "integer") return `An integer from ${field.minimum} to ${field.maximum}.`;
  return "";
}

const scalar = (value: unknown): string => stringify(value).trimEnd();

/** Returns `text` as comment lines of at most 100 columns; `lead` indents it after the `#`. */
function comment(text: string, indent: string, lead = ""): string[] {
  const start = `${indent}#${lead}`;
  const lines: string[] = [];
  let line = start;
  for (const word of text.trim().split(/\s+/)) {
    if (line.length + word.length + 1 > 100 && line !== start) {
      lines.push(line);
      line = start;
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

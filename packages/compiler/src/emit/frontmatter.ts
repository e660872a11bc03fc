/**
 * Renders a page to its file text: YAML frontmatter written by code in a fixed key order, then
 * the body. Every value taken from a source (titles, summaries, paths) goes through the YAML
 * library, never a string join. Only hashes and line numbers are written as they are.
 */
import { Document } from "yaml";
import type { ProviderIdentity } from "../provider.js";
import type { Page, SourceRef } from "../write/page.js";

export interface Generator {
  identity: ProviderIdentity;
  promptVersion: string;
}

export function renderPage(page: Page, generator: Generator): string {
  const head: [string, unknown][] = [
    ["title", page.title],
    ["type", page.type],
  ];
  if (page.entityType) head.push(["entity_type", page.entityType]);
  if (page.aliases.length) head.push(["aliases", page.aliases]);
  if (page.summary) head.push(["summary", page.summary]);
  const tail: [string, unknown][] = [...page.extra, ["generated_by", generatedBy(generator)]];
  const sources = page.sources.length ? renderSources(page.sources) : "";
  return `---\n${renderYaml(head)}${sources}${renderYaml(tail)}---\n\n${page.body}`;
}

function generatedBy({ identity, promptVersion }: Generator): Record<string, string> {
  const fields: Record<string, string> = { provider: identity.provider, model: identity.model };
  if (identity.digest) fields.digest = identity.digest;
  fields.prompts = promptVersion;
  return fields;
}

function renderYaml(fields: [string, unknown][]): string {
  if (fields.length === 0) return "";
  return new Document(Object.fromEntries(fields)).toString(yamlOptions);
}

const yamlOptions = { lineWidth: 0, flowCollectionPadding: false };

/**
 * Renders the `sources` list as the YAML library would, with line ranges as `[12, 14]`. Only the
 * path comes from outside, so it alone goes through the library; hashes and line numbers are
 * safe as they are. This halves the time to render the frontmatter of a page citing many lines.
 */
function renderSources(sources: SourceRef[]): string {
  const lines = ["sources:"];
  for (const { path, sha256, lines: ranges } of sources) {
    lines.push(`  - path: ${scalar(path)}`, `    sha256: ${sha256}`, "    lines:");
    for (const [start, end] of ranges) lines.push(`      - [${start}, ${end}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** Renders a string as a YAML scalar on one line: plain when safe, else quoted by the library. */
function scalar(text: string): string {
  const rendered = new Document(text).toString(yamlOptions).trimEnd();
  // A line break in a file name makes the library choose a block scalar, which cannot sit in a
  // list item here. A JSON string is a valid double-quoted YAML scalar.
  return rendered.includes("\n") ? JSON.stringify(text) : rendered;
}

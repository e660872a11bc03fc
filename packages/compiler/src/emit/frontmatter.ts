/**
 * Renders a page to its file text: YAML frontmatter written by code in a fixed key order, then
 * the body. Values come from sources, so they go through the YAML library, never string joins.
 */
import { Document, isSeq, visit } from "yaml";
import type { ProviderIdentity } from "../provider.js";
import type { Page } from "../write/page.js";

export interface Generator {
  identity: ProviderIdentity;
  promptVersion: string;
}

export function renderPage(page: Page, generator: Generator): string {
  const fields: [string, unknown][] = [
    ["title", page.title],
    ["type", page.type],
  ];
  if (page.entityType) fields.push(["entity_type", page.entityType]);
  if (page.aliases.length) fields.push(["aliases", page.aliases]);
  if (page.summary) fields.push(["summary", page.summary]);
  if (page.sources.length) {
    fields.push([
      "sources",
      page.sources.map(({ path, sha256, lines }) => ({ path, sha256, lines })),
    ]);
  }
  fields.push(...page.extra);
  fields.push(["generated_by", generatedBy(generator)]);
  return `---\n${renderYaml(fields)}---\n\n${page.body}`;
}

function generatedBy({ identity, promptVersion }: Generator): Record<string, string> {
  const fields: Record<string, string> = { provider: identity.provider, model: identity.model };
  if (identity.digest) fields.digest = identity.digest;
  fields.prompts = promptVersion;
  return fields;
}

function renderYaml(fields: [string, unknown][]): string {
  const document = new Document(Object.fromEntries(fields));
  // Line ranges read best as `[12, 14]`.
  visit(document, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (key === "lines" && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isSeq(item)) item.flow = true;
      }
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

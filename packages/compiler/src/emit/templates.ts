/**
 * Page templates from `schema/templates/<page type>.md`: the generated sections of a page are
 * put in place of `{{content}}`, with `{{title}}`, `{{sources}}` (the sources the page cites) and
 * `{{related}}` (links to related pages) beside them. Frontmatter stays above, written by code.
 */
import type { PageType } from "../schema/config.js";
import { fillPlaceholders } from "../schema/placeholders.js";
import { escapeMarkdown, linkMarker, type Page } from "../write/page.js";

export type Templates = Partial<Record<PageType, string>>;

export function applyTemplates(pages: Page[], templates: Templates): void {
  for (const page of pages) {
    const template = templates[page.type as PageType];
    if (template) page.body = `${fillPlaceholders(template, valuesOf(page)).trim()}\n`;
  }
}

function valuesOf(page: Page): Record<string, string> {
  const sources = page.sources.map(
    (source) => `- ${linkMarker(`source:${source.path}`, source.path)}`,
  );
  const related = page.related.map((item) => `- ${linkMarker(`thing:${item.key}`, item.name)}`);
  return {
    content: page.body.trim(),
    title: escapeMarkdown(page.title),
    sources: sources.join("\n"),
    related: related.join("\n"),
  };
}

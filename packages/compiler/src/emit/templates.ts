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
    if (!template) continue;
    const lists = listsOf(page);
    const lines = template.split("\n").flatMap((line) => fillListsInLine(line, lists));
    const values = { content: page.body.trim(), title: escapeMarkdown(page.title) };
    page.body = `${fillPlaceholders(lines.join("\n"), values).trim()}\n`;
  }
}

function listsOf(page: Page): Record<string, string[]> {
  return {
    sources: page.sources.map((source) => linkMarker(`source:${source.path}`, source.path)),
    related: page.related.map((item) => linkMarker(`thing:${item.key}`, item.name)),
  };
}

/**
 * Fills the list placeholders of one template line. A placeholder alone on its line becomes a
 * Markdown list. Inside a line ("Sources: {{sources}}") its links are joined by commas, and a
 * line whose list is empty is left out, so no bare "See also:" remains.
 */
function fillListsInLine(line: string, lists: Record<string, string[]>): string[] {
  let filled = line;
  for (const [name, items] of Object.entries(lists)) {
    const placeholder = `{{${name}}}`;
    if (!filled.includes(placeholder)) continue;
    if (filled.trim() === placeholder) return [items.map((item) => `- ${item}`).join("\n")];
    if (items.length === 0) return [];
    filled = filled.split(placeholder).join(items.join(", "));
  }
  return [filled];
}

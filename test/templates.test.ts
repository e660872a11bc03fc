/** Page templates: where the lists of sources and related pages go, and how they are written. */
import { describe, expect, it } from "vitest";
import { applyTemplates } from "../packages/compiler/src/emit/templates.js";
import type { PageSlug, SourcePath } from "../packages/compiler/src/types.js";
import { linkMarker, type Page } from "../packages/compiler/src/write/page.js";

function pageWith(related: { key: string; name: string }[]): Page {
  return {
    slug: "entities/oven" as PageSlug,
    title: "Oven",
    type: "entity",
    aliases: [],
    summary: "",
    sources: [
      { path: "a.md" as SourcePath, sha256: "", lines: [[1, 2]] },
      { path: "b.md" as SourcePath, sha256: "", lines: [[3, 3]] },
    ],
    body: "## What the sources say\n\n- It is hot.\n",
    related,
    extra: [],
  };
}

const sourceA = linkMarker("source:a.md", "a.md");
const sourceB = linkMarker("source:b.md", "b.md");

describe("page templates", () => {
  it("writes a list placeholder alone on its line as a list", () => {
    const page = pageWith([]);
    applyTemplates([page], { entity: "# {{title}}\n\n{{content}}\n\n## Sources\n\n{{sources}}\n" });
    expect(page.body).toContain(`## Sources\n\n- ${sourceA}\n- ${sourceB}\n`);
  });

  it("joins a list placeholder inside a line with commas", () => {
    const page = pageWith([{ key: "stone", name: "Stone" }]);
    applyTemplates([page], {
      entity: "{{content}}\n\nSources: {{sources}}\nSee also: {{related}}\n",
    });
    expect(page.body).toContain(`Sources: ${sourceA}, ${sourceB}\n`);
    expect(page.body).toContain(`See also: ${linkMarker("thing:stone", "Stone")}`);
  });

  it("leaves out a line whose inline list is empty", () => {
    const page = pageWith([]);
    applyTemplates([page], { entity: "{{content}}\n\nSee also: {{related}}\nEnd.\n" });
    expect(page.body).not.toContain("See also");
    expect(page.body).toMatch(/End\.\n$/);
  });
});

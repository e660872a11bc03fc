/**
 * The heading of an entity page: its name is escaped as Markdown text, but a code span inside the
 * name is kept as written, since escapes show literally inside code.
 */
import { describe, expect, it } from "vitest";
import type { Thing } from "../packages/compiler/src/resolve/identity.js";
import { fileOf } from "../packages/compiler/src/source-text.js";
import type { PageSlug, SourcePath } from "../packages/compiler/src/types.js";
import { thingPage } from "../packages/compiler/src/write/thing-page.js";

const path = "guide.md" as SourcePath;
const text = "# Guide\n\nThe setting is described here.\n";
const source = fileOf({ path, sha256: "", text, lineCount: 3, format: "md" });

function headingOf(name: string): string {
  const thing: Thing = {
    key: name.toLowerCase(),
    name,
    aliases: [],
    type: "concept",
    kind: "concept",
    descriptions: [{ text: "The setting is described here.", source: path, lines: [3, 3] }],
  };
  const page = thingPage({
    thing,
    slug: "concepts/x" as PageSlug,
    statements: [],
    contradictions: [],
    related: [],
    sources: new Map([[path, source]]),
  });
  return page.body.split("\n")[0]!;
}

describe("entity page heading", () => {
  it("escapes emphasis characters in prose", () => {
    expect(headingOf("snake_case *names*")).toBe("# snake\\_case \\*names\\*");
  });

  it("keeps code spans as written", () => {
    expect(headingOf("Using `APP_HOST` safely")).toBe("# Using `APP_HOST` safely");
  });
});

/**
 * MDX that does not parse is read as plain Markdown, without its import and export statements,
 * and with every line number kept.
 */
import { describe, expect, it } from "vitest";
import { blankEsmLines, parseSource } from "../packages/compiler/src/parse.js";
import type { Source, SourcePath } from "../packages/compiler/src/types.js";

const broken = [
  "import { Callout } from './callout'",
  "import {",
  "  Tabs,",
  "  Tab,",
  "} from './tabs'",
  "import './widgets.css'",
  "export const meta = {",
  "  level: 2,",
  "}",
  "export default Page",
  "# Widgets",
  "",
  "Widgets log to `/var/log/widgets.log` by default.",
  "",
  "```js",
  "import x from 'y'",
  "```",
  "",
  "<Callout",
  "The level defaults to `info`. {broken",
  "",
].join("\n");

function mdx(text: string): Source {
  const lineCount = text.split("\n").length - 1;
  return { path: "w.mdx" as SourcePath, sha256: "", text, lineCount, format: "mdx" };
}

describe("MDX read as Markdown", () => {
  it("empties import lines and keeps the line count", () => {
    const lines = blankEsmLines(broken).split("\n");
    expect(lines).toHaveLength(broken.split("\n").length);
    expect(lines.slice(0, 10)).toEqual(["", "", "", "", "", "", "", "", "", ""]);
    expect(lines[10]).toBe("# Widgets");
    expect(lines[15]).toBe("import x from 'y'");
  });

  it("leaves no import in the blocks", () => {
    const parsed = parseSource(mdx(broken));
    expect(parsed.problems.map((problem) => problem.code)).toContain("mdx-invalid");
    const texts = parsed.blocks.filter((block) => block.kind !== "code").map((b) => b.text);
    expect(texts.join("\n")).not.toMatch(/import|Callout \}/);
    const heading = parsed.blocks.find((block) => block.kind === "heading");
    expect(heading?.lines).toEqual([11, 11]);
  });
});

import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../packages/compiler/src/write/page.js";

describe("escapeMarkdown", () => {
  it("escapes html and link brackets in prose", () => {
    expect(escapeMarkdown("a <b> [x](y)")).toBe("a &lt;b&gt; \\[x\\](y)");
    expect(escapeMarkdown("[[y]]")).toBe("\\[\\[y\\]\\]");
  });

  it("keeps code spans as written", () => {
    expect(escapeMarkdown("`s => s.length` and `[[x]]`")).toBe("`s => s.length` and `[[x]]`");
  });

  it("stops text from starting a heading or list", () => {
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
  });

  it("drops the link marker characters", () => {
    expect(escapeMarkdown("a\uE000b\uE001c\uE002")).toBe("abc");
  });
});

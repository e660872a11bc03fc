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

  it("stops text from starting a deeper heading", () => {
    expect(escapeMarkdown("## How do I start?")).toBe("\\## How do I start?");
    expect(escapeMarkdown("###### deep")).toBe("\\###### deep");
    expect(escapeMarkdown("#hashtag")).toBe("#hashtag");
  });

  it("stops text from starting a bullet, fence or rule", () => {
    expect(escapeMarkdown("* not a bullet")).toBe("\\* not a bullet");
    expect(escapeMarkdown("```bash")).toBe("\\```bash");
    expect(escapeMarkdown("~~~")).toBe("\\~~~");
    expect(escapeMarkdown("---")).toBe("\\---");
    expect(escapeMarkdown("* * *")).toBe("\\* * *");
    expect(escapeMarkdown("2) second")).toBe("2\\) second");
  });

  it("leaves markers inside the text alone", () => {
    expect(escapeMarkdown("a # b - c 1. d")).toBe("a # b - c 1. d");
    expect(escapeMarkdown("**bold** text")).toBe("**bold** text");
    expect(escapeMarkdown("`## code` first")).toBe("`## code` first");
  });

  it("drops the link marker characters", () => {
    expect(escapeMarkdown("a\uE000b\uE001c\uE002")).toBe("abc");
  });
});

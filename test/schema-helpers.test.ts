import { describe, expect, it } from "vitest";
import { checkGlob, closestName, editDistance, fileNameOf, unmatchedGlobs } from "@wiki/compiler";

describe("fileNameOf", () => {
  const cases: [string, "kebab" | "ascii", string][] = [
    ["Context Length", "kebab", "context-length"],
    ["Context Length", "ascii", "context-length"],
    ["Ärger im Büro", "kebab", "ärger-im-büro"],
    ["Ärger im Büro", "ascii", "arger-im-buro"],
    ["東京 タワー", "kebab", "東京-タワー"],
    ["  --Hello,   World!--  ", "kebab", "hello-world"],
    ["C++ / C#", "kebab", "c-c"],
    ["ＦＵＬＬ　ＷＩＤＴＨ", "kebab", "full-width"],
  ];

  it.each(cases)("names %j with %s as %j", (title, rule, expected) => {
    expect(fileNameOf(title, rule)).toBe(expected);
  });

  it("falls back to a hash for a title without ascii letters", () => {
    expect(fileNameOf("東京", "ascii")).toMatch(/^page-[0-9a-f]{8}$/);
    expect(fileNameOf("東京", "ascii")).not.toBe(fileNameOf("大阪", "ascii"));
  });

  it("cuts long titles to 80 characters", () => {
    const name = fileNameOf("word ".repeat(40), "kebab");
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.endsWith("-")).toBe(false);
  });
});

describe("closestName", () => {
  it("finds a swapped pair of letters", () => {
    expect(editDistance("lnikStyle", "linkStyle")).toBe(1);
    expect(closestName("lnikStyle", ["linkStyle", "language"])).toBe("linkStyle");
  });

  it("ignores case, dashes, underscores and plurals", () => {
    expect(closestName("link_style", ["linkStyle"])).toBe("linkStyle");
    expect(closestName("host", ["hosts", "model"])).toBe("hosts");
    expect(closestName("entities", ["entity", "concept"])).toBe("entity");
  });

  it("suggests nothing for a distant name", () => {
    expect(closestName("colour", ["include", "exclude", "model"])).toBeUndefined();
  });
});

describe("globs", () => {
  it("accepts ordinary globs", () => {
    for (const glob of ["**/*.md", "docs/*.{md,mdx}", "!drafts/**", "./notes/*.txt", "a/[bc].md"]) {
      expect(checkGlob(glob), glob).toBeUndefined();
    }
  });

  it("lists the globs that match no path", () => {
    expect(unmatchedGlobs(["**/*.md", "api/*.mdx"], ["guide.md", "api/x.md"])).toEqual([
      "api/*.mdx",
    ]);
  });
});

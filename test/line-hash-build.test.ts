import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runWiki } from "./support/cli.js";
import { readWiki, sourceProblems } from "./support/tree.js";

const root = mkdtempSync(path.join(os.tmpdir(), "wiki-line-hash-build-"));

afterAll(() => rmSync(root, { recursive: true, force: true }));

const paragraphs = [
  "# Server settings",
  "",
  "The `server_port` setting sets the port the server listens on. The default port is 8080.",
  "",
  "The `log_level` setting sets how much the server logs. The default level is `info`.",
];

const sources: [string, string][] = [
  ["crlf.md", paragraphs.join("\r\n") + "\r\n"],
  ["no-final-newline.md", paragraphs.join("\n")],
  ["bom-frontmatter.md", "\uFEFF---\r\ndate: 2024-05-01\r\n---\r\n\r\n" + paragraphs.join("\r\n")],
];

describe("built citations", () => {
  it("hash the cited lines of crlf, bom and unterminated files", async () => {
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    for (const [name, text] of sources) writeFileSync(path.join(raw, name), text);
    const built = await runWiki(["build", root, "--provider", "offline", "--quiet"]);
    expect(built.code, built.stderr).toBe(0);

    const pages = readWiki(path.join(root, "wiki"));
    expect(sourceProblems(pages, raw)).toEqual([]);
    for (const [name] of sources) {
      const citing = pages.filter(
        (page) =>
          page.frontmatter.type !== "source" &&
          JSON.stringify(page.frontmatter.sources ?? []).includes(`"${name}"`),
      );
      expect(citing.length, name).toBeGreaterThan(0);
    }
  });
});

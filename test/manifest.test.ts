import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runWiki } from "./support/cli.js";

describe("unreadable manifest", () => {
  it("stops the build and changes no page", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "wiki-manifest-"));
    mkdirSync(path.join(root, "raw"));
    writeFileSync(path.join(root, "raw", "a.md"), "# Tools\n\nThe `tool` default port is 80.\n");
    expect((await runWiki(["build", root, "--provider", "offline"])).code).toBe(0);

    writeFileSync(path.join(root, "wiki", ".wiki-manifest.json"), "{not json");
    writeFileSync(path.join(root, "raw", "a.md"), "# Tools\n\nThe `tool` default port is 81.\n");
    const page = readFileSync(path.join(root, "wiki", "sources", "a.md"), "utf8");
    const result = await runWiki(["build", root, "--provider", "offline"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(".wiki-manifest.json");
    expect(readFileSync(path.join(root, "wiki", "sources", "a.md"), "utf8")).toBe(page);
  });
});

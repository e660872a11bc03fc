import { describe, expect, it } from "vitest";
import { runWiki } from "./support/cli.js";

describe("wiki command line", () => {
  it("prints its version", async () => {
    const result = await runWiki(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("suggests the closest option for a typo", async () => {
    const result = await runWiki(["build", "--provder", "offline"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("did you mean --provider?");
  });

  it("rejects a file given as ROOT", async () => {
    const result = await runWiki(["build", "README.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ROOT must be a folder");
  });

  it("rejects an unknown command", async () => {
    const result = await runWiki(["biuld"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "biuld"');
  });
});

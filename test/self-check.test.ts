/**
 * This repository is a workspace of its own: its committed `wiki/` must be what an offline build
 * of `raw/` with `schema/` makes.
 */
import { describe, expect, it } from "vitest";
import { runWiki } from "./support/cli.js";

describe("the repository's own wiki", () => {
  it("is what an offline build makes", async () => {
    const result = await runWiki(["build", ".", "--check", "--provider", "offline"]);
    expect(result.stderr).toContain("check passed");
    expect(result.code).toBe(0);
  });
});

/** Ctrl-C stops an offline build, whose extractor never waits on a server. */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interrupt, wikiBin } from "./support/cli.js";

/** Writes sources with many claims each, so that the offline analysis takes several seconds. */
function writeSources(raw: string, count: number): void {
  mkdirSync(raw, { recursive: true });
  for (let file = 0; file < count; file++) {
    const lines = [`# Doc ${file}`, ""];
    for (let line = 0; line < 60; line++) {
      const service = (file * 7 + line * 13) % 200;
      const team = (file + line) % 80;
      lines.push(
        `The Service S${service} is owned by Team T${team} and runs on port ${1000 + line}.`,
      );
      if (line % 5 === 4) lines.push("");
    }
    writeFileSync(path.join(raw, `d${String(file).padStart(4, "0")}.md`), lines.join("\n") + "\n");
  }
}

describe("offline build cancel", () => {
  it("stops at once on ctrl-c and leaves no output", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "wiki-offline-cancel-"));
    try {
      writeSources(path.join(root, "raw"), 300);
      const child = spawn(process.execPath, [wikiBin, "build", root, "--provider", "offline"]);
      let stderr = "";
      child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
      child.stdout.resume();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const { code, ms } = await interrupt(child);
      expect(code).toBe(130);
      expect(ms).toBeLessThan(5_000);
      expect(stderr).toContain("build cancelled");
      expect(existsSync(path.join(root, "wiki", "index.md"))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

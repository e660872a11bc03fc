/**
 * Time from saving one source to seeing it in the output folder, on a copy of a 61-file docs
 * corpus with the offline provider. The target is under 1 s on an idle 2-core machine. Test files
 * run in parallel and share the CPU, so the test compares the edit with the first build, which
 * parses and renders everything, under the same load.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { copyCorpus, readIfExists, startWatch, waitFor } from "./watch-support.js";

const workspace = copyCorpus("ollama-docs");
afterAll(() => workspace.remove());

it("shows a one-file edit much faster than a full build", async () => {
  const started = performance.now();
  const watch = startWatch([workspace.root, "--provider", "offline", "--quiet"]);
  try {
    await waitFor("the first build", () => watch.stderr().includes("watching"), 60_000);
    const fullBuildMs = performance.now() - started;
    const file = path.join(workspace.raw, "faq.mdx");
    const page = path.join(workspace.wiki, "sources", "faq.md");
    const original = readFileSync(file, "utf8");
    const latencies: number[] = [];
    for (let edit = 1; edit <= 3; edit++) {
      const text = original.replace("for 5 minutes", `for ${5 + edit} minutes`);
      const hash = createHash("sha256").update(text).digest("hex");
      const saved = performance.now();
      writeFileSync(file, text);
      await waitFor("the edit in the page", async () => (await readIfExists(page))?.includes(hash));
      latencies.push(Math.round(performance.now() - saved));
    }
    const figures = `edits took ${latencies.join(", ")} ms, the full build ${Math.round(fullBuildMs)} ms`;
    expect(Math.min(...latencies), figures).toBeLessThan(fullBuildMs / 2);
  } finally {
    expect(await watch.stop()).toBe(0);
  }
});

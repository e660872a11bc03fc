/**
 * A shared scenario of the reproducibility tests: a built workspace and a fresh clone of its
 * output folder without the cache get the same edit. The workspace with the cache must change a
 * handful of community pages, and the clone must rebuild the same bytes.
 */
import { appendFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWiki,
  changedFiles,
  cloneWorkspace,
  copyCorpus,
  fixedDate,
  removeWorkspace,
  snapshot,
  type Workspace,
} from "./incremental-support.js";

const section = [
  "",
  "## How do I run Ollama in a sandbox?",
  "",
  "Set `OLLAMA_SANDBOX=1` to run every model in a separate process without network access.",
  "The sandbox works with `ollama serve` and `ollama run` on Linux and macOS.",
  "",
].join("\n");

/** Registers the scenario on the listed files of ollama-docs (all when undefined). */
export function describeEditAndClone(
  provider: string,
  files: string[] | undefined,
  args: () => string[],
): void {
  describe(`an edit with the ${provider} provider`, () => {
    let workspace: Workspace;
    let clone: Workspace;
    let changed: string[];

    beforeAll(async () => {
      workspace = copyCorpus("ollama-docs", files);
      expect((await buildWiki(workspace, args(), fixedDate)).code).toBe(0);
      clone = cloneWorkspace(workspace, ["raw", "wiki"]);
      const before = snapshot(workspace.wiki);
      for (const ws of [workspace, clone]) appendFileSync(path.join(ws.raw, "faq.mdx"), section);
      const builds = await Promise.all(
        [workspace, clone].map((ws) => buildWiki(ws, args(), fixedDate)),
      );
      for (const built of builds) expect(built.code).toBe(0);
      changed = changedFiles(before, snapshot(workspace.wiki));
    });

    afterAll(() => {
      for (const ws of [workspace, clone]) if (ws) removeWorkspace(ws);
    });

    it("changes a handful of community pages", () => {
      const communities = [...snapshot(workspace.wiki).keys()].filter((file) =>
        file.startsWith("communities/"),
      );
      const changedCommunities = changed.filter((file) => file.startsWith("communities/"));
      console.info(`${changedCommunities.length} of ${communities.length} community pages changed`);
      expect(communities.length).toBeGreaterThanOrEqual(4);
      // A handful: the edited source's community, and a small one Louvain may reshape nearby.
      expect(changedCommunities.length).toBeLessThanOrEqual(Math.max(4, communities.length / 4));
    });

    it("builds the same bytes in a fresh clone without the cache", () => {
      expect(snapshot(clone.wiki)).toEqual(snapshot(workspace.wiki));
    });
  });
}

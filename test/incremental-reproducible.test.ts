/**
 * Reproducible builds. Two fresh builds without `SOURCE_DATE_EPOCH` write the same bytes but
 * for the date in `log.md`. Through the loopback model server, communities keep their names and
 * pages across an edit, and a fresh clone of a built output folder, without the cache, rebuilds
 * the same bytes as the workspace that has the cache.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama } from "./fake-ollama/src/server.js";
import { describeEditAndClone } from "./incremental-clone.js";
import {
  buildWiki,
  copyCorpus,
  ollamaAt,
  removeWorkspace,
  snapshot,
  type Workspace,
} from "./incremental-support.js";

const noDate = { SOURCE_DATE_EPOCH: undefined };

let server: FakeOllama;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  server = await startFakeOllama();
});

afterAll(async () => {
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

function track(workspace: Workspace): Workspace {
  workspaces.push(workspace);
  return workspace;
}

function withoutLog(tree: Map<string, string>): Map<string, string> {
  const copy = new Map(tree);
  copy.delete("log.md");
  return copy;
}

describe("two fresh builds without SOURCE_DATE_EPOCH", () => {
  it("write the same bytes but the date of the log", async () => {
    const files = ["faq.mdx", "docker.mdx", "linux.mdx", "import.mdx", "gpu.mdx", "modelfile.mdx"];
    const first = track(copyCorpus("ollama-docs", files));
    const second = track(copyCorpus("ollama-docs", files));
    const args = ollamaAt(server.url);
    const builds = await Promise.all([first, second].map((ws) => buildWiki(ws, args, noDate)));
    for (const built of builds) expect(built.code).toBe(0);
    expect(withoutLog(snapshot(second.wiki))).toEqual(withoutLog(snapshot(first.wiki)));
    const logs = [first, second].map((ws) =>
      readFileSync(path.join(ws.wiki, "log.md"), "utf8").replace(
        /^## \d{4}-\d{2}-\d{2}$/m,
        "## DATE",
      ),
    );
    expect(logs[1]).toBe(logs[0]);
  });
});

describeEditAndClone(
  "ollama",
  ["faq.mdx", "docker.mdx", "linux.mdx", "import.mdx", "gpu.mdx", "api/introduction.mdx"],
  () => ollamaAt(server.url),
);

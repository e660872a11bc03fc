/**
 * `wiki watch` end to end: real file-system events on a temporary copy of a corpus, the watch
 * run in-process, and assertions on the output folder and on what the watch printed.
 */
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../packages/cli/src/commands/build.js";
import { startFakeOllama } from "./fake-ollama/src/server.js";
import {
  copyCorpus,
  readIfExists,
  startWatch,
  waitFor,
  type RunningWatch,
  type WatchRecord,
  type Workspace,
} from "./watch-support.js";

const offline = ["--provider", "offline", "--json"];
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let template: Workspace;
const running: RunningWatch[] = [];
const workspaces: Workspace[] = [];

/** A built copy of the corpus, so that each watch starts with an up-to-date wiki. */
beforeAll(async () => {
  template = copyCorpus("ollama-faq-history");
  const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd() };
  expect(await runBuild([template.root, "--provider", "offline"], io)).toBe(0);
});

afterEach(async () => {
  for (const watch of running.splice(0)) await watch.stop();
  for (const workspace of workspaces.splice(0)) workspace.remove();
});

afterAll(() => template.remove());

/** Copies the built template to a new temporary folder. */
function copyTemplate(): Workspace {
  const root = mkdtempSync(path.join(os.tmpdir(), "wiki-watch-"));
  cpSync(template.root, root, { recursive: true });
  const workspace: Workspace = {
    root,
    raw: path.join(root, "raw"),
    schema: path.join(root, "schema"),
    wiki: path.join(root, "wiki"),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  workspaces.push(workspace);
  return workspace;
}

/** Starts watching `workspace`; resolves once the watch is ready. */
async function watchCopy(workspace = copyTemplate(), args: string[] = offline) {
  const watch = startWatch([workspace.root, ...args]);
  running.push(watch);
  await waitFor("the watch to start", () => watch.stderr().includes("watching"));
  return { workspace, watch };
}

/** Waits for the build number `count` (the first build is 1) and returns its record. */
async function waitForBuild(watch: RunningWatch, count: number) {
  return waitFor(`build ${count}`, () => watch.records()[count - 1]);
}

/** Resolves once `page` records the sha256 of `text` as its source's hash. */
async function waitForPage(file: string, text: string) {
  await waitFor(`${path.basename(file)} to show the new source`, async () =>
    (await readIfExists(file))?.includes(`sha256: ${sha256(text)}`),
  );
}

/** Counts the different sets of sources that `records` built. */
function distinctStates(records: WatchRecord[]): number {
  return new Set(records.map((record) => JSON.stringify(record.sourceHashes))).size;
}

/** Lines that the watch printed after it started watching. */
function linesAfterStart(watch: RunningWatch): string[] {
  const text = watch.stderr();
  return text
    .slice(text.indexOf("\n", text.indexOf("watching")) + 1)
    .split("\n")
    .filter(Boolean);
}

describe("wiki watch", () => {
  it("starts with one build and stops on ctrl-c", async () => {
    const { watch } = await watchCopy();
    const [first] = watch.records();
    expect(first?.trigger).toBe("start");
    expect(first?.changedInputs).toEqual([]);
    expect(first?.written).toBe(0);
    expect(watch.stderr()).toMatch(/nothing changed/);
    expect(await watch.stop()).toBe(0);
    expect(watch.records()).toHaveLength(1);
    expect(watch.stderr()).toMatch(/wiki watch: stopped\n$/);
  });

  it("rebuilds a source saved in place", async () => {
    const { workspace, watch } = await watchCopy();
    const file = path.join(workspace.raw, "faq-2026.mdx");
    const text = `${readFileSync(file, "utf8")}\n## Watching\n\nThe \`WATCH_DELAY\` setting is 25 ms.\n`;
    writeFileSync(file, text);
    const record = await waitForBuild(watch, 2);
    expect(record.changedInputs).toEqual([
      { kind: "source", path: "faq-2026.mdx", change: "changed" },
    ]);
    expect(record.written).toBeGreaterThan(0);
    await waitForPage(path.join(workspace.wiki, "sources", "faq-2026.md"), text);
    expect(linesAfterStart(watch)).toEqual([
      expect.stringMatching(
        / faq-2026\.mdx changed: \d+ files? written, \d+ deleted, 0 model calls, .* s$/,
      ),
    ]);
  });

  it("rebuilds after an atomic save through a temporary file", async () => {
    const { workspace, watch } = await watchCopy();
    const file = path.join(workspace.raw, "faq-2025-08.md");
    const text = readFileSync(file, "utf8").replace("# FAQ", "# Frequent questions");
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    const record = await waitForBuild(watch, 2);
    expect(record.changedInputs).toEqual([
      { kind: "source", path: "faq-2025-08.md", change: "changed" },
    ]);
    await waitForPage(path.join(workspace.wiki, "sources", "faq-2025-08.md"), text);
  });

  it("coalesces a burst of saves and builds the last one", async () => {
    const { workspace, watch } = await watchCopy();
    const file = path.join(workspace.raw, "context-length-2026.mdx");
    const original = readFileSync(file, "utf8");
    let text = original;
    for (let save = 1; save <= 12; save++) {
      text = `${original}\nSave number ${save} sets \`BURST_LEVEL\` to ${save}.\n`;
      writeFileSync(file, text);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitForPage(path.join(workspace.wiki, "sources", "context-length-2026.md"), text);
    // After Ctrl-C every build has reported; a build of the last state ran already.
    expect(await watch.stop()).toBe(0);
    const rebuilds = watch.records().slice(1);
    expect(rebuilds.length).toBeGreaterThanOrEqual(1);
    expect(rebuilds.length).toBeLessThanOrEqual(3);
    expect(distinctStates(rebuilds)).toBe(rebuilds.length);
    const last = rebuilds.at(-1)?.sourceHashes?.["context-length-2026.mdx"];
    expect(last).toBe(sha256(text));
  });

  it("queues changes made during a build", async () => {
    const { workspace, watch } = await watchCopy();
    const lock = path.join(workspace.root, ".wiki-cache", "lock");
    const edit = (name: string, line: string) => {
      const file = path.join(workspace.raw, name);
      const text = `${readFileSync(file, "utf8")}\n${line}\n`;
      writeFileSync(file, text);
      return text;
    };
    edit("faq-2024-09.md", "The `QUEUE_FIRST` setting is 1.");
    await waitFor("the build to start", () => existsSync(lock) || watch.records().length > 1);
    const second = edit("faq-2025-08.md", "The `QUEUE_SECOND` setting is 2.");
    const third = edit("faq-2026.mdx", "The `QUEUE_THIRD` setting is 3.");
    await waitForPage(path.join(workspace.wiki, "sources", "faq-2025-08.md"), second);
    await waitForPage(path.join(workspace.wiki, "sources", "faq-2026.md"), third);
    expect(await watch.stop()).toBe(0);

    const rebuilds = watch.records().slice(1);
    const built = rebuilds.flatMap((record) => record.changedInputs.map((input) => input.path));
    expect(built.sort()).toEqual(["faq-2024-09.md", "faq-2025-08.md", "faq-2026.mdx"]);
    expect(rebuilds.length).toBeLessThanOrEqual(3);
    expect(distinctStates(rebuilds)).toBe(rebuilds.length);
  });

  it("ignores touches, identical bytes and editor files", async () => {
    const { workspace, watch } = await watchCopy();
    const faq = path.join(workspace.raw, "faq-2024-09.md");
    const now = new Date();
    utimesSync(faq, now, now);
    writeFileSync(faq, readFileSync(faq));
    for (const name of [".faq-2024-09.md.swp", "faq-2024-09.md~", ".#faq-2024-09.md", "4913"]) {
      writeFileSync(path.join(workspace.raw, name), "editor state");
    }
    writeFileSync(path.join(workspace.schema, ".wiki.yaml.swp"), "editor state");
    writeFileSync(path.join(workspace.raw, "faq-2024-09.md.tmp"), "half a save");
    // A real edit after the others: its build shows what the watch made of them.
    const context = path.join(workspace.raw, "context-length-2026.mdx");
    writeFileSync(context, `${readFileSync(context, "utf8")}\nOne more line.\n`);
    const record = await waitForBuild(watch, 2);
    expect(record.changedInputs).toEqual([
      { kind: "source", path: "context-length-2026.mdx", change: "changed" },
    ]);
    expect(linesAfterStart(watch)).toEqual([
      expect.stringMatching(/context-length-2026\.mdx changed/),
    ]);
  });

  it("follows added, deleted and renamed sources and moved folders", async () => {
    const { workspace, watch } = await watchCopy();
    const added = "# Scheduling\n\nThe `SCHED_MODE` setting picks the scheduler.\n";
    writeFileSync(path.join(workspace.raw, "scheduling.md"), added);
    expect((await waitForBuild(watch, 2)).changedInputs).toEqual([
      { kind: "source", path: "scheduling.md", change: "added" },
    ]);
    await waitForPage(path.join(workspace.wiki, "sources", "scheduling.md"), added);

    rmSync(path.join(workspace.raw, "scheduling.md"));
    expect((await waitForBuild(watch, 3)).changedInputs).toEqual([
      { kind: "source", path: "scheduling.md", change: "removed" },
    ]);
    await waitFor(
      "the page to go",
      () => !existsSync(path.join(workspace.wiki, "sources", "scheduling.md")),
    );

    mkdirSync(path.join(workspace.raw, "history"));
    renameSync(
      path.join(workspace.raw, "faq-2024-09.md"),
      path.join(workspace.raw, "history", "faq-2024-09.md"),
    );
    expect((await waitForBuild(watch, 4)).changedInputs).toEqual([
      { kind: "source", path: "history/faq-2024-09.md", change: "renamed", from: "faq-2024-09.md" },
    ]);

    renameSync(path.join(workspace.raw, "history"), path.join(workspace.raw, "archive"));
    expect((await waitForBuild(watch, 5)).changedInputs).toEqual([
      {
        kind: "source",
        path: "archive/faq-2024-09.md",
        change: "renamed",
        from: "history/faq-2024-09.md",
      },
    ]);
    const manifest = await waitFor("the moved source in the manifest", async () => {
      const text = await readIfExists(path.join(workspace.wiki, ".wiki-manifest.json"));
      return text?.includes("archive/faq-2024-09.md") && text;
    });
    expect(manifest).not.toContain("history/faq-2024-09.md");
  });

  it("applies a schema change to every page", async () => {
    const { workspace, watch } = await watchCopy();
    writeFileSync(path.join(workspace.schema, "wiki.yaml"), "linkStyle: wikilink\n");
    const record = await waitForBuild(watch, 2);
    expect(record.changedInputs).toEqual([
      { kind: "schema", path: "wiki.yaml", change: "changed" },
    ]);
    expect(record.llm?.calls).toBe(0);
    const index = readFileSync(path.join(workspace.wiki, "index.md"), "utf8");
    expect(index).toMatch(/\[\[[^\]]+\]\]/);
    expect(index).not.toMatch(/\]\([^)]+\.md\)/);
  });

  it("reports a broken schema and resumes after the fix", async () => {
    const { workspace, watch } = await watchCopy();
    const yaml = path.join(workspace.schema, "wiki.yaml");
    writeFileSync(yaml, "linkStyle: wiki\n");
    const broken = await waitForBuild(watch, 2);
    expect(broken.error?.code).toBe("schema-invalid");
    expect(watch.stderr()).toMatch(/wiki\.yaml.*linkStyle/);
    expect(watch.stderr()).toMatch(/build failed; fix the problem above/);

    writeFileSync(yaml, "linkStyle: wikilink\n");
    const fixed = await waitForBuild(watch, 3);
    expect(fixed.error).toBeUndefined();
    expect(fixed.written).toBeGreaterThan(0);
    expect(readFileSync(path.join(workspace.wiki, "index.md"), "utf8")).toMatch(/\[\[/);
  });

  it("builds the second of two saves made 45 ms apart", async () => {
    const { workspace, watch } = await watchCopy();
    const yaml = path.join(workspace.schema, "wiki.yaml");
    writeFileSync(yaml, "linkStyle: wiki\n");
    await new Promise((resolve) => setTimeout(resolve, 45));
    writeFileSync(yaml, "linkStyle: wikilink\n");
    await waitFor("a build of the second save", () =>
      watch.records().find((record) => record.trigger === "change" && !record.error),
    );
    expect(readFileSync(path.join(workspace.wiki, "index.md"), "utf8")).toMatch(/\[\[/);
  });

  it("resumes after the raw folder is moved away and back", async () => {
    const { workspace, watch } = await watchCopy();
    const away = path.join(workspace.root, "raw-away");
    renameSync(workspace.raw, away);
    await waitFor("the watch to see the folder gone", () => watch.stderr().includes("is gone"));
    renameSync(away, workspace.raw);
    const file = path.join(workspace.raw, "context-length-2026.mdx");
    const text = `${readFileSync(file, "utf8")}\nMoved back.\n`;
    await waitFor("the watch to resume", () =>
      watch.stderr().includes("watching the folders again"),
    );
    writeFileSync(file, text);
    await waitForPage(path.join(workspace.wiki, "sources", "context-length-2026.md"), text);
  });

  it("reports a broken source and resumes after the fix", async () => {
    const { workspace, watch } = await watchCopy();
    const file = path.join(workspace.raw, "context-length-2026.mdx");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, Buffer.concat([Buffer.from(text), Buffer.from([0, 1, 2])]));
    const broken = await waitForBuild(watch, 2);
    expect(broken.problems?.map((problem) => problem.code)).toContain("source-binary");
    expect(watch.stderr()).toMatch(/error: .*context-length-2026\.mdx.*\[source-binary\]/);

    writeFileSync(file, `${text}\nFixed.\n`);
    const fixed = await waitForBuild(watch, 3);
    expect(fixed.problems?.map((problem) => problem.code)).not.toContain("source-binary");
    expect(linesAfterStart(watch).at(-1)).toMatch(/, 1 problem fixed, /);
    await waitForPage(
      path.join(workspace.wiki, "sources", "context-length-2026.md"),
      `${text}\nFixed.\n`,
    );
  });

  it("stops on ctrl-c during a build with nothing half-written", async () => {
    const server = await startFakeOllama({ faults: () => ({ delayMs: 30_000 }) });
    try {
      const { root, wiki } = copyTemplate();
      const manifest = readFileSync(path.join(wiki, ".wiki-manifest.json"), "utf8");
      const watch = startWatch([root, "--provider", "ollama", "--host", server.url, "--json"]);
      await waitFor("model calls in flight", () => (server.stats.requests["/api/chat"] ?? 0) > 0);

      const stopping = performance.now();
      expect(await watch.stop()).toBe(0);
      expect(performance.now() - stopping).toBeLessThan(5_000);
      expect(server.stats.log.every((entry) => entry.status === 0)).toBe(true);
      expect(watch.records()[0]?.error?.code).toBe("aborted");
      expect(watch.stderr()).toMatch(
        /build stopped; the output folder is as the last finished build left it/,
      );
      expect(watch.stderr()).toMatch(/wiki watch: stopped\n$/);

      const cache = path.join(root, ".wiki-cache");
      for (const leftover of ["lock", "journal.json", "stage"]) {
        expect(existsSync(path.join(cache, leftover))).toBe(false);
      }
      expect(readFileSync(path.join(wiki, ".wiki-manifest.json"), "utf8")).toBe(manifest);
    } finally {
      await server.close();
    }
  });
});

describe("wiki watch setup", () => {
  it("reads a schema folder created later", async () => {
    const workspace = copyTemplate();
    rmSync(workspace.schema, { recursive: true });
    const { watch } = await watchCopy(workspace);
    expect(watch.stderr()).toMatch(/schema \(not there yet: it is read once created\)/);

    mkdirSync(workspace.schema);
    writeFileSync(path.join(workspace.schema, "wiki.yaml"), "linkStyle: wikilink\n");
    const record = await waitFor("a build with the new schema", () =>
      watch.records().find((each) => each.changedInputs.some((input) => input.kind === "schema")),
    );
    expect(record.changedInputs).toEqual([{ kind: "schema", path: "wiki.yaml", change: "added" }]);
    expect(readFileSync(path.join(workspace.wiki, "index.md"), "utf8")).toMatch(/\[\[/);
  });

  it("keeps watching when the first build fails", async () => {
    const workspace = copyTemplate();
    writeFileSync(path.join(workspace.schema, "wiki.yaml"), "linkStyle: [\n");
    const { watch } = await watchCopy(workspace);
    const first = await waitForBuild(watch, 1);
    expect(first.error?.code).toBe("schema-invalid");

    writeFileSync(path.join(workspace.schema, "wiki.yaml"), "linkStyle: markdown\n");
    const fixed = await waitForBuild(watch, 2);
    expect(fixed.error).toBeUndefined();
    expect(fixed.changedInputs).toEqual([{ kind: "schema", path: "wiki.yaml", change: "changed" }]);
  });

  it.each([
    [["--check"], /--check is not a watch option/],
    [["--concurrency", "0"], /--concurrency must be an integer from 1 to 64/],
    [["--raw", "no-such-folder"], /raw folder not found/],
    [["--provider", "bogus"], /--provider must be one of/],
    [["--host", "ftp://127.0.0.1:1"], /--host must be an http:\/\/ or https:\/\/ address/],
  ])("rejects %j with exit code 2", async (args, message) => {
    const watch = startWatch([template.root, "--provider", "offline", ...args]);
    expect(await watch.exited).toBe(2);
    expect(watch.stderr()).toMatch(message);
  });

  it("rejects an output folder inside the raw folder", async () => {
    const args = [template.root, "--provider", "offline", "--out", path.join(template.raw, "site")];
    const watch = startWatch(args);
    expect(await watch.exited).toBe(2);
    expect(watch.stderr()).toMatch(/must not contain each other; pass another --out/);
    expect(watch.records()).toEqual([]);
  });

  it("prints its help", async () => {
    const watch = startWatch(["--help"]);
    expect(await watch.exited).toBe(0);
  });
});

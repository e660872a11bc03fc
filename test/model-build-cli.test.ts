/**
 * Builds through the loopback server, run as a user runs them: Ctrl-C in the middle of model
 * calls, the provenance every page records, an OpenAI-compatible build on two hosts, and the
 * output language sent to the model.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFakeOllama,
  type FakeOllama,
  type Fault,
  type FakeRequest,
} from "./fake-ollama/src/server.js";
import { interrupt, runWiki, wikiBin } from "./support/cli.js";
import { readWiki, treeHashes } from "./support/tree.js";

const model = "llama3.1:8b";
let server: FakeOllama;
let faultOf: (request: FakeRequest) => Fault | undefined = () => undefined;
/** Every chat request the server received, in order. */
const requests: FakeRequest[] = [];

beforeAll(async () => {
  server = await startFakeOllama({
    faults: (request) => {
      requests.push(request);
      return faultOf(request);
    },
  });
});
afterAll(async () => {
  await server.close();
});

/** Creates a workspace with one source, and `schema/wiki.yaml` when `settings` is given. */
function workspace(source: string[], settings?: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "wiki-model-cli-"));
  mkdirSync(path.join(root, "raw"));
  writeFileSync(path.join(root, "raw", "guide.md"), source.join("\n"));
  if (settings !== undefined) {
    mkdirSync(path.join(root, "schema"));
    writeFileSync(path.join(root, "schema", "wiki.yaml"), settings);
  }
  return root;
}

const build = (root: string) =>
  runWiki(["build", root, "--provider", "ollama", "--host", server.url, "--json"], {
    env: { SOURCE_DATE_EPOCH: "1780000000" },
  });

const guide = [
  "# Server",
  "",
  "The `serve` command starts the server on port 11434 by default.",
  "",
];

describe("a build through a model server", () => {
  it("records provider, model, digest and prompts", async () => {
    faultOf = () => undefined;
    const root = workspace(guide);
    const result = await build(root);

    expect(result.code).toBe(0);
    const digest = createHash("sha256").update(model).digest("hex");
    const pages = readWiki(path.join(root, "wiki")).filter((page) => page.file !== "log.md");
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      const generatedBy = page.frontmatter["generated_by"] as Record<string, string>;
      expect(generatedBy, page.file).toMatchObject({ provider: "ollama", model, digest });
      expect(generatedBy["prompts"], page.file).toMatch(
        /^analyze:[0-9a-f]+ write:[0-9a-f]+ confirm:[0-9a-f]+ overview:[0-9a-f]+$/,
      );
    }
  });

  it("shares an openai build between two hosts", async () => {
    faultOf = () => undefined;
    const second = await startFakeOllama();
    const root = workspace(guide);
    for (const name of ["queue", "proxy", "models"]) {
      const text = `# ${name}\n\nThe \`${name}\` setting has a default of 512.\n`;
      writeFileSync(path.join(root, "raw", `${name}.md`), text);
    }
    const hosts = ["--host", server.url, "--host", `${second.url}/v1`, "--concurrency", "1"];
    const before = server.stats.log.length;
    const result = await runWiki(["build", root, "--provider", "openai", ...hosts, "--json"]);
    await second.close();

    expect(result.code).toBe(0);
    const calls = (JSON.parse(result.stdout) as { llm: { calls: number } }).llm.calls;
    const first = server.stats.log.slice(before);
    expect(first.every((entry) => entry.endpoint === "/v1/chat/completions")).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    expect(second.stats.log.length).toBeGreaterThan(0);
    expect(first.length + second.stats.log.length).toBe(calls);
    const page = readWiki(path.join(root, "wiki")).find((item) => item.file === "sources/guide.md");
    expect(page?.frontmatter["generated_by"]).toMatchObject({ provider: "openai", model });
  });

  it("asks for prose in the language of the settings", async () => {
    faultOf = () => undefined;
    const root = workspace(
      [
        "# Überblick",
        "",
        "Der Befehl `ollama serve` startet den Server standardmäßig auf Port 11434.",
        "",
      ],
      "language: Deutsch\n",
    );
    const before = requests.length;
    const result = await build(root);

    expect(result.code).toBe(0);
    const sent = requests.slice(before);
    const analyze = sent.filter((request) => request.step === "analyze");
    expect(analyze).toHaveLength(1);
    const prompt = analyze[0]!.messages.map((message) => message.content).join("\n");
    expect(prompt).toContain("Write descriptions and statements in Deutsch.");
    const titles = readWiki(path.join(root, "wiki")).map((page) => page.frontmatter["title"]);
    expect(titles).toContain("Überblick");
  });

  it("leaves the wiki as it was after ctrl-c", async () => {
    faultOf = () => undefined;
    const root = workspace(guide);
    expect((await build(root)).code).toBe(0);
    const wiki = path.join(root, "wiki");
    const before = treeHashes(wiki);

    appendFileSync(
      path.join(root, "raw", "guide.md"),
      "\nThe `queue` setting has a default of 512.\n",
    );
    faultOf = (request) => (request.step === "analyze" ? { hang: true } : undefined);
    const sentBefore = requests.length;
    const child = spawn(
      process.execPath,
      [wikiBin, "build", root, "--provider", "ollama", "--host", server.url],
      {
        env: { ...process.env, SOURCE_DATE_EPOCH: "1780000000" },
      },
    );
    let stderr = "";
    child.stderr.on("data", (part: Buffer) => (stderr += part.toString()));
    for (let wait = 0; wait < 200 && requests.length === sentBefore; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(requests.length).toBeGreaterThan(sentBefore);

    const { code, ms } = await interrupt(child);
    expect(code).toBe(130);
    expect(ms).toBeLessThan(5_000);
    expect(stderr).toContain("build cancelled; the output folder is as it was before the build");
    expect(treeHashes(wiki)).toEqual(before);
  });
});

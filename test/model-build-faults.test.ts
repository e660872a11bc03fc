/**
 * Whole builds through the loopback server while it truncates, breaks or drops answers: what is
 * split, what is reported with its file and lines, and that the pages stay valid.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../packages/cli/src/commands/build.js";
import {
  startFakeOllama,
  type FakeOllama,
  type Fault,
  type FakeRequest,
} from "./fake-ollama/src/server.js";
import { readWiki, type WikiPage } from "./support/tree.js";

const sources = {
  "server.md": [
    "# Server",
    "",
    "The `serve` command starts the server on port 11434 by default.",
    "",
    "Set `SERVER_HOST` to change the address; it must name a host and a port.",
    "",
    "## Limits",
    "",
    "The `queue` setting has a default of 512 requests.",
    "",
  ],
  "proxy.md": [
    "# Proxy",
    "",
    "The `serve` command listens on port 8080 by default behind the proxy.",
    "",
    "The `queue` setting has a default of 128 requests.",
    "",
  ],
};

let server: FakeOllama;
/** Fault of each chat request; tests set it before a build. */
let faultOf: (request: FakeRequest) => Fault | undefined = () => undefined;

beforeAll(async () => {
  server = await startFakeOllama({ faults: (request) => faultOf(request) });
});
afterAll(async () => {
  await server.close();
});

/** Text of every message of a request, a retry's follow-up included. */
const promptOf = (request: FakeRequest) =>
  request.messages.map((message) => message.content).join("\n");

interface BuildRun {
  code: number;
  stderr: string;
  summary: { problems: { code: string; file: string; line?: number; message: string }[] } & {
    llm: { splits: number; retries: number; callsByStep: Record<string, number> };
  };
  wiki: string;
}

/** Writes the two sources into a new workspace and returns its root. */
function newWorkspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "wiki-model-faults-"));
  mkdirSync(path.join(root, "raw"));
  for (const [name, lines] of Object.entries(sources)) {
    writeFileSync(path.join(root, "raw", name), lines.join("\n"));
  }
  return root;
}

/** Builds the two sources, in-process, through the loopback server: by default in a new workspace. */
async function buildWorkspace(root = newWorkspace(), flags: string[] = []): Promise<BuildRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: { SOURCE_DATE_EPOCH: "1780000000" },
    cwd: root,
  };
  const args = ["build", root, "--provider", "ollama", "--host", server.url, "--json", ...flags];
  const code = await runBuild(args.slice(1), io);
  return {
    code,
    stderr,
    summary: JSON.parse(stdout) as BuildRun["summary"],
    wiki: path.join(root, "wiki"),
  };
}

const codesOf = (run: BuildRun) => run.summary.problems.map((problem) => problem.code);

describe("truncated answers in a build", () => {
  it("splits a truncated chunk and keeps both halves", async () => {
    faultOf = (request) => {
      const prompt = promptOf(request);
      const whole = prompt.includes("port 11434") && prompt.includes("512 requests");
      return request.step === "analyze" && whole ? { doneReason: "length" } : undefined;
    };
    const run = await buildWorkspace();

    expect(run.code).toBe(0);
    expect(run.summary.llm.splits).toBeGreaterThanOrEqual(1);
    expect(codesOf(run)).toEqual([]);
    const files = readWiki(run.wiki).map((page) => page.file);
    expect(files).toContain("entities/server-host.md");
    expect(files).toContain("entities/queue.md");
    expect(run.stderr).toMatch(/model calls \(\d+ retr(y|ies), [1-9]\d* chunks? split\)/);
  });

  it("reports lines that still fail at the floor", async () => {
    faultOf = (request) =>
      request.step === "analyze" && promptOf(request).includes("512 requests")
        ? { empty: true }
        : undefined;
    const run = await buildWorkspace();

    expect(run.code).toBe(1);
    const problem = run.summary.problems.find((item) => item.code === "analyze-truncated");
    expect(problem).toMatchObject({ file: "server.md", line: 9 });
    expect(problem?.message).toContain("lines 9-9 could not be analyzed");
    expect(run.stderr).toContain("server.md:9: lines 9-9 could not be analyzed");
    const pages = readWiki(run.wiki);
    expect(pages.map((page) => page.file)).toContain("entities/server-host.md");
    const sourcePage = pages.find((page) => page.file === "sources/server.md");
    expect(sourcePage?.body).toContain("## Not analyzed\n\n- lines 9-9\n");
    expect(sourcePage?.body).not.toContain("- lines 1-");
  });

  it("asks again for a chunk whose answer was empty", async () => {
    faultOf = (request) =>
      request.step === "analyze" && promptOf(request).includes("512 requests")
        ? { empty: true }
        : undefined;
    const first = await buildWorkspace();
    expect(first.code).toBe(1);

    faultOf = () => undefined;
    const again = await buildWorkspace(path.dirname(first.wiki), ["--force"]);
    expect(again.code).toBe(0);
    expect(codesOf(again)).toEqual([]);
    expect(again.summary.llm.callsByStep.analyze).toBeGreaterThanOrEqual(1);
  });

  it("splits a truncated write by its claims", async () => {
    faultOf = (request) => {
      const claims = promptOf(request).match(/^claim \d+ \(/gm) ?? [];
      return request.step === "write" && claims.length > 1 ? { doneReason: "length" } : undefined;
    };
    const run = await buildWorkspace();

    expect(run.code).toBe(0);
    expect(codesOf(run)).toEqual([]);
    expect(run.summary.llm.splits).toBeGreaterThanOrEqual(1);
    expect(run.summary.llm.callsByStep["write"]).toBeGreaterThan(2);
  });

  it("reports a failed overview with its page", async () => {
    faultOf = (request) => (request.step === "overview" ? { empty: true } : undefined);
    const run = await buildWorkspace();

    expect(run.code).toBe(0);
    const problem = run.summary.problems.find((item) => item.code === "overview-failed");
    expect(problem?.file).toMatch(/^communities\/.+\.md$/);
    expect(problem?.message).toContain("the answer is empty");
    expect(run.stderr).toMatch(/^warning: .*wiki\/communities\/.+\.md: no overview/m);
  });
});

describe("unusable answers in a build", () => {
  it("reports a chunk answered twice without json and goes on", async () => {
    faultOf = (request) =>
      request.step === "analyze" && promptOf(request).includes("8080")
        ? { content: "Sure! Here are the entities you asked for." }
        : undefined;
    const run = await buildWorkspace();

    expect(run.code).toBe(1);
    const problem = run.summary.problems.find((item) => item.code === "analyze-failed");
    expect(problem).toMatchObject({ file: "proxy.md", line: 1 });
    expect(problem?.message).toContain("llama3.1:8b returned an unusable analyze answer twice");
    expect(run.summary.llm.retries).toBeGreaterThanOrEqual(1);
    expect(readWiki(run.wiki).map((page) => page.file)).toContain("entities/server-host.md");
  });
});

interface FaultCase {
  file: string;
  expect: "ok" | "invalid" | "truncated";
}

const cases = JSON.parse(readFileSync("test/faults/cases.json", "utf8")) as FaultCase[];

/** Code of the problem a build reports when every answer of `step` fails. */
const failureCodes: Record<string, string> = {
  analyze: "analyze-failed",
  write: "write-failed",
  confirm: "confirm-failed",
  overview: "overview-failed",
};

/** Pages whose frontmatter lacks what every page has, with the field that is wrong. */
function frontmatterFaults(pages: WikiPage[]): string[] {
  return pages.flatMap((page) => {
    const { title, type, generated_by: generatedBy } = page.frontmatter;
    const faults: string[] = [];
    if (typeof title !== "string" || title.trim() === "") faults.push(`${page.file}: title`);
    if (typeof type !== "string") faults.push(`${page.file}: type`);
    if (page.file !== "log.md" && typeof generatedBy !== "object") {
      faults.push(`${page.file}: generated_by`);
    }
    if (page.body.startsWith("---")) faults.push(`${page.file}: second frontmatter block`);
    return faults;
  });
}

describe("fault corpus through a build", () => {
  it("calls every step on the workspace", async () => {
    faultOf = () => undefined;
    const run = await buildWorkspace();

    expect(run.code).toBe(0);
    for (const step of ["analyze", "write", "confirm", "overview"]) {
      expect(run.summary.llm.callsByStep[step], step).toBeGreaterThan(0);
    }
    expect(frontmatterFaults(readWiki(run.wiki))).toEqual([]);
  });

  it.each(cases.map((item) => [item.file, item] as const))("ends %s", async (file, item) => {
    const step = file.split("/")[0]!;
    const content = readFileSync(`test/faults/${file}`, "utf8");
    const fault: Fault = content.trim() === "" ? { empty: true } : { content };
    faultOf = (request) => (request.step === step ? fault : undefined);
    const run = await buildWorkspace();

    expect(run.code).toBe(step === "analyze" && item.expect !== "ok" ? 1 : 0);
    expect(frontmatterFaults(readWiki(run.wiki))).toEqual([]);
    const codes = codesOf(run);
    if (item.expect === "ok") expect(codes).toEqual([]);
    else if (item.expect === "invalid") expect(codes).toContain(failureCodes[step]);
    else expect(codes).toContain("analyze-truncated");
  });
});

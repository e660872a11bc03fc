/**
 * Hostile names and files: page names taken from source text and model answers that try to
 * leave the output folder or break a file system, a manifest and a journal that name files
 * outside it, and a folder of the output that is a symbolic link. Nothing outside the output
 * folder, its cache and its lock may be written or deleted.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, type FakeOllama, type Fault } from "./fake-ollama/src/server.js";
import {
  buildWiki,
  changedFiles,
  copyCorpus,
  offline,
  ollamaAt,
  removeWorkspace,
  snapshot,
  type Workspace,
} from "./incremental-support.js";
import { isOutputPath, slugify } from "../packages/compiler/src/paths.js";
import { readWiki } from "./support/tree.js";

const long = "Averyverylongidentifier".repeat(14);
const hostileNames = [
  "../../etc/passwd",
  "/abs/path",
  "CON",
  "nul.txt",
  "COM1.md",
  long,
  "Bad\u0000Name\u0007Ctl",
  "evil\u200fname\u202e",
  "<script>alert(1)</script>",
  "[[x]]",
  "](javascript:alert(1))",
  "..",
  "C:\\Windows\\system32",
  "a/b\\c",
  "🔥",
];

/** Returns a source whose headings and inline code contain the hostile names. */
function hostileSource(): string {
  const sections = hostileNames
    .filter((name) => !name.includes("\u0000"))
    .map((name) => `## ${name}\n\nThe \`${name}\` setting is read at startup.\n`);
  return `# Hostile names\n\n${sections.join("\n")}\n## Foo\n\n\`Foo\` (Foreign Object Oracle) is a tool.\n\n## FOO\n\n\`FOO\` (File Output Operator) is another tool.\n`;
}

/** Files whose names are hostile too. */
const hostileFiles: Record<string, string> = {
  "CON.md": "# CON\n\nA file named like a device.\n",
  "Foo.md": "# Foo\n\nFoo is a tool.\n",
  "FOO.md": "# FOO\n\nFOO is another tool.\n",
  [`${"x".repeat(200)}.md`]: "# Long\n\nA file with a long name.\n",
  "evil\u200fname.md": "# RTL\n\nA name with a right-to-left mark.\n",
  "<script>.md": "# Script\n\nA name with a tag.\n",
  "[[x]].md": "# Wikilink\n\nA name with brackets.\n",
  "nul.txt": "A text file named like a device.\n",
};

/** Returns an analysis naming every hostile thing, with different expansions of Foo and FOO. */
function hostileAnalysis(): string {
  const entities = [
    ...hostileNames.map((name) => ({
      name,
      type: "setting",
      description: `${name} is a setting.`,
      lines: [1, 1],
    })),
    {
      name: "Foo",
      type: "tool",
      aliases: ["Foreign Object Oracle"],
      description: "A tool.",
      lines: [1, 1],
    },
    {
      name: "FOO",
      type: "tool",
      aliases: ["File Output Operator"],
      description: "Another tool.",
      lines: [1, 1],
    },
  ];
  const claims = entities.map((entity) => ({
    subject: entity.name,
    statement: `${entity.name} is read at startup.`,
    attribute: "read",
    value: "startup",
    lines: [1, 1],
  }));
  return JSON.stringify({ entities, claims, relations: [] });
}

const hostileOverview = JSON.stringify({
  title: "../../x <script>alert(1)</script>",
  overview: "[[x]] ](javascript:alert(1)) <script>alert(1)</script>",
});

let server: FakeOllama;
const workspaces: Workspace[] = [];
const passwd = existsSync("/etc/passwd") ? readFileSync("/etc/passwd") : undefined;

beforeAll(async () => {
  server = await startFakeOllama({
    faults: (request): Fault | undefined => {
      if (request.step === "analyze") return { content: hostileAnalysis() };
      if (request.step === "overview") return { content: hostileOverview };
      return undefined;
    },
  });
});

afterAll(async () => {
  await server?.close();
  for (const workspace of workspaces) removeWorkspace(workspace);
});

/** A workspace with the hostile sources and a file beside it that must stay as it is. */
function hostileWorkspace(): Workspace {
  const workspace = copyCorpus("ollama-docs", ["import.mdx"]);
  workspaces.push(workspace);
  writeFileSync(path.join(workspace.raw, "hostile.md"), hostileSource());
  for (const [file, text] of Object.entries(hostileFiles)) {
    writeFileSync(path.join(workspace.raw, file), text);
  }
  writeFileSync(path.join(workspace.parent, "outside.txt"), "outside\n");
  return workspace;
}

/** Files below the workspace's parent other than the output folder, its cache and its lock. */
function outsideOutput(workspace: Workspace): Map<string, string> {
  const all = snapshot(workspace.parent);
  for (const file of [...all.keys()]) {
    if (file.startsWith(path.join("ws", "wiki") + path.sep)) all.delete(file);
    if (file.startsWith(path.join("ws", ".wiki-cache") + path.sep)) all.delete(file);
  }
  return all;
}

/** Problems with the names of the files of an output folder. */
function nameProblems(wiki: string): string[] {
  const problems: string[] = [];
  const folded = new Map<string, string>();
  for (const file of snapshot(wiki).keys()) {
    for (const segment of file.split(path.sep)) {
      if (Buffer.byteLength(segment) > 255) problems.push(`${file}: segment longer than 255 bytes`);
      if (/[\p{Cc}\p{Cf}\\:<>|?*"]/u.test(segment)) problems.push(`${file}: unsafe character`);
      if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(segment))
        problems.push(`${file}: device name`);
      if (segment.startsWith(".") && segment !== ".wiki-manifest.json") {
        problems.push(`${file}: hidden or dot segment`);
      }
    }
    const key = file.toLowerCase();
    if (folded.has(key)) problems.push(`${file}: same name as ${folded.get(key)} in another case`);
    folded.set(key, file);
  }
  return problems;
}

/** Markup in page bodies, outside code spans, that a hostile name could have injected. */
function injectedMarkup(wiki: string): string[] {
  return readWiki(wiki).flatMap((page) => {
    const prose = page.body.replace(/`[^`\n]*`/g, "");
    const found: string[] = [];
    if (/<script/i.test(prose)) found.push(`${page.file}: <script>`);
    if (/(?<!\\)\]\(javascript:/i.test(prose)) found.push(`${page.file}: javascript: link`);
    if (/(?<!\\)\[\[x(?<!\\)\]\]/.test(prose)) found.push(`${page.file}: [[x]] wikilink`);
    return found;
  });
}

describe.each([
  ["offline", () => offline],
  ["ollama", () => ollamaAt(server.url)],
])("hostile names with the %s provider", (_name, args) => {
  let workspace: Workspace;
  let before: Map<string, string>;
  let code: number;

  beforeAll(async () => {
    workspace = hostileWorkspace();
    before = outsideOutput(workspace);
    code = (await buildWiki(workspace, args())).code;
  });

  it("builds", () => {
    expect([0, 1]).toContain(code);
    expect(readWiki(workspace.wiki).length).toBeGreaterThan(5);
  });

  it("writes nothing outside the output folder and its cache", () => {
    expect(changedFiles(before, outsideOutput(workspace))).toEqual([]);
    expect(existsSync("/abs/path.md")).toBe(false);
    expect(existsSync("/abs")).toBe(false);
    if (passwd) expect(readFileSync("/etc/passwd")).toEqual(passwd);
  });

  it("gives every page a safe and unique file name", () => {
    expect(nameProblems(workspace.wiki)).toEqual([]);
  });

  it("escapes markup taken from names", () => {
    expect(injectedMarkup(workspace.wiki)).toEqual([]);
  });
});

describe("names that differ only in case", () => {
  it("get two pages whose file names differ in any case", async () => {
    const workspace = hostileWorkspace();
    expect([0, 1]).toContain((await buildWiki(workspace, ollamaAt(server.url))).code);
    const titles = readWiki(workspace.wiki)
      .filter((page) => page.frontmatter.type === "entity")
      .filter((page) => ["Foo", "FOO"].includes(String(page.frontmatter.title)));
    expect(titles.map((page) => page.frontmatter.title).sort()).toEqual(["FOO", "Foo"]);
    const [first, second] = titles.map((page) => page.file.toLowerCase());
    expect(first).not.toBe(second);
  });
});

describe("a hostile output folder", () => {
  it("ignores manifest entries that leave the output folder", async () => {
    const workspace = hostileWorkspace();
    expect((await buildWiki(workspace, offline)).code).toBeLessThan(2);
    const manifestFile = path.join(workspace.wiki, ".wiki-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
      files: Record<string, string>;
      inputs: string;
    };
    const outsideHash = createHash("sha256").update("outside\n").digest("hex");
    manifest.files["../../outside.txt"] = outsideHash;
    manifest.files["../outside.txt"] = outsideHash;
    manifest.files[path.join(workspace.parent, "outside.txt")] = outsideHash;
    manifest.files["communities/../../../outside.txt"] = outsideHash;
    manifest.inputs = "changed";
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const before = outsideOutput(workspace);

    const built = await buildWiki(workspace, offline);
    expect(built.code).toBeLessThan(2);
    expect(built.stderr).toMatch(
      /outside\.txt: is listed in \.wiki-manifest\.json but leaves the output folder/,
    );
    expect(changedFiles(before, outsideOutput(workspace))).toEqual([]);
  });

  it("writes nothing through a folder that is a symbolic link", async () => {
    const workspace = hostileWorkspace();
    const target = path.join(workspace.parent, "elsewhere");
    mkdirSync(target);
    mkdirSync(workspace.wiki);
    symlinkSync(target, path.join(workspace.wiki, "entities"));
    const before = outsideOutput(workspace);

    const built = await buildWiki(workspace, offline);
    expect(built.code).toBeLessThan(2);
    expect(built.stderr).toMatch(/entities\/.*: is inside a folder that is a symbolic link/);
    expect(changedFiles(before, outsideOutput(workspace))).toEqual([]);
  });

  it("stops on a journal that names files outside the output folder", async () => {
    const workspace = hostileWorkspace();
    mkdirSync(workspace.cache, { recursive: true });
    const journal = path.join(workspace.cache, "journal.json");
    writeFileSync(
      journal,
      JSON.stringify({ version: 2, writes: ["../outside.txt"], deletes: ["../../outside.txt"] }),
    );
    const before = outsideOutput(workspace);

    const built = await buildWiki(workspace, offline);
    expect(built.code).toBe(2);
    expect(built.stderr).toMatch(/names a file outside the output folder .* delete it/);
    expect(changedFiles(before, outsideOutput(workspace))).toEqual([]);
    rmSync(journal);
    expect((await buildWiki(workspace, offline)).code).toBeLessThan(2);
  });
});

describe("slugify", () => {
  it.each([
    ["../../etc/passwd", "etc-passwd"],
    ["/abs/path", "abs-path"],
    ["CON", "con-page"],
    ["nul.txt", "nul-txt"],
    ["COM¹", "com1-page"],
    ["Bad\u0000Name\u0007Ctl", "bad-name-ctl"],
    ["evil\u200fname\u202e", "evil-name"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["](javascript:alert(1))", "javascript-alert-1"],
    ["..", "page"],
    ["🔥", "page"],
    ["हिन्दी भाषा", "हिन्दी-भाषा"],
    ["Ärger im Büro", "ärger-im-büro"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("fits a long name in 80 characters and 200 bytes", () => {
    for (const letter of ["a", "語", "\u{20000}"]) {
      const slug = slugify(letter.repeat(300));
      expect([...slug].length).toBeLessThanOrEqual(80);
      expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(200);
      // A cut inside a surrogate pair would not survive a round trip through UTF-8.
      expect(Buffer.from(slug).toString()).toBe(slug);
    }
  });

  it("cuts a long title at a word end", () => {
    const slug = slugify(`${"word ".repeat(30)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-word")).toBe(true);
  });
});

describe("isOutputPath", () => {
  it.each([
    ["entities/foo.md", true],
    ["log.md", true],
    [".wiki-manifest.json", true],
    ["../outside.txt", false],
    ["entities/../../outside.md", false],
    ["/abs/path.md", false],
    ["entities//foo.md", false],
    ["./index.md", false],
    ["entities\\foo.md", false],
    ["C:/foo.md", false],
    ["entities/foo\u0000.md", false],
    ["", false],
  ])("judges %j as %s", (file, expected) => {
    expect(isOutputPath(file)).toBe(expected);
  });
});

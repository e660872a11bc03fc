import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtInPrompts, loadSchema, renderJsonSchema } from "@wiki/compiler";
import { runInit } from "../packages/cli/src/commands/init.js";
import type { CommandIO } from "../packages/cli/src/io.js";
import { wikiBin } from "./support/cli.js";

function captureIO(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: {},
    cwd,
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), "wiki-init-"));
const read = (...parts: string[]) => readFileSync(path.join(...parts), "utf8");

const workspaceFiles = [
  ".gitignore",
  "raw/README.md",
  "schema/prompts/analyze.md",
  "schema/prompts/confirm.md",
  "schema/prompts/overview.md",
  "schema/prompts/write.md",
  "schema/wiki.schema.json",
  "schema/wiki.yaml",
];

describe("wiki init", () => {
  it("creates a workspace in an empty folder", async () => {
    const cwd = tempDir();
    const { io, stdout } = captureIO(cwd);
    expect(await runInit(["site"], io)).toBe(0);

    const root = path.join(cwd, "site");
    for (const file of workspaceFiles) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(read(root, ".gitignore")).toContain(".wiki-cache/");
    expect(read(root, "raw/README.md")).toContain("Put the documents");
    expect(read(root, "schema/wiki.schema.json")).toBe(renderJsonSchema());
    expect(read(root, "schema/prompts/write.md")).toBe(builtInPrompts().write);
    expect(stdout()).toContain("8 files created in site, 0 kept");
    expect(stdout()).toContain(`node ${wikiBin} build site`);
  });

  it("writes a schema that loads without problems", async () => {
    const cwd = tempDir();
    await runInit([], captureIO(cwd).io);
    const schema = loadSchema(path.join(cwd, "schema"));
    expect(schema.problems).toEqual([]);
    expect(schema.config.exclude).toEqual(["README.md"]);
    expect(schema.promptVersion).toBe(loadSchema(undefined).promptVersion);
    expect(read(cwd, "schema/wiki.yaml")).toMatch(
      /^# yaml-language-server: \$schema=\.\/wiki\.schema\.json\n/,
    );
  });

  it("prints the build command without a folder for the current one", async () => {
    const cwd = tempDir();
    const { io, stdout } = captureIO(cwd);
    await runInit([], io);
    expect(stdout().endsWith(`node ${wikiBin} build\n`)).toBe(true);
  });

  it("quotes a folder name with spaces in the next command", async () => {
    const cwd = tempDir();
    const { io, stdout } = captureIO(cwd);
    await runInit(["my wiki"], io);
    expect(stdout()).toContain(`node ${wikiBin} build 'my wiki'`);
  });

  it("prints a next command that runs outside the clone", async () => {
    const cwd = tempDir();
    const { io, stdout } = captureIO(cwd);
    await runInit(["site"], io);
    expect(stdout()).not.toContain("npx");
    expect(path.isAbsolute(wikiBin)).toBe(true);
    expect(existsSync(wikiBin)).toBe(true);
    const next = stdout().trimEnd().split("\n").at(-1)!.trim();
    expect(next).toBe(`node ${wikiBin} build site`);
  });

  it("keeps existing files in a non-empty folder", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "raw"));
    mkdirSync(path.join(cwd, "schema"));
    writeFileSync(path.join(cwd, "raw", "README.md"), "my own readme\n");
    writeFileSync(path.join(cwd, "raw", "notes.md"), "# Notes\n");
    writeFileSync(path.join(cwd, "schema", "wiki.yaml"), "linkStyle: wikilink\n");
    writeFileSync(path.join(cwd, ".gitignore"), "node_modules/\n");

    const { io, stdout } = captureIO(cwd);
    expect(await runInit([], io)).toBe(0);
    expect(read(cwd, "raw/README.md")).toBe("my own readme\n");
    expect(read(cwd, "raw/notes.md")).toBe("# Notes\n");
    expect(read(cwd, "schema/wiki.yaml")).toBe("linkStyle: wikilink\n");
    expect(read(cwd, ".gitignore")).toBe("node_modules/\n");
    expect(existsSync(path.join(cwd, "schema/prompts/analyze.md"))).toBe(true);

    const output = stdout();
    expect(output).toContain("5 files created in ., 3 kept");
    for (const file of ["raw/README.md", "schema/wiki.yaml", ".gitignore"]) {
      expect(output).toContain(`kept    ${file}`);
    }
    expect(output).toContain("does not list .wiki-cache/");
  });

  it("lists the problems of kept schema files", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "schema", "prompts"), { recursive: true });
    writeFileSync(path.join(cwd, "schema", "prompts", "write.md"), "Write it.\n");
    const { io, stdout } = captureIO(cwd);
    expect(await runInit([], io)).toBe(0);
    expect(read(cwd, "schema/prompts/write.md")).toBe("Write it.\n");
    expect(stdout()).toContain(
      "note: the schema has 2 problems, which stop the build until fixed:",
    );
    expect(stdout()).toContain(
      "  schema/prompts/write.md:1:1: the write prompt lacks {{analysis}}",
    );
  });

  it("prints no schema note for a new workspace", async () => {
    const { io, stdout } = captureIO(tempDir());
    await runInit([], io);
    expect(stdout()).not.toContain("note:");
  });

  it("keeps the readme of the user's documents a source", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "raw"));
    writeFileSync(path.join(cwd, "raw", "README.md"), "about my documents\n");
    await runInit([], captureIO(cwd).io);
    expect(loadSchema(path.join(cwd, "schema")).config.exclude).toEqual([]);
  });

  it("changes nothing when run twice", async () => {
    const cwd = tempDir();
    await runInit([], captureIO(cwd).io);
    const before = workspaceFiles.map((file) => read(cwd, file));
    const { io, stdout } = captureIO(cwd);
    expect(await runInit([], io)).toBe(0);
    expect(workspaceFiles.map((file) => read(cwd, file))).toEqual(before);
    expect(stdout()).toContain("0 files created in ., 8 kept");
    expect(readdirSync(cwd).sort()).toEqual([".gitignore", "raw", "schema"]);
  });

  it("rejects a file as the folder", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "file"), "x");
    const { io, stderr } = captureIO(cwd);
    expect(await runInit(["file"], io)).toBe(2);
    expect(stderr()).toContain("is a file, not a folder");
  });

  it("rejects two folders", async () => {
    const { io, stderr } = captureIO(tempDir());
    expect(await runInit(["a", "b"], io)).toBe(2);
    expect(stderr()).toContain("expected at most one DIR");
  });

  it("rejects an unknown option", async () => {
    const { io } = captureIO(tempDir());
    expect(await runInit(["--force"], io)).toBe(2);
  });

  it("prints help", async () => {
    const { io, stdout } = captureIO(tempDir());
    expect(await runInit(["--help"], io)).toBe(0);
    expect(stdout()).toContain("Usage: wiki init [DIR]");
  });
});

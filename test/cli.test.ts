import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runWiki } from "./support/cli.js";

describe("wiki command line", () => {
  it("prints its version", async () => {
    const result = await runWiki(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("suggests the closest option for a typo", async () => {
    const result = await runWiki(["build", "--provder", "offline"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("did you mean --provider?");
  });

  it("rejects a file given as ROOT", async () => {
    const result = await runWiki(["build", "README.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ROOT must be a folder");
  });

  it("rejects an unknown command", async () => {
    const result = await runWiki(["biuld"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "biuld"; did you mean build?');
  });

  it("suggests the closest provider", async () => {
    const result = await runWiki(["build", "--provider", "ofline"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('wiki: --provider must be one of "auto", "offline"');
    expect(result.stderr).toContain('not "ofline"; did you mean offline?');
    expect(result.stderr).not.toContain("--provider: --provider");
  });

  it("prefixes an invalid environment provider", async () => {
    const result = await runWiki(["build"], { env: { WIKI_PROVIDER: "llama" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^wiki: WIKI_PROVIDER must be one of /);
    expect(result.stderr).toContain("did you mean ollama?");
  });

  it("names the value a bare option needs", async () => {
    const result = await runWiki(["build", "--out"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("wiki build: --out needs a value: the output folder");
    expect(result.stderr).not.toContain("argument missing");
  });

  it("gives one concurrency range", async () => {
    const zero = await runWiki(["build", "--concurrency", "0"]);
    const word = await runWiki(["build", "--concurrency", "many"]);
    const high = await runWiki(["build", "--concurrency", "100"]);
    expect(zero.stderr).toContain("--concurrency must be an integer from 1 to 64, not 0");
    expect(word.stderr).toContain('--concurrency must be an integer from 1 to 64, not "many"');
    expect(high.stderr).toContain("--concurrency must be an integer from 1 to 64, not 100");
  });

  it("prints a usage error as json", async () => {
    const result = await runWiki(["build", "--json", "--out"]);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(output.error.code).toBe("usage");
    expect(output.error.message).toBe("--out needs a value: the output folder");
  });

  it("prints a setup error as json", async () => {
    const result = await runWiki(["build", "--json", "--provider", "ofline"]);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(output.error.code).toBe("usage");
    expect(output.error.message).toContain("did you mean offline?");
  });

  it("prints a schema error as json with its own code", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "wiki-cli-schema-"));
    mkdirSync(path.join(root, "raw"));
    mkdirSync(path.join(root, "schema"));
    writeFileSync(path.join(root, "schema", "wiki.yaml"), "linkstyle: wikilink\n");
    const result = await runWiki(["build", root, "--json"]);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(output.error.code).toBe("schema-invalid");
    expect(output.error.message).toContain('schema/wiki.yaml:1:1: unknown key "linkstyle"');
  });

  it("gives the default model in build help", async () => {
    const result = await runWiki(["build", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--model NAME .*\(default: [\w.:-]+\)/);
  });
});

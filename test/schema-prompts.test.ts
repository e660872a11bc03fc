import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  builtInPrompts,
  fillPlaceholders,
  findPlaceholders,
  loadSchema,
  promptSteps,
  requiredPlaceholdersOf,
} from "@wiki/compiler";
import { analyzeRequest } from "../packages/providers/src/prompt/messages.js";
import { contextOf, serverChunk } from "./ollama-support.js";

const repoRoot = path.resolve(import.meta.dirname, "..");

/** Writes an inline file tree into a new temporary `schema` folder and loads it. */
function loadTree(files: Record<string, string>) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "wiki-prompts-")), "schema");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return loadSchema(dir);
}

/** A valid prompt for `step`: every required placeholder and some text around them. */
const validPrompt = (step: (typeof promptSteps)[number], extra = "") =>
  `Custom ${step} prompt.${extra}\n${requiredPlaceholdersOf(step)
    .map((name) => `{{${name}}}`)
    .join("\n")}\n`;

describe("prompt files", () => {
  it("uses the built-in prompt of a step without a file", () => {
    const schema = loadTree({ "prompts/write.md": validPrompt("write") });
    expect(schema.problems).toEqual([]);
    expect(schema.prompts.write).toBe(validPrompt("write"));
    expect(schema.prompts.analyze).toBe(builtInPrompts().analyze);
    expect(schema.promptFiles).toEqual({
      analyze: undefined,
      write: "schema/prompts/write.md",
      confirm: undefined,
      overview: undefined,
    });
  });

  it("reports a prompt that lacks a required placeholder", () => {
    const schema = loadTree({ "prompts/analyze.md": "Find entities in:\n{{chunk}}\n" });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["prompt-missing-placeholder"]);
    expect(schema.problems[0]?.file).toBe("schema/prompts/analyze.md");
    expect(schema.prompts.analyze).toBe(builtInPrompts().analyze);
  });

  it("reports an unknown placeholder with its position", () => {
    const schema = loadTree({
      "prompts/overview.md": `${validPrompt("overview")}Tone: {{tone}}\n`,
    });
    expect(schema.problems).toMatchObject([
      { code: "prompt-unknown-placeholder", line: 3, column: 7 },
    ]);
  });

  it("reports a malformed placeholder", () => {
    const schema = loadTree({ "prompts/confirm.md": `${validPrompt("confirm")}{{ claims }}\n` });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["prompt-unknown-placeholder"]);
  });

  it("reports an unclosed placeholder", () => {
    const schema = loadTree({ "prompts/confirm.md": `${validPrompt("confirm")}{{claims\n` });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["prompt-unknown-placeholder"]);
  });

  it("accepts the placeholders the default prompt uses", () => {
    const schema = loadTree({
      "prompts/write.md": validPrompt("write", " Write in {{language}}."),
    });
    expect(schema.problems).toEqual([]);
  });

  it("reports a prompt file of no step and suggests one", () => {
    const schema = loadTree({ "prompts/analyse.md": validPrompt("analyze") });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["unknown-file"]);
    expect(schema.problems[0]?.message).toContain("did you mean analyze.md?");
  });

  it("ignores a readme and other files", () => {
    expect(loadTree({ "prompts/README.md": "notes", "prompts/notes.txt": "x" }).problems).toEqual(
      [],
    );
  });

  it("reads crlf line endings as lf", () => {
    const schema = loadTree({ "prompts/write.md": validPrompt("write").replace(/\n/g, "\r\n") });
    expect(schema.prompts.write).toBe(validPrompt("write"));
  });

  it("accepts the prompt files of the repository schema", () => {
    const schema = loadSchema(path.join(repoRoot, "schema"));
    expect(schema.problems).toEqual([]);
  });

  it("accepts every built-in prompt", () => {
    const prompts = builtInPrompts();
    const files = Object.fromEntries(
      promptSteps.map((step) => [`prompts/${step}.md`, prompts[step]]),
    );
    expect(loadTree(files).problems).toEqual([]);
  });
});

describe("prompt versions", () => {
  it("is the same for the same prompts", () => {
    expect(loadSchema(undefined).promptVersion).toBe(loadSchema(undefined).promptVersion);
    expect(loadSchema(undefined).promptVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it("changes only the version of the changed step", () => {
    const base = loadSchema(undefined);
    const changed = loadTree({ "prompts/write.md": validPrompt("write") });
    expect(changed.promptVersion).not.toBe(base.promptVersion);
    expect(changed.promptVersions.write).not.toBe(base.promptVersions.write);
    expect(changed.promptVersions.analyze).toBe(base.promptVersions.analyze);
    expect(changed.promptVersions.confirm).toBe(base.promptVersions.confirm);
    expect(changed.promptVersions.overview).toBe(base.promptVersions.overview);
  });

  it("changes the steps whose prompts name a changed setting", () => {
    const base = loadSchema(undefined);
    const types = loadTree({
      "wiki.yaml": "entityTypes:\n  - name: tool\n    description: A program.\n",
    });
    expect(types.promptVersions.analyze).not.toBe(base.promptVersions.analyze);
    expect(types.promptVersions.write).toBe(base.promptVersions.write);
    expect(types.promptVersions.confirm).toBe(base.promptVersions.confirm);

    const language = loadTree({ "wiki.yaml": "language: Deutsch\n" });
    expect(language.promptVersions.analyze).not.toBe(base.promptVersions.analyze);
    expect(language.promptVersions.write).not.toBe(base.promptVersions.write);
    expect(language.promptVersions.overview).not.toBe(base.promptVersions.overview);
    expect(language.promptVersions.confirm).toBe(base.promptVersions.confirm);
  });

  it("does not change with settings no prompt reads", () => {
    const base = loadSchema(undefined);
    const other = loadTree({ "wiki.yaml": "concurrency: 7\nlinkStyle: wikilink\n" });
    expect(other.promptVersions).toEqual(base.promptVersions);
  });

  it("does not change with line endings", () => {
    const lf = loadTree({ "prompts/write.md": validPrompt("write") });
    const crlf = loadTree({ "prompts/write.md": validPrompt("write").replace(/\n/g, "\r\n") });
    expect(crlf.promptVersion).toBe(lf.promptVersion);
  });
});

describe("page templates", () => {
  it("loads a valid template", () => {
    const schema = loadTree({
      "templates/entity.md": "# {{title}}\n\n{{content}}\n\n## Sources\n\n{{sources}}\n",
    });
    expect(schema.problems).toEqual([]);
    expect(schema.templates.entity).toContain("{{content}}");
    expect(schema.templates.concept).toBeUndefined();
  });

  const invalid: [string, string][] = [
    ["no content placeholder", "# {{title}}\n"],
    ["two content placeholders", "{{content}}\n{{content}}\n"],
    ["an unknown placeholder", "{{content}}\n{{author}}\n"],
    ["an unclosed placeholder", "{{content}}\n{{title\n"],
    ["frontmatter", "---\ntitle: x\n---\n{{content}}\n"],
  ];

  it.each(invalid)("reports a template with %s", (_name, text) => {
    const schema = loadTree({ "templates/concept.md": text });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["template-invalid"]);
    expect(schema.templates.concept).toBeUndefined();
  });

  it("reports a template of no page type", () => {
    const schema = loadTree({ "templates/entities.md": "{{content}}\n" });
    expect(schema.problems.map((problem) => problem.code)).toEqual(["unknown-file"]);
    expect(schema.problems[0]?.message).toContain("did you mean entity.md?");
  });
});

describe("schema settings in the analyze request", () => {
  it("sends the types, descriptions, language and prompt", () => {
    const schema = loadTree({
      "wiki.yaml": [
        "language: Deutsch",
        "entityTypes:",
        "  - {name: knob, description: An option or environment variable.}",
        "  - {name: idea, kind: concept, description: A practice the sources explain.}",
      ].join("\n"),
      "prompts/analyze.md": "Custom analyze prompt in {{language}}.\n{{entity_types}}\n{{chunk}}\n",
    });
    expect(schema.problems).toEqual([]);
    const { entityTypes, language } = schema.config;
    const context = { ...contextOf(), entityTypes, language, prompts: schema.prompts };
    const [message] = analyzeRequest(serverChunk, context).messages;
    expect(message?.content).toContain("Custom analyze prompt in Deutsch.");
    expect(message?.content).toContain("- knob: An option or environment variable.");
    expect(message?.content).toContain("- idea: A practice the sources explain.");
    expect(message?.content).toContain("Set `SERVER_HOST` to change the address.");
  });
});

describe("placeholders", () => {
  it("finds placeholders with their lines and columns", () => {
    expect(findPlaceholders("a {{x}}\n  {{y_2}}")).toEqual([
      { name: "x", line: 1, column: 3, wellFormed: true },
      { name: "y_2", line: 2, column: 3, wellFormed: true },
    ]);
  });

  it("fills placeholders once without expanding the values", () => {
    expect(fillPlaceholders("{{a}} {{b}} {{c}}", { a: "{{b}}", b: "B" })).toBe("{{b}} B {{c}}");
  });
});

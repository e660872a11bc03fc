/**
 * The prompt of each model step: `schema/prompts/<step>.md` when the file exists, else the
 * built-in default. A prompt must keep every required placeholder of its step and may use no
 * placeholder the step does not fill.
 */
import type { StepName } from "../steps.js";
import { defaultPrompts, requiredPlaceholders } from "./default-prompts.js";
import { listMarkdownFiles, readSchemaText, reportUnknownFile, type SchemaFile } from "./files.js";
import { findPlaceholders, placeholderName } from "./placeholders.js";
import type { SchemaProblem } from "./problems.js";

export const promptSteps: readonly StepName[] = ["analyze", "write", "confirm", "overview"];

export interface PromptSet {
  prompts: Record<StepName, string>;
  /** Label of the file each prompt came from, or undefined for the built-in default. */
  files: Record<StepName, string | undefined>;
}

/** Reads the prompt files of `schemaDir` (none when undefined) over the built-in defaults. */
export function readPrompts(
  schemaDir: string | undefined,
  label: string,
  problems: SchemaProblem[],
): PromptSet {
  const set: PromptSet = {
    prompts: builtInPrompts(),
    files: { analyze: undefined, write: undefined, confirm: undefined, overview: undefined },
  };
  if (schemaDir === undefined) return set;

  for (const [name, file] of listMarkdownFiles(schemaDir, label, "prompts", problems)) {
    const step = promptSteps.find((candidate) => candidate === name);
    if (step === undefined) {
      reportUnknownFile(file, name, promptSteps, problems);
      continue;
    }
    const text = readSchemaText(file, problems);
    if (text === undefined || !checkPrompt(step, text, file, problems)) continue;
    set.prompts[step] = text;
    set.files[step] = file.label;
  }
  return set;
}

/** Returns a copy of the built-in prompt of every step. */
export function builtInPrompts(): Record<StepName, string> {
  return { ...defaultPrompts };
}

/** Names of the placeholders a step's prompt must contain. */
export function requiredPlaceholdersOf(step: StepName): string[] {
  return requiredPlaceholders[step].map(placeholderName);
}

/** Names a step's prompt may contain: the required ones and those its default prompt uses. */
export function allowedPlaceholdersOf(step: StepName): string[] {
  const used = findPlaceholders(defaultPrompts[step]).filter((use) => use.wellFormed);
  return [...new Set([...requiredPlaceholdersOf(step), ...used.map((use) => use.name)])].sort();
}

/** Reports missing and unknown placeholders; returns true when the prompt is usable. */
export function checkPrompt(
  step: StepName,
  text: string,
  file: SchemaFile,
  problems: SchemaProblem[],
): boolean {
  const before = problems.length;
  const uses = findPlaceholders(text);
  const allowed = allowedPlaceholdersOf(step);
  const allowedList = allowed.map((name) => `{{${name}}}`).join(", ");

  for (const use of uses) {
    if (use.wellFormed && allowed.includes(use.name)) continue;
    const subject = use.wellFormed
      ? `{{${use.name}}} is not a placeholder of the ${step} step`
      : `"${use.name}" is not a placeholder`;
    const message = `${subject}; the ${step} prompt may use ${allowedList}`;
    const at = { file: file.label, line: use.line, column: use.column };
    problems.push({ code: "prompt-unknown-placeholder", ...at, message });
  }
  const required = requiredPlaceholdersOf(step);
  const requiredList = required.map((name) => `{{${name}}}`).join(", ");
  for (const name of required) {
    if (uses.some((use) => use.wellFormed && use.name === name)) continue;
    const message = `the ${step} prompt lacks {{${name}}}; it must contain ${requiredList}`;
    const at = { file: file.label, line: 1, column: 1 };
    problems.push({ code: "prompt-missing-placeholder", ...at, message });
  }
  return problems.length === before;
}

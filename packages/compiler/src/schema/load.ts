/**
 * Loads a workspace's schema folder: `wiki.yaml`, `prompts/*.md` and `templates/*.md`. Every file
 * is optional and every setting has a default, so a missing or empty folder loads the defaults.
 * `loadSchema` collects problems in its result; `loadValidSchema` throws them as a SchemaError.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { StepName } from "../steps.js";
import { defaultConfig, type PageType, type WikiConfig } from "./config.js";
import { isDirectory, readSchemaText } from "./files.js";
import { SchemaError, type SchemaProblem } from "./problems.js";
import { readPrompts } from "./prompts.js";
import { promptVersionsOf } from "./versions.js";
import { readTemplates } from "./templates.js";
import { readWikiYaml } from "./wiki-yaml.js";

export interface LoadedSchema {
  /** The schema folder read, or undefined when there was none. */
  dir: string | undefined;
  config: WikiConfig;
  /** Top-level settings that `wiki.yaml` gives, for telling schema values from defaults. */
  setKeys: (keyof WikiConfig)[];
  /** Prompt of each step, from `prompts/<step>.md` or the built-in default. */
  prompts: Record<StepName, string>;
  /**
   * Label of the file each prompt came from (`schema/prompts/write.md`), undefined for a default.
   */
  promptFiles: Record<StepName, string | undefined>;
  /** Short hash of every step's version; part of every cache key. */
  promptVersion: string;
  /**
   * Short hash per step of its prompt, answer schema and the settings its placeholders read
   * (`language`, `entityTypes`); a change re-runs that step only.
   */
  promptVersions: Record<StepName, string>;
  /** Page templates by page type; a type without a template file is absent. */
  templates: Partial<Record<PageType, string>>;
  problems: SchemaProblem[];
}

/**
 * Reads the schema folder at `schemaDir`. Undefined, a missing folder and an empty folder all
 * give the defaults. Problems name files as `<folder name>/wiki.yaml`, such as `schema/wiki.yaml`.
 */
export function loadSchema(schemaDir: string | undefined): LoadedSchema {
  const problems: SchemaProblem[] = [];
  const label = schemaDir === undefined ? "schema" : path.basename(path.resolve(schemaDir));
  const yamlPath = schemaDir === undefined ? undefined : path.join(schemaDir, "wiki.yaml");

  if (schemaDir !== undefined && existsSync(schemaDir) && !isDirectory(schemaDir)) {
    const message = `${schemaDir} is a file, not a folder; pass the folder that contains wiki.yaml`;
    problems.push({ code: "file-unreadable", file: label, line: 0, column: 0, message });
  }
  let settings = { config: structuredClone(defaultConfig), setKeys: [] as (keyof WikiConfig)[] };
  if (yamlPath !== undefined && existsSync(yamlPath)) {
    const file = { path: yamlPath, label: `${label}/wiki.yaml` };
    const text = readSchemaText(file, problems);
    if (text !== undefined) settings = readWikiYaml(text, file.label, problems);
  }

  const promptSet = readPrompts(schemaDir, label, problems);
  const { version, versions } = promptVersionsOf(promptSet.prompts, settings.config);
  return {
    dir: schemaDir,
    config: settings.config,
    setKeys: settings.setKeys,
    prompts: promptSet.prompts,
    promptFiles: promptSet.files,
    promptVersion: version,
    promptVersions: versions,
    templates: readTemplates(schemaDir, label, problems),
    problems,
  };
}

/** Loads the schema folder and throws a SchemaError (exit code 2) when it has any problem. */
export function loadValidSchema(schemaDir: string | undefined): LoadedSchema {
  const schema = loadSchema(schemaDir);
  if (schema.problems.length > 0) throw new SchemaError(schema.problems);
  return schema;
}

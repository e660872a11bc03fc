/**
 * Reads `wiki.yaml` with the `yaml` package (YAML 1.2 core schema: dates stay strings, no code
 * runs, duplicate keys are errors) and lays the settings it gives over `defaultConfig`.
 */
import { LineCounter, parseDocument, type YAMLError } from "yaml";
import { defaultConfig, type EntityType, type WikiConfig } from "./config.js";
import { wikiFields } from "./fields.js";
import type { SchemaProblem } from "./problems.js";
import { normalizeFolder } from "./rules.js";
import { readField, type ReadContext } from "./validate.js";

export interface WikiYaml {
  config: WikiConfig;
  /** Top-level keys that the file gives a valid value. */
  setKeys: (keyof WikiConfig)[];
}

/** Parses and validates the text of `wiki.yaml`, reporting problems under the label `file`. */
export function readWikiYaml(text: string, file: string, problems: SchemaProblem[]): WikiYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlProblems = [...document.errors, ...document.warnings].map((error) =>
    yamlProblem(error, { text, file, lineCounter }),
  );
  problems.push(...yamlProblems);
  // A duplicate key leaves a readable document, so the rest of it is still checked.
  const unreadable = document.errors.some((error) => error.code !== "DUPLICATE_KEY");
  if (unreadable) return { config: structuredClone(defaultConfig), setKeys: [] };

  const context: ReadContext = { file, document, lineCounter, problems };
  const read = readField(document.contents, wikiFields, "", context);
  const settings = (read ?? {}) as Record<string, unknown>;
  return {
    config: applySettings(settings),
    setKeys: Object.keys(settings) as (keyof WikiConfig)[],
  };
}

interface YamlSource {
  text: string;
  file: string;
  lineCounter: LineCounter;
}

function yamlProblem(error: YAMLError, source: YamlSource): SchemaProblem {
  const [start] = error.pos;
  const position = error.linePos?.[0] ?? source.lineCounter.linePos(start);
  const at = { file: source.file, line: position.line, column: position.col };
  if (error.code === "DUPLICATE_KEY") {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(source.text.slice(start))?.[1]?.trim();
    return { code: "duplicate-key", ...at, message: `duplicate key "${key}"; keep one of them` };
  }
  if (error.code === "MULTIPLE_DOCS") {
    const message = 'the file contains more than one YAML document; remove the "---" line';
    return { code: "yaml-syntax", ...at, message };
  }
  const firstLine = error.message.split("\n")[0] ?? error.message;
  const reason = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  return { code: "yaml-syntax", ...at, message: `invalid YAML: ${reason}` };
}

/**
 * Lays validated settings over the defaults: mappings merge key by key, lists replace. Folders
 * are normalized, because page paths are built by joining them with `/`.
 */
function applySettings(settings: Record<string, unknown>): WikiConfig {
  const config = mergeInto(structuredClone(defaultConfig), settings) as WikiConfig;
  config.entityTypes = config.entityTypes.map((type: Partial<EntityType>) => ({
    name: type.name ?? "",
    kind: type.kind ?? "entity",
    description: type.description ?? "",
  }));
  const folders = config.layout.folders;
  for (const type of Object.keys(folders) as (keyof typeof folders)[]) {
    folders[type] = normalizeFolder(folders[type]);
  }
  return config;
}

function mergeInto(target: unknown, source: Record<string, unknown>): unknown {
  const result = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    const current = result[key];
    const bothMappings = isMapping(current) && isMapping(value);
    result[key] = bothMappings ? mergeInto(current, value) : value;
  }
  return result;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

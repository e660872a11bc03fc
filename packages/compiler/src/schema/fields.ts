/**
 * The settings of `schema/wiki.yaml`: type, allowed values and a one-line description of each.
 * The validator, the JSON Schema, the commented default `wiki.yaml` and the field table of
 * docs/schema.md all follow this one catalog; defaults come from `defaultConfig`.
 */

/** Extra rule a string setting follows beyond its type. */
export type StringRule =
  "glob" | "source-glob" | "host" | "folder" | "type-name" | "line" | "non-empty";

export interface StringField {
  type: "string";
  description: string;
  /** Value of an item key left out (top-level defaults come from `defaultConfig`). */
  default?: string;
  enum?: readonly string[];
  rule?: StringRule;
}

export interface IntegerField {
  type: "integer";
  description: string;
  minimum: number;
  maximum: number;
}

export interface ListField {
  type: "list";
  description: string;
  items: Field;
  minItems: number;
  /** Key of the item mappings that must differ between items, such as `name`. */
  uniqueKey?: string;
}

export interface ObjectField {
  type: "object";
  description: string;
  fields: Record<string, Field>;
  /** Keys that must be present (only in list items; top-level keys all have defaults). */
  required: readonly string[];
  /** When true, no two keys may have the same value (two page types in one folder). */
  distinctValues?: boolean;
}

export type Field = StringField | IntegerField | ListField | ObjectField;

const glob = (description: string, rule: "glob" | "source-glob"): ListField => ({
  type: "list",
  description,
  minItems: 0,
  items: { type: "string", description: "A glob relative to the raw folder.", rule },
});

const folder = (description: string): StringField => ({
  type: "string",
  description,
  rule: "folder",
});

const entityType: ObjectField = {
  type: "object",
  description: "One kind of page subject the model may extract.",
  required: ["name", "description"],
  fields: {
    name: {
      type: "string",
      description: "Lowercase name that the model returns as the type of a subject.",
      rule: "type-name",
    },
    kind: {
      type: "string",
      description: "`entity` (the default) for named things, `concept` for ideas and practices.",
      enum: ["entity", "concept"],
      default: "entity",
    },
    description: {
      type: "string",
      description: "One line telling the model what belongs here.",
      rule: "line",
    },
  },
};

export const wikiFields: ObjectField = {
  type: "object",
  description: "Settings of a wiki workspace.",
  required: [],
  fields: {
    include: {
      ...glob("Globs, relative to the raw folder, of the files to read.", "source-glob"),
      minItems: 1,
    },
    exclude: glob("Globs of files to skip even when `include` matches them.", "glob"),
    entityTypes: {
      type: "list",
      description: "Types of entities and concepts, each with a one-line description.",
      minItems: 1,
      uniqueKey: "name",
      items: entityType,
    },
    linkStyle: {
      type: "string",
      description:
        "`markdown` writes [Title](page.md) links; `wikilink` writes [[page|Title]] links.",
      enum: ["markdown", "wikilink"],
    },
    language: {
      type: "string",
      description:
        "Language of the prose the model writes, such as English or Deutsch; names stay as the sources write them.",
      rule: "non-empty",
    },
    provider: {
      type: "string",
      description:
        "Who extracts and writes: `auto` uses a model server when one answers, else the offline extractor; `offline` calls no model; `ollama` and `openai` name the server API.",
      enum: ["auto", "offline", "ollama", "openai"],
    },
    model: { type: "string", description: "Model name as the server lists it.", rule: "non-empty" },
    hosts: {
      type: "list",
      description:
        "Model server addresses, such as http://127.0.0.1:11434; requests are spread over them. Empty: the server named by the environment, else http://127.0.0.1:11434.",
      minItems: 0,
      items: { type: "string", description: "An http:// or https:// address.", rule: "host" },
    },
    contextTokens: {
      type: "integer",
      description: "Context size in tokens per request; 0 reads it from the server (at most 8192).",
      minimum: 0,
      maximum: 1_048_576,
    },
    chunkTokens: {
      type: "integer",
      description: "Largest chunk of a source, in tokens, sent in one request.",
      minimum: 100,
      maximum: 1_048_576,
    },
    concurrency: {
      type: "integer",
      description: "Requests in flight per host.",
      minimum: 1,
      maximum: 64,
    },
    timeoutMs: {
      type: "integer",
      description: "Time limit of one model call, in milliseconds.",
      minimum: 1_000,
      maximum: 86_400_000,
    },
    connectTimeoutMs: {
      type: "integer",
      description: "Time limit to reach a server and read its model list, in milliseconds.",
      minimum: 100,
      maximum: 600_000,
    },
    layout: {
      type: "object",
      description: "Where pages go inside the output folder and how their files are named.",
      required: [],
      fields: {
        folders: {
          type: "object",
          description: "Folder of each page type, relative to the output folder.",
          required: [],
          distinctValues: true,
          fields: {
            source: folder("Pages that summarize one source file."),
            entity: folder("Pages about named things."),
            concept: folder("Pages about ideas and practices."),
            community: folder("Pages that group related pages."),
          },
        },
        fileNames: {
          type: "string",
          description: "`kebab` keeps letters of every script; `ascii` keeps only a-z and 0-9.",
          enum: ["kebab", "ascii"],
        },
      },
    },
  },
};

/** Returns the field at a dotted path such as `layout.folders`, or undefined. */
export function fieldAt(path: string): Field | undefined {
  let field: Field = wikiFields;
  for (const key of path.split(".")) {
    if (field.type !== "object") return undefined;
    const next: Field | undefined = field.fields[key];
    if (next === undefined) return undefined;
    field = next;
  }
  return field;
}

/** Returns the dotted paths of every mapping key, parents before children: `layout.folders`. */
export function fieldPaths(field: Field = wikiFields, prefix = ""): string[] {
  if (field.type !== "object") return [];
  return Object.entries(field.fields).flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const nested =
      child.type === "list" ? fieldPaths(child.items, `${path}[]`) : fieldPaths(child, path);
    return [path, ...nested];
  });
}

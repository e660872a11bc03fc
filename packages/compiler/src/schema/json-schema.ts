/**
 * The JSON Schema of `wiki.yaml` (draft-07), made from the settings catalog, so editors with a
 * YAML language server complete keys and mark wrong values. The loader checks more than this
 * schema can express (globs that never match, hosts), and its messages are the reference.
 */
import { defaultConfig } from "./config.js";
import { wikiFields, type Field, type StringRule } from "./fields.js";

type JsonSchema = Record<string, unknown>;

/** Case-insensitive alternatives of the source extensions, for patterns (they take no flags). */
const sourceExtension = "(?:[Mm][Dd]|[Mm][Dd][Xx]|[Mm][Aa][Rr][Kk][Dd][Oo][Ww][Nn]|[Tt][Xx][Tt])";

/** A glob that is not blank, not absolute, has no `..` segment and does not end with `/`. */
const globPattern = "(?=.*\\S)(?![/\\\\]|[A-Za-z]:)(?!(.*/)?\\.\\.(/|$)).*[^/]$";

/**
 * An `include` glob: also not negated, with no hidden segment, and whose last segment can be a
 * source name (a glob, or a name ending in a source extension).
 */
const sourceGlobPattern = [
  "(?!!(?!\\())",
  "(?!(.*/)?\\.[^/])",
  `(?!(?:.*/)?[^/]*\\.(?!${sourceExtension}$)[A-Za-z0-9]+$)`,
  `(?!(?:.*/)?(?=[^/]*$)(?![^/]*[*?[\\]{}()])(?![^/]*\\.${sourceExtension}$))`,
  globPattern,
].join("");

/** Patterns that approximate the loader's string rules; `undefined` adds none. */
const rulePatterns: Record<StringRule, string | undefined> = {
  glob: `^${globPattern}`,
  "source-glob": `^${sourceGlobPattern}`,
  host: "^\\s*(?:[Hh][Tt][Tt][Pp][Ss]?://|(?![A-Za-z][A-Za-z0-9+.-]*://))[^\\s/?#@]+(?:/[^\\s?#@]*)?\\s*$",
  folder:
    "^(?=.*\\S)(?![/\\\\]|[A-Za-z]:)(?!(.*/)?\\.\\.(/|$))(?=(?:.*/)?(?!\\.(?:/|$))[^/])[^\\\\]+$",
  "type-name": "^[a-z][a-z0-9-]*$",
  line: "^[^\\r\\n]*\\S[^\\r\\n]*$",
  "non-empty": "\\S",
};

/** Returns the JSON Schema of `wiki.yaml`. */
export function wikiJsonSchema(): JsonSchema {
  const { default: _whole, ...root } = fieldSchema(wikiFields, defaultConfig);
  return { $schema: "http://json-schema.org/draft-07/schema#", title: "wiki.yaml", ...root };
}

/** Returns the schema text as `wiki init` writes it: two-space indent, final newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(wikiJsonSchema(), null, 2)}\n`;
}

function fieldSchema(field: Field, defaultValue: unknown): JsonSchema {
  const base: JsonSchema = { description: field.description };
  const fallback = field.type === "string" ? field.default : undefined;
  if ((defaultValue ?? fallback) !== undefined) base["default"] = defaultValue ?? fallback;

  switch (field.type) {
    case "object":
      return { ...base, ...objectSchema(field.fields, field.required, defaultValue) };
    case "list": {
      const items = fieldSchema(field.items, undefined);
      return {
        ...base,
        type: "array",
        items,
        ...(field.minItems > 0 ? { minItems: field.minItems } : {}),
      };
    }
    case "integer":
      return { ...base, type: "integer", minimum: field.minimum, maximum: field.maximum };
    case "string": {
      const pattern = field.rule === undefined ? undefined : rulePatterns[field.rule];
      const checks =
        field.enum !== undefined
          ? { enum: field.enum }
          : { minLength: 1, ...(pattern ? { pattern } : {}) };
      return { ...base, type: "string", ...checks };
    }
  }
}

function objectSchema(
  fields: Record<string, Field>,
  required: readonly string[],
  defaults: unknown,
): JsonSchema {
  const values = (defaults ?? {}) as Record<string, unknown>;
  const properties = Object.fromEntries(
    Object.entries(fields).map(([key, child]) => [key, fieldSchema(child, values[key])]),
  );
  return {
    type: "object",
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

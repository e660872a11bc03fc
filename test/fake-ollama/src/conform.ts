/**
 * Fits a rule-based answer to the JSON schema of the request, the way constrained decoding
 * keeps a model inside its `format`: unknown properties go, missing required ones get their
 * `default` or an empty value, strings outside an `enum` become its first member. Covers the
 * keywords of small object schemas (type, properties, required, additionalProperties, items,
 * enum, minLength, minimum); `$ref`, `anyOf` and the like pass the value through unchanged.
 */
import { isRecord } from "./http.js";

type Schema = Record<string, unknown>;

function typeOf(schema: Schema): string {
  const type = schema["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type) && typeof type[0] === "string") return type[0];
  if (isRecord(schema["properties"])) return "object";
  return "";
}

/** Returns the value of a missing property: its default, first enum member or empty value. */
function emptyValue(schema: Schema): unknown {
  if ("default" in schema) return schema["default"];
  const values = schema["enum"];
  if (Array.isArray(values) && values.length > 0) return values[0];
  const type = typeOf(schema);
  if (type === "object") return conform({}, schema);
  if (type === "array") return conform([], schema);
  if (type === "string") return conform("", schema);
  if (type === "integer" || type === "number") return conform(0, schema);
  if (type === "boolean") return false;
  return null;
}

function conformObject(value: unknown, schema: Schema): Record<string, unknown> {
  const input = isRecord(value) ? value : {};
  const properties = isRecord(schema["properties"]) ? schema["properties"] : {};
  const required = Array.isArray(schema["required"]) ? schema["required"].map(String) : [];
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) {
    const property = properties[key];
    if (isRecord(property)) result[key] = conform(item, property);
    else if (schema["additionalProperties"] !== false) result[key] = item;
  }
  for (const key of required) {
    const property = properties[key];
    if (!(key in result)) result[key] = isRecord(property) ? emptyValue(property) : null;
  }
  return result;
}

function conformArray(value: unknown, schema: Schema): unknown[] {
  const input = Array.isArray(value) ? value : [];
  const items = schema["items"];
  if (Array.isArray(items)) {
    const tuple = items.filter(isRecord);
    return tuple.map((item, index) =>
      index < input.length ? conform(input[index], item) : emptyValue(item),
    );
  }
  return isRecord(items) ? input.map((item) => conform(item, items)) : input;
}

function conformString(value: unknown, schema: Schema): string {
  const values = schema["enum"];
  let text = typeof value === "string" ? value : String(value ?? "");
  if (Array.isArray(values) && values.length > 0 && !values.includes(text))
    text = String(values[0]);
  const minLength = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
  return text.length >= minLength ? text : text.padEnd(minLength, "-");
}

function conformNumber(value: unknown, schema: Schema): number {
  let number = typeof value === "number" && Number.isFinite(value) ? value : 0;
  if (typeOf(schema) === "integer") number = Math.round(number);
  if (typeof schema["minimum"] === "number") number = Math.max(number, schema["minimum"]);
  if (typeof schema["maximum"] === "number") number = Math.min(number, schema["maximum"]);
  return number;
}

export function conform(value: unknown, schema: Schema): unknown {
  switch (typeOf(schema)) {
    case "object":
      return conformObject(value, schema);
    case "array":
      return conformArray(value, schema);
    case "string":
      return conformString(value, schema);
    case "integer":
    case "number":
      return conformNumber(value, schema);
    case "boolean":
      return value === true;
    default:
      return value;
  }
}

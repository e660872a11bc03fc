/**
 * Checks that values which must differ do: the names of entity types, and the folders of the
 * page types, including the default folders of the page types that the file does not set.
 */
import { isMap, isScalar } from "yaml";
import { defaultConfig } from "./config.js";
import { normalizeFolder } from "./rules.js";
import { report, type ReadContext } from "./validate.js";

/** Reports list items whose `key` repeats the value of an earlier item. */
export function checkUniqueItems(
  items: unknown[],
  key: string,
  path: string,
  context: ReadContext,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = isMap(item) ? item.get(key, true) : undefined;
    if (!isScalar(value) || typeof value.value !== "string") return;
    if (seen.has(value.value)) {
      const message = `${path}[${index}].${key} repeats ${JSON.stringify(value.value)}; each ${key} must be unique`;
      report(context, "duplicate-value", value, message);
    }
    seen.add(value.value);
  });
}

/**
 * Reports a key of a mapping of folders that names the folder of another key: one set earlier
 * in the file, or one left at its default.
 */
export function checkDistinctValues(
  node: unknown,
  values: Record<string, unknown>,
  path: string,
  context: ReadContext,
): void {
  const defaults = defaultsAt(path);
  const owners = new Map<string, string>();
  for (const [key, value] of Object.entries(values)) {
    const folder = normalizeFolder(String(value));
    const given = owners.get(folder);
    const byDefault = Object.keys(defaults).find(
      (other) =>
        other !== key && !(other in values) && normalizeFolder(String(defaults[other])) === folder,
    );
    const owner = given ?? byDefault;
    if (owner !== undefined) {
      const target = isMap(node) ? (node.get(key, true) ?? node) : node;
      const whose =
        given === undefined ? `the default folder of ${owner}` : `the folder of ${owner}`;
      const message = `${path}.${key} is ${JSON.stringify(value)}, ${whose} too; give each its own folder`;
      report(context, "duplicate-value", target, message);
    }
    owners.set(folder, key);
  }
}

/** Returns the default values of the mapping at a dotted path such as `layout.folders`. */
function defaultsAt(path: string): Record<string, unknown> {
  let value: unknown = defaultConfig;
  for (const key of path.split(".")) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** The message for a key the catalog does not know: the closest key, or where the key belongs. */
import { fieldPaths, type ObjectField } from "./fields.js";
import { closestName } from "./suggest.js";

/**
 * Returns `unknown key "linkstyle" in wiki.yaml; did you mean "linkStyle"?`, or says which mapping
 * the key belongs under, or lists the allowed keys.
 */
export function unknownKeyMessage(key: string, path: string, parent: ObjectField): string {
  const where = path === "" ? "at the top level" : `in ${path}`;
  const known = Object.keys(parent.fields);
  const closest = closestName(key, known);
  if (closest !== undefined) return `unknown key "${key}" ${where}; did you mean "${closest}"?`;

  const home = homeOf(key, path);
  if (home !== undefined) {
    const under =
      home === ""
        ? "at the top level"
        : home.endsWith("[]")
          ? `in each item of "${home.slice(0, -2)}"`
          : `under "${home}"`;
    return `unknown key "${key}" ${where}; it belongs ${under}`;
  }
  return `unknown key "${key}" ${where}; allowed keys are ${known.join(", ")}`;
}

/** Returns the parent path of the catalog key named `key`, when it lives elsewhere. */
function homeOf(key: string, path: string): string | undefined {
  const generic = path.replace(/\[\d+\]/g, "[]");
  for (const candidate of fieldPaths()) {
    const parts = candidate.split(".");
    if (parts.at(-1) !== key) continue;
    const parent = parts.slice(0, -1).join(".");
    if (parent !== generic) return parent;
  }
  return undefined;
}

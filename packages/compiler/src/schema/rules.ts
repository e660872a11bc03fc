/** Checks of string settings beyond their type: globs, hosts, folders, names, one-line texts. */
import type { StringRule } from "./fields.js";
import { checkGlob, checkSourceGlob, isAbsolute } from "./globs.js";
import { normalizeHost } from "./hosts.js";
import type { SchemaProblemCode } from "./problems.js";

export interface RuleFailure {
  code: SchemaProblemCode;
  /** Completes `<path> ...`, e.g. `must be a relative glob, not "/docs/*.md"`. */
  reason: string;
}

/** Returns why `value` breaks `rule`, or undefined when it follows it. */
export function checkRule(rule: StringRule, value: string): RuleFailure | undefined {
  switch (rule) {
    case "glob":
      return checkGlob(value);
    case "source-glob":
      return checkSourceGlob(value);
    case "host": {
      const host = normalizeHost(value);
      if (host.ok) return undefined;
      return invalid(`must be an http:// or https:// address, not ${quote(value)}: ${host.reason}`);
    }
    case "folder":
      return checkFolder(value);
    case "type-name":
      if (/^[a-z][a-z0-9-]*$/.test(value)) return undefined;
      return invalid(
        `must be lowercase letters, digits and "-", starting with a letter, not ${quote(value)}`,
      );
    case "line":
      if (value.trim() !== "" && !/[\r\n]/.test(value)) return undefined;
      return invalid(`must be one non-empty line, not ${quote(value)}`);
    case "non-empty":
      return value.trim() === "" ? invalid("must not be empty") : undefined;
  }
}

function checkFolder(folder: string): RuleFailure | undefined {
  if (folder.trim() === "") return invalid("must be a folder name, not an empty string");
  if (isAbsolute(folder) || folder.includes("\\")) {
    return invalid(`must be a relative folder with "/" separators, not ${quote(folder)}`);
  }
  const parts = folder.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.some((part) => part === "..")) {
    return invalid(`must be a folder inside the output folder, not ${quote(folder)}`);
  }
  return undefined;
}

/** Returns a folder of `layout.folders` as the pages use it: `./pages//a/` gives `pages/a`. */
export function normalizeFolder(folder: string): string {
  return folder
    .split("/")
    .filter((part) => part !== "" && part !== ".")
    .join("/");
}

const invalid = (reason: string): RuleFailure => ({ code: "invalid-value", reason });
const quote = (value: string): string => JSON.stringify(value);

/** Checks of string settings beyond their type: globs, hosts, folders, names, one-line texts. */
import picomatch from "picomatch";
import type { StringRule } from "./fields.js";
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

/** Rejects globs that can match no raw file: invalid syntax, absolute, or leaving the folder. */
export function checkGlob(glob: string): RuleFailure | undefined {
  const never = (reason: string): RuleFailure => ({
    code: "glob-never-matches",
    reason: `never matches a file: ${quote(glob)} ${reason}`,
  });
  if (glob.trim() === "") return never('is empty; write a glob such as "**/*.md"');
  if (isAbsolute(glob)) return never("is absolute; write it relative to the raw folder");
  if (glob.split("/").includes("..")) return never('leaves the raw folder with ".."');
  if (glob.endsWith("/")) return never(`ends with "/"; write ${quote(`${glob}**`)} for a folder`);

  let source: string;
  try {
    source = picomatch.makeRe(glob, { strictBrackets: true }).source;
  } catch (error) {
    return never(`is not a valid glob: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (source === "$^") return never("is not a valid glob: it ends with an escape character");
  return undefined;
}

/** Returns the globs that match none of `paths` (raw-relative, with "/" separators). */
export function unmatchedGlobs(globs: readonly string[], paths: readonly string[]): string[] {
  return globs.filter((glob) => {
    const matches = picomatch(glob);
    return !paths.some((file) => matches(file));
  });
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

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path);
}

const invalid = (reason: string): RuleFailure => ({ code: "invalid-value", reason });
const quote = (value: string): string => JSON.stringify(value);

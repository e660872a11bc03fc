/**
 * Checks of the globs of `include` and `exclude`: each must be able to match a file that the
 * scan reads. The scan lists only files under the raw folder, skips names that start with a
 * dot, and reads only the extensions of `sourceFormats`.
 */
import path from "node:path";
import picomatch from "picomatch";
import { sourceFormats } from "../scan.js";
import type { RuleFailure } from "./rules.js";

const sourceExtensions = Object.keys(sourceFormats);

/** Rejects globs that can match no file: invalid syntax, absolute, or leaving the folder. */
export function checkGlob(glob: string): RuleFailure | undefined {
  const never = neverMatches(glob);
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

/**
 * Checks a glob of `include` beyond `checkGlob`. It must not be negated, because in the list of
 * globs to read `!drafts/**` adds every file outside drafts/. It must not name a hidden file or
 * folder, and it must be able to match a name with a source extension.
 */
export function checkSourceGlob(glob: string): RuleFailure | undefined {
  const failure = checkGlob(glob);
  if (failure !== undefined) return failure;
  if (picomatch.scan(glob).negated) {
    const rest = quote(glob.replace(/^!+/, ""));
    const reason = `must not be negated: ${quote(glob)} adds every file it does not match; list ${rest} under exclude instead`;
    return { code: "invalid-value", reason };
  }
  const never = neverMatches(glob);
  const hidden = glob.split("/").find((part) => part.startsWith(".") && part !== ".");
  if (hidden !== undefined) {
    return never(`names ${quote(hidden)}, but files and folders starting with "." are never read`);
  }
  const name = glob.split("/").at(-1) ?? "";
  const extension = path.extname(name).toLowerCase();
  const literal = !picomatch.scan(name).isGlob;
  const plainExtension = /^\.[a-z0-9]+$/.test(extension);
  if ((literal || plainExtension) && !sourceExtensions.includes(extension)) {
    const folder = literal && extension === "" ? `; write ${quote(`${glob}/**`)} for a folder` : "";
    const read = sourceExtensions.join(", ");
    return never(`names no file that is read: only ${read} files are sources${folder}`);
  }
  return undefined;
}

/** Returns the globs that match none of `paths` (raw-relative, with "/" separators). */
export function unmatchedGlobs(globs: readonly string[], paths: readonly string[]): string[] {
  return globs.filter((glob) => {
    const matches = picomatch(glob);
    return !paths.some((file) => matches(file));
  });
}

export function isAbsolute(text: string): boolean {
  return text.startsWith("/") || text.startsWith("\\") || /^[A-Za-z]:/.test(text);
}

function neverMatches(glob: string): (reason: string) => RuleFailure {
  return (reason) => ({
    code: "glob-never-matches",
    reason: `never matches a file: ${quote(glob)} ${reason}`,
  });
}

const quote = (value: string): string => JSON.stringify(value);

/**
 * Problems found in a workspace's `schema/` folder (or in the flags and environment that override
 * it). Each has a stable code for tests and tools; the message says what is wrong and what is
 * allowed. Every code is listed with an example in docs/schema.md.
 */

/** Every problem code, in the order docs/schema.md lists them. */
export const schemaProblemCodes = [
  "yaml-syntax",
  "duplicate-key",
  "unknown-key",
  "missing-key",
  "wrong-type",
  "invalid-value",
  "duplicate-value",
  "glob-never-matches",
  "unknown-file",
  "file-unreadable",
  "prompt-missing-placeholder",
  "prompt-unknown-placeholder",
  "template-invalid",
] as const;

export type SchemaProblemCode = (typeof schemaProblemCodes)[number];

export interface SchemaProblem {
  code: SchemaProblemCode;
  /**
   * Where the problem is: a path such as `schema/wiki.yaml` (the schema folder's name joined with
   * the file inside it), or the name of a flag or environment variable such as `WIKI_PROVIDER`.
   */
  file: string;
  /** 1-based line, or 0 when the problem has no position (a flag, a variable, a missing file). */
  line: number;
  /** 1-based column, or 0 with `line`. */
  column: number;
  /**
   * What is wrong and what is allowed: `linkStyle must be "markdown" or "wikilink", not "wiki"`.
   */
  message: string;
}

/** Exit code of a command stopped by an invalid schema, flag or environment variable. */
export const schemaExitCode = 2;

/** Formats a problem as `schema/wiki.yaml:12:3: message`, the form editors and terminals link. */
export function formatProblem(problem: SchemaProblem): string {
  const where =
    problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return `${where}: ${problem.message}`;
}

/** Raised when the schema, a flag or an environment variable is invalid; no model is called. */
export class SchemaError extends Error {
  readonly code: SchemaProblemCode;
  readonly problems: SchemaProblem[];
  readonly exitCode = schemaExitCode;

  constructor(problems: SchemaProblem[]) {
    const first = problems[0];
    if (first === undefined) throw new RangeError("SchemaError needs at least one problem");
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(formatProblem(first) + more);
    this.name = "SchemaError";
    this.code = first.code;
    this.problems = problems;
  }
}

/** Throws a `SchemaError` carrying every problem, when there is one. */
export function throwIfProblems(problems: SchemaProblem[]): void {
  if (problems.length > 0) throw new SchemaError(problems);
}

/** Describes a YAML value for a message: `the string "2"`, `the number 3`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

/** Joins allowed values as `"a" or "b"` or `one of "a", "b", "c"`. */
export function listAllowed(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  if (quoted.length === 2) return `${quoted[0]} or ${quoted[1]}`;
  if (quoted.length === 1) return quoted[0] ?? "";
  return `one of ${quoted.join(", ")}`;
}

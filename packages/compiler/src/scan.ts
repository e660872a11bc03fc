/**
 * scan: finds the sources under the raw folder in sorted order, reads them, hashes their bytes
 * and decodes their text. Files that cannot be read as text are reported and skipped.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { toSourcePath } from "./paths.js";
import type { Problem, Source, SourcePath } from "./types.js";

export interface ScanOptions {
  include: string[];
  exclude: string[];
  /** Files larger than this are reported and skipped. */
  maxBytes: number;
}

export interface ScanResult {
  sources: Source[];
  /** Files that are not sources (other extensions, or excluded by the schema). */
  skipped: number;
  problems: Problem[];
}

const sourceFormats = { ".md": "md", ".mdx": "mdx", ".markdown": "md", ".txt": "txt" } as const;

export async function scan(rawDir: string, options: ScanOptions): Promise<ScanResult> {
  const isIncluded = picomatch(options.include, { dot: false });
  const isExcluded = options.exclude.length ? picomatch(options.exclude) : () => false;
  const result: ScanResult = { sources: [], skipped: 0, problems: [] };

  for (const file of await listFiles(rawDir)) {
    const sourcePath = toSourcePath(rawDir, file);
    const format = sourceFormats[path.extname(file).toLowerCase() as keyof typeof sourceFormats];
    if (!format || !isIncluded(sourcePath) || isExcluded(sourcePath)) {
      result.skipped++;
      continue;
    }
    const read = await readSource(file, sourcePath, format, options.maxBytes);
    if ("code" in read) result.problems.push(read);
    else result.sources.push(read);
  }
  return result;
}

/** Lists regular files below `dir` in code-point order; hidden files and links are not followed. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.map((entry) => entry.name).sort(compareCodePoints);
  const files: string[] = [];
  for (const name of names) {
    const entry = entries.find((candidate) => candidate.name === name)!;
    if (name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readSource(
  file: string,
  sourcePath: SourcePath,
  format: Source["format"],
  maxBytes: number,
): Promise<Source | Problem> {
  const size = (await stat(file)).size;
  if (size > maxBytes) {
    const limit = `${Math.round(maxBytes / 1024 / 1024)} MiB`;
    return problem(
      "source-too-large",
      sourcePath,
      `is ${size} bytes, over the ${limit} limit; split it or exclude it in schema/wiki.yaml`,
    );
  }
  const bytes = await readFile(file);
  const decoded = decode(bytes);
  if ("code" in decoded) return { ...decoded, file: sourcePath };
  const text = decoded.text.replace(/\r\n?/g, "\n");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { path: sourcePath, sha256, text, lineCount: text.split("\n").length, format };
}

/** Decodes UTF-8 (with or without BOM) and UTF-16 with a BOM; rejects binary data. */
export function decode(bytes: Buffer): { text: string } | Problem {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString("utf16le") };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: Buffer.from(bytes.subarray(2)).swap16().toString("utf16le") };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString("latin1").split("\n").length;
    return {
      ...problem(
        "source-binary",
        "",
        "contains a NUL byte, so it is not text; remove it from the raw folder or exclude it",
      ),
      line,
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
  } catch {
    const line = firstInvalidUtf8Line(bytes);
    return {
      ...problem(
        "source-encoding",
        "",
        "is not valid UTF-8; convert it to UTF-8 (for example with iconv)",
      ),
      line,
    };
  }
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

function problem(code: string, file: string, message: string): Problem {
  return { code, file, message, severity: "error" };
}

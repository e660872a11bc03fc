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

  const links: string[] = [];
  const files = await listFiles(rawDir, links);
  for (const link of links) {
    result.skipped++;
    const message = "Symbolic link not followed; copy the file into the raw folder to compile it.";
    result.problems.push(problem("source-link", toSourcePath(rawDir, link), message, "warning"));
  }
  for (const file of files) {
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

/**
 * Lists regular files below `dir` in code-point order. Hidden files are skipped; symbolic links
 * are not followed, so a link cannot pull in files from outside the raw folder.
 */
async function listFiles(dir: string, links: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => compareCodePoints(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) links.push(full);
    else if (entry.isDirectory()) files.push(...(await listFiles(full, links)));
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
      `File is ${size} bytes, over the ${limit} limit for one source; split it, or exclude it with \`exclude\` in schema/wiki.yaml.`,
    );
  }
  const bytes = await readFile(file);
  const decoded = decode(bytes);
  if ("code" in decoded) return { ...decoded, file: sourcePath };
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (!text.trim()) {
    return problem(
      "source-empty",
      sourcePath,
      "File is empty or only white space, so it has nothing to compile.",
      "warning",
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { path: sourcePath, sha256, bytes, text, lineCount: countLines(text), format };
}

/** Lines as editors and `wc -l` count them: a final newline ends the last line. */
export function countLines(text: string): number {
  const breaks = text.split("\n").length - 1;
  return text.endsWith("\n") ? breaks : breaks + 1;
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
        "File contains a NUL byte, so it is binary or UTF-16 without a byte order mark; save it as UTF-8, or exclude it.",
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
        "File is not valid UTF-8; convert it, for example with `iconv -f latin1 -t utf-8`.",
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

function problem(
  code: string,
  file: string,
  message: string,
  severity: Problem["severity"] = "error",
): Problem {
  return { code, file, message, severity };
}

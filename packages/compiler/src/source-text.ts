/**
 * Decoding of source files: the text of a file's bytes, or the problem that keeps it from being
 * a source (binary data, invalid UTF-8, only white space).
 */
import { createHash } from "node:crypto";
import type { Problem, Source, SourceFile, SourcePath } from "./types.js";

/**
 * Returns the source made of a file's bytes, or the problem with them. `sha256` is the hash of
 * the bytes on disk, before decoding.
 */
export function sourceOf(
  bytes: Buffer,
  sourcePath: SourcePath,
  format: Source["format"],
): Source | Problem {
  const decoded = decode(bytes);
  if ("code" in decoded) return { ...decoded, file: sourcePath };
  const text = normalizeLineEnds(decoded.text);
  if (!text.trim()) {
    return problem(
      "source-empty",
      sourcePath,
      "file is empty or only white space, so it has nothing to compile.",
      "warning",
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { path: sourcePath, sha256, bytes, text, lineCount: countLines(text), format };
}

/** Returns the part of a source that the stages after parse keep: its bytes, not its text. */
export function fileOf(source: Source): SourceFile {
  const { path, sha256, lineCount, format } = source;
  return { path, sha256, lineCount, format, bytes: source.bytes ?? Buffer.from(source.text) };
}

/** Decodes a source's bytes again, to its text as parse read it. */
export function textOf(file: SourceFile): string {
  const decoded = decode(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length));
  return "text" in decoded ? normalizeLineEnds(decoded.text) : "";
}

/**
 * Replaces the unpaired surrogates that a UTF-16 file can hold with U+FFFD, as writing the text
 * as UTF-8 would. A page quoting one would otherwise never match the file written for it.
 */
function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, "\uFFFD");
}

function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Lines as editors and `wc -l` count them: a final newline ends the last line. */
export function countLines(text: string): number {
  const breaks = text.split("\n").length - 1;
  return text.endsWith("\n") ? breaks : breaks + 1;
}

/** Decodes UTF-8 (with or without BOM) and UTF-16 with a BOM; rejects binary data. */
export function decode(bytes: Buffer): { text: string } | Problem {
  // NOTE: a UTF-16 file of odd length loses its last byte here, without a warning.
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: wellFormed(bytes.subarray(2).toString("utf16le")) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: wellFormed(Buffer.from(bytes.subarray(2)).swap16().toString("utf16le")) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString("latin1").split("\n").length;
    return {
      ...problem(
        "source-binary",
        "",
        "file contains a NUL byte, so it is binary or UTF-16 without a byte order mark; save it as UTF-8, or exclude it.",
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

export function problem(
  code: string,
  file: string,
  message: string,
  severity: Problem["severity"] = "error",
): Problem {
  return { code, file, message, severity };
}

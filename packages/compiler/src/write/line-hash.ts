/**
 * The hash that a `sources` entry of a page records: the SHA-256 of the exact bytes of the cited
 * lines as on disk, range after range, line terminators included. Over lines [1, last] it is the
 * hash of the whole file, so a source page records the file's hash.
 */
import { createHash } from "node:crypto";
import type { LineRange, SourceFile } from "../types.js";

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

const startsByBytes = new WeakMap<Uint8Array, Uint32Array>();

/**
 * Hashes the bytes of `ranges` (1-based, inclusive) of a source, in the order given. Throws a
 * RangeError when a range is empty or outside the file.
 */
export function hashLines(source: SourceFile, ranges: LineRange[]): string {
  const { bytes } = source;
  const starts = cachedLineStarts(bytes);
  const lineCount = starts.length - 1;
  const hash = createHash("sha256");
  for (const [start, end] of ranges) {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 1 && start <= end)) {
      throw new RangeError(`Invalid line range [${start}, ${end}] of ${source.path}.`);
    }
    if (end > lineCount) {
      throw new RangeError(
        `Line range [${start}, ${end}] is outside ${source.path}, which has ${lineCount} lines.`,
      );
    }
    hash.update(bytes.subarray(starts[start - 1], starts[end]));
  }
  return hash.digest("hex");
}

/**
 * Returns the byte offset where each line starts, then the file's length. A line ends after LF,
 * CRLF or a lone CR, as scan reads them, so the lines match `Source.lineCount`. A UTF-16 file
 * (with a byte order mark) is read in 2-byte code units. UTF-8 needs no decoding here, because
 * the bytes of LF and CR never occur inside a multi-byte character.
 */
export function lineStarts(bytes: Uint8Array): Uint32Array {
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  const width = littleEndian || bigEndian ? 2 : 1;
  const unitAt = (offset: number): number | undefined => {
    if (offset + width > bytes.length) return undefined;
    if (width === 1) return bytes[offset];
    return bigEndian
      ? bytes[offset + 1]! | (bytes[offset]! << 8)
      : bytes[offset]! | (bytes[offset + 1]! << 8);
  };
  const starts = [0];
  for (let offset = 0; offset + width <= bytes.length; offset += width) {
    const unit = unitAt(offset);
    const ends =
      unit === lineFeed || (unit === carriageReturn && unitAt(offset + width) !== lineFeed);
    if (ends && offset + width < bytes.length) starts.push(offset + width);
  }
  starts.push(bytes.length);
  // Kept for every source until the pages are linked: 4 bytes a line, no spare room.
  return Uint32Array.from(starts);
}

function cachedLineStarts(bytes: Uint8Array): Uint32Array {
  let starts = startsByBytes.get(bytes);
  if (!starts) {
    starts = lineStarts(bytes);
    startsByBytes.set(bytes, starts);
  }
  return starts;
}

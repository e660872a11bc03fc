/**
 * Writes a file by writing a temporary file beside it and renaming it into place, so a reader
 * never sees half a file. The temporary name is unique per call: two calls in one process that
 * write the same file (two identical sources give one cache key) never share a temporary file.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, text);
  } catch (error) {
    // The folder is made only when it is missing, which spares a system call on most writes.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, text);
  }
  await rename(temporary, file);
}

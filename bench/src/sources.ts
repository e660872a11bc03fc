/** The sources of a benchmark workspace: listing them, their size, and a one-source edit. */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const sourceExtensions = new Set([".md", ".markdown", ".mdx", ".txt"]);

/** Lists the files a build reads (hidden files and folders excepted), sorted. */
export async function listSources(rawDir: string): Promise<string[]> {
  const entries = await readdir(rawDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && sourceExtensions.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !path
          .relative(rawDir, file)
          .split(path.sep)
          .some((part) => part.startsWith(".")),
    )
    .sort();
}

/** Returns the number of characters of all sources, read as UTF-8. */
export async function countCharacters(files: string[]): Promise<number> {
  let characters = 0;
  for (const file of files) characters += (await readFile(file, "utf8")).length;
  return characters;
}

/** The sentence the one-source edit appends to a line of prose. */
export const editSentence = " This sentence was added to measure a one-source rebuild.";

/** Returns the indexes of the lines outside fenced code blocks and frontmatter. */
function proseLineIndexes(lines: string[]): number[] {
  const indexes: number[] = [];
  let fence: string | undefined;
  let frontmatter = lines[0] === "---";
  for (const [index, line] of lines.entries()) {
    if (frontmatter) {
      if (index > 0 && line === "---") frontmatter = false;
      continue;
    }
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker === fence) fence = undefined;
    else if (fence === undefined && /^[A-Za-z]/.test(line) && !/^(import|export)\s/.test(line)) {
      indexes.push(index);
    }
  }
  return indexes;
}

/** Appends `sentence` to the first line of prose in the second half of the text. */
export function editText(text: string, sentence = editSentence): string {
  const lines = text.split("\n");
  const prose = proseLineIndexes(lines);
  const target = prose.find((index) => index >= lines.length / 2) ?? prose.at(-1);
  if (target === undefined) return `${text.trimEnd()}\n\n${sentence.trim()}\n`;
  lines[target] = `${lines[target]}${sentence}`;
  return lines.join("\n");
}

/**
 * Edits the source of median size and returns its path and a function that restores it.
 */
export async function editOneSource(
  files: string[],
): Promise<{ file: string; restore: () => Promise<void> }> {
  const sizes = await Promise.all(
    files.map(async (file) => ({ file, size: (await stat(file)).size })),
  );
  sizes.sort((a, b) => a.size - b.size || (a.file < b.file ? -1 : 1));
  const chosen = sizes[Math.floor(sizes.length / 2)];
  if (!chosen) throw new Error("cannot edit a source: the workspace has none");
  const original = await readFile(chosen.file, "utf8");
  await writeFile(chosen.file, editText(original));
  return { file: chosen.file, restore: () => writeFile(chosen.file, original) };
}

/**
 * The paths that `wiki watch` ignores: hidden files and folders, the swap, backup and temporary
 * files that editors write beside the file being saved, and the output folder with its cache.
 * The same predicate filters the file watcher's events and the files of the schema folder.
 */
import path from "node:path";

/** A chokidar `ignored` function: true for a path whose events must not trigger a rebuild. */
export type IgnorePredicate = (file: string) => boolean;

export interface IgnoreOptions {
  /** Folders whose content is watched: the raw folder and the schema folder. */
  folders: string[];
  /** Parents of missing folders, watched only for those folders to appear. */
  parents: string[];
  /** Folders never watched: the output folder and its cache folder. */
  excluded: string[];
}

/**
 * Names of editor files: Vim swap files (`.x.swp`, `.x.swo`) and its write test `4913`, backups
 * (`x~`, `x.bak`, `x.orig`), Emacs auto-saves (`#x#`) and locks (`.#x`), Kate swap files,
 * JetBrains safe-write files (`x___jb_tmp___`) and the temporary files of atomic saves (`x.tmp`).
 */
const editorFilePatterns = [
  /^4913$/,
  /~$/,
  /\.sw[a-p]$/i,
  /^#.*#$/,
  /\.(tmp|temp|bak|orig|crswap)$/i,
  /\.kate-swp$/,
  /___jb_(tmp|old|bak)___$/,
];

export function isEditorFile(name: string): boolean {
  return editorFilePatterns.some((pattern) => pattern.test(name));
}

export function createIgnore(options: IgnoreOptions): IgnorePredicate {
  const folders = options.folders.map((folder) => path.resolve(folder));
  const parents = new Set(options.parents.map((folder) => path.resolve(folder)));
  const excluded = options.excluded.map((folder) => path.resolve(folder));

  return (file) => {
    const absolute = path.resolve(file);
    if (excluded.some((folder) => isWithin(absolute, folder))) return true;
    const folder = folders.find((candidate) => isWithin(absolute, candidate));
    if (folder === undefined) return !parents.has(absolute);
    const relative = path.relative(folder, absolute);
    if (relative === "") return false;
    const names = relative.split(path.sep);
    return names.some((name) => name.startsWith(".")) || isEditorFile(names[names.length - 1]!);
  };
}

/** True when `file` is `folder` or lies below it. */
export function isWithin(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

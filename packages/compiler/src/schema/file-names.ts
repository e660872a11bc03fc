/** File names of pages, made from their titles by the rule that `layout.fileNames` selects. */
import { createHash } from "node:crypto";
import { slugify } from "../paths.js";
import type { FileNameRule } from "./config.js";

/**
 * Returns the file name, without `.md`, for a page title. `kebab` joins the lowercase words of
 * any script with `-` (`Ärger im Büro` gives `ärger-im-büro`); `ascii` first drops accents and
 * every character outside A-Z and 0-9 (`arger-im-buro`). Both cut at a word end within 80
 * characters. A title with no ASCII letter or digit gives `page-` and a short hash under `ascii`.
 */
export function fileNameOf(title: string, rule: FileNameRule): string {
  if (rule === "kebab") return slugify(title);
  const ascii = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^A-Za-z0-9]+/g, " ");
  if (ascii.trim() !== "") return slugify(ascii);
  return `page-${createHash("sha256").update(title).digest("hex").slice(0, 8)}`;
}

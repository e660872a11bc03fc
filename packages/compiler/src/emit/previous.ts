/**
 * Reads what the previous build left in the output folder that this build needs: the members of
 * each community page (from its frontmatter), so communities keep their names across builds,
 * even in a fresh clone with no cache.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { Manifest } from "../output/manifest.js";
import type { PageSlug } from "../types.js";
import type { PreviousCommunities } from "./communities.js";

export async function readPreviousCommunities(
  outDir: string,
  manifest: Manifest,
  folder: string,
): Promise<PreviousCommunities> {
  const previous: PreviousCommunities = new Map();
  for (const file of Object.keys(manifest.files).sort()) {
    if (!file.startsWith(`${folder}/`) || !file.endsWith(".md")) continue;
    const members = await readMembers(path.join(outDir, ...file.split("/")));
    if (members.length) previous.set(file.slice(0, -3) as PageSlug, members);
  }
  return previous;
}

async function readMembers(file: string): Promise<PageSlug[]> {
  try {
    const text = await readFile(file, "utf8");
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const data: unknown = match ? parse(match[1]!) : undefined;
    const members = (data as { members?: unknown } | undefined)?.members;
    return Array.isArray(members)
      ? members.filter((member): member is PageSlug => typeof member === "string")
      : [];
  } catch {
    return [];
  }
}

/**
 * Reads what the previous build left in the output folder that this build needs: the members,
 * title and overview of each community page, from its frontmatter and body. So communities keep
 * their names and overviews across builds, even in a fresh clone with no cache.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { Manifest } from "../output/manifest.js";
import type { PageSlug } from "../types.js";
import type { PreviousCommunities, PreviousCommunity } from "./communities.js";

export async function readPreviousCommunities(
  outDir: string,
  manifest: Manifest,
  folder: string,
): Promise<PreviousCommunities> {
  const previous: PreviousCommunities = new Map();
  for (const file of Object.keys(manifest.files).sort()) {
    if (!file.startsWith(`${folder}/`) || !file.endsWith(".md")) continue;
    const community = await readCommunity(path.join(outDir, ...file.split("/")));
    if (community?.members.length) previous.set(file.slice(0, -3) as PageSlug, community);
  }
  return previous;
}

async function readCommunity(file: string): Promise<PreviousCommunity | undefined> {
  try {
    const text = await readFile(file, "utf8");
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const data = (match ? parse(match[1]!) : undefined) as Record<string, unknown> | undefined;
    const members = Array.isArray(data?.members)
      ? data.members.filter((member): member is PageSlug => typeof member === "string")
      : [];
    const title = typeof data?.title === "string" ? data.title : "";
    // The overview, when there is one, is the paragraph between the title and the members; the
    // frontmatter `summary` contains it unescaped.
    const blocks = text
      .slice(match?.[0].length ?? 0)
      .trim()
      .split("\n\n");
    const hasOverview = blocks[0]?.startsWith("# ") && !blocks[1]?.startsWith("## ");
    const overview = hasOverview && typeof data?.summary === "string" ? data.summary : "";
    return { members, title, overview, writer: overviewWriter(data?.generated_by) };
  } catch {
    return undefined;
  }
}

/** Returns the `generated_by` fields that an overview depends on, as `overviewWriterOf` does. */
function overviewWriter(generatedBy: unknown): string {
  const fields = (generatedBy ?? {}) as Record<string, unknown>;
  const prompts = typeof fields.prompts === "string" ? fields.prompts : "";
  const overview = /(?:^| )overview:(\S+)/.exec(prompts)?.[1] ?? "";
  return [fields.provider, fields.model, fields.digest ?? "", overview].map(String).join(" ");
}

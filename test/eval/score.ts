/**
 * Scores one generated wiki against the key of its corpus: entities, citations, contradictions
 * and links.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scoreCitations, type CitationScore } from "./citations.js";
import {
  reportedContradictions,
  scoreContradictions,
  type ContradictionScore,
} from "./contradictions.js";
import { scoreEntities, type EntityScore } from "./entities.js";
import { scoreLinks, type LinkScore } from "./graph.js";
import type { Key } from "./key.js";
import { readWiki } from "./wiki.js";

export interface WikiScore {
  corpus: string;
  /** Pages read, and pages whose frontmatter could not be read (`slug: reason`). */
  pages: { total: number; unreadable: string[] };
  entities: EntityScore;
  citations: CitationScore;
  contradictions: ContradictionScore;
  links: LinkScore;
}

/** The project root, where key `raw` paths start. */
export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export function rawDirOf(key: Key): string {
  return path.resolve(projectRoot, key.raw);
}

export async function scoreWiki(key: Key, wikiDir: string): Promise<WikiScore> {
  const wiki = await readWiki(wikiDir);
  return {
    corpus: key.corpus,
    pages: { total: wiki.pages.length, unreadable: wiki.problems },
    entities: scoreEntities(key, wiki.pages),
    citations: await scoreCitations(wiki.pages, rawDirOf(key)),
    contradictions: scoreContradictions(key, reportedContradictions(wiki.pages)),
    links: scoreLinks(wiki.pages),
  };
}

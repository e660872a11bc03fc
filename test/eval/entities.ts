/**
 * Entity scores against a key. A key entity is found when a page's title or alias matches one
 * of its spellings. An entity with several pages has duplicates. A page that matches two key
 * entities merges them, and a merge of a must-stay-apart pair is a wrong merge.
 */
import type { Key, KeyEntity } from "./key.js";
import { nameForms, normalizeName, type NameForms } from "./names.js";
import { thingTypes, type WikiPage } from "./wiki.js";

export interface EntityScore {
  /** Entity and concept pages of the wiki. */
  pages: number;
  /** Required key entities with a page, over required key entities. */
  recall: number;
  /**
   * Of the pages that match a key entity, the share that are right: they match one entity only
   * and are its only page. A lower bound of the wiki's precision, because the key is not a list
   * of every thing in the corpus.
   */
  precision: number | null;
  /** Pages that match a key entity, over entity and concept pages. */
  keyShare: number | null;
  found: string[];
  missing: string[];
  /** Key entities with more than one page, with the slugs of those pages. */
  duplicates: { entity: string; pages: string[] }[];
  /** Must-stay-apart pairs that share a page. */
  wrongMerges: { pair: [string, string]; page: string }[];
  /** Pages that match two key entities or more, with those entity ids. */
  merged: { page: string; entities: string[] }[];
}

function spellingsOf(entity: KeyEntity): { folded: string[]; cased: string[] } {
  return {
    folded: entity.names.map((name) => normalizeName(name)),
    cased: entity.exact.map((name) => normalizeName(name, true)),
  };
}

function matches(entity: KeyEntity, forms: NameForms, page: WikiPage): boolean {
  const spellings = spellingsOf(entity);
  const named =
    spellings.folded.some((name) => forms.folded.has(name)) ||
    spellings.cased.some((name) => forms.cased.has(name));
  if (!named || !entity.in.length) return named;
  return page.sources.some((source) => entity.in.includes(source.path));
}

/** Returns, for each entity and concept page, the ids of the key entities it matches. */
export function matchPages(key: Key, pages: WikiPage[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const page of pages) {
    if (!thingTypes.has(page.type)) continue;
    const forms = nameForms([page.title, ...page.aliases]);
    const ids = key.entities.filter((entity) => matches(entity, forms, page)).map((e) => e.id);
    result.set(page.slug, ids);
  }
  return result;
}

function pagesByEntity(matched: Map<string, string[]>): Map<string, string[]> {
  const byEntity = new Map<string, string[]>();
  for (const [page, ids] of matched) {
    for (const id of ids) byEntity.set(id, [...(byEntity.get(id) ?? []), page]);
  }
  return byEntity;
}

export function scoreEntities(key: Key, pages: WikiPage[]): EntityScore {
  const matched = matchPages(key, pages);
  const byEntity = pagesByEntity(matched);
  const required = key.entities.filter((entity) => entity.required);
  const found = required.filter((entity) => byEntity.has(entity.id)).map((entity) => entity.id);
  const duplicates = [...byEntity]
    .filter(([, slugs]) => slugs.length > 1)
    .map(([entity, slugs]) => ({ entity, pages: slugs }));
  const merged = [...matched]
    .filter(([, ids]) => ids.length > 1)
    .map(([page, entities]) => ({ page, entities }));
  const wrongMerges = key.apart.flatMap((pair) =>
    merged
      .filter((item) => item.entities.includes(pair[0]) && item.entities.includes(pair[1]))
      .map((item) => ({ pair, page: item.page })),
  );

  const matchedPages = [...matched.values()].filter((ids) => ids.length > 0).length;
  const extraPages = duplicates.reduce((sum, item) => sum + item.pages.length - 1, 0);
  const wrongPages = Math.min(matchedPages, merged.length + extraPages);
  return {
    pages: matched.size,
    recall: required.length ? found.length / required.length : 1,
    precision: matchedPages ? (matchedPages - wrongPages) / matchedPages : null,
    keyShare: matched.size ? matchedPages / matched.size : null,
    found,
    missing: required.filter((entity) => !byEntity.has(entity.id)).map((entity) => entity.id),
    duplicates,
    wrongMerges,
    merged,
  };
}

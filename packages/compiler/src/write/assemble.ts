/**
 * write, page assembly: code builds a page per source and a page per entity or concept from the
 * placed prose, the resolved things and the contradictions, and gives each page a unique slug.
 */
import { pageSlug, sourcePageSlug } from "../paths.js";
import { fileNameOf } from "../schema/file-names.js";
import type { Identity } from "../resolve/identity.js";
import { compare } from "../resolve/identity.js";
import type { WikiConfig } from "../schema/config.js";
import type { Contradiction, PageSlug, SourceFacts, Source, SourcePath } from "../types.js";
import type { Page } from "./page.js";
import type { ChunkProse } from "./prose.js";
import { sourcePage } from "./source-page.js";
import { thingPage } from "./thing-page.js";

export interface AssembleInput {
  parsed: SourceFacts[];
  prose: ChunkProse[];
  identity: Identity;
  contradictions: Contradiction[];
  /** Pairs of thing keys that a relation or a shared claim connects. */
  relations: [string, string][];
  failedLines: Map<SourcePath, [number, number][]>;
  config: WikiConfig;
}

export interface Assembled {
  /** The slug of every page, in the order `pages` yields them. */
  slugs: PageSlug[];
  /**
   * Makes the pages one at a time, in slug order, as they are asked for: link and emit take
   * each page in turn, so a large build holds one page body at a time.
   */
  pages: () => Generator<Page>;
  slugOfThing: Map<string, PageSlug>;
  slugOfSource: Map<SourcePath, PageSlug>;
}

export function assemblePages(input: AssembleInput): Assembled {
  const { identity, config } = input;
  const folders = config.layout.folders;
  const nameOf = (name: string) => fileNameOf(name, config.layout.fileNames);
  const taken = new Set<string>();
  const slugOfSource = new Map<SourcePath, PageSlug>();
  for (const parsed of input.parsed) {
    slugOfSource.set(
      parsed.source.path,
      unique(sourcePageSlug(folders.source, parsed.source.path, nameOf), taken),
    );
  }
  const slugOfThing = new Map<string, PageSlug>();
  const statements = groupBy(
    input.prose.flatMap((part) => part.statements),
    (statement) => statement.thingKey,
  );
  for (const thing of identity.things.values()) {
    if (!statements.has(thing.key) && !thing.descriptions.length) continue;
    const folder = thing.kind === "entity" ? folders.entity : folders.concept;
    slugOfThing.set(thing.key, unique(pageSlug(folder, thing.name, nameOf), taken));
  }

  const sources = new Map<SourcePath, Source>(
    input.parsed.map((parsed) => [parsed.source.path, parsed.source]),
  );
  const related = relatedThings(input.relations, slugOfThing, identity);
  const contradictionsOf = groupBy(input.contradictions, (record) => record.subjectKey);
  const makers: [PageSlug, () => Page][] = [];
  for (const [key, slug] of slugOfThing) {
    const thing = identity.things.get(key)!;
    makers.push([
      slug,
      () =>
        thingPage({
          thing,
          slug,
          statements: statements.get(key) ?? [],
          contradictions: contradictionsOf.get(key) ?? [],
          related: related.get(key) ?? [],
          sources,
        }),
    ]);
  }
  const proseOf = groupBy(input.prose, (part) => part.source);
  for (const parsed of input.parsed) {
    const path = parsed.source.path;
    const slug = slugOfSource.get(path)!;
    makers.push([
      slug,
      () =>
        sourcePage({
          parsed,
          slug,
          prose: proseOf.get(path) ?? [],
          mentions: mentionsOf(proseOf.get(path) ?? [], slugOfThing, identity),
          failedLines: input.failedLines.get(path) ?? [],
        }),
    ]);
  }
  makers.sort((a, b) => compare(a[0], b[0]));
  function* pages(): Generator<Page> {
    for (const [, make] of makers) yield make();
  }
  const slugs = makers.map(([slug]) => slug);
  return { slugs, pages, slugOfThing, slugOfSource };
}

/** Reserves a slug; a second page with the same slug (in any letter case) gets `-2`, `-3`. */
function unique(slug: PageSlug, taken: Set<string>): PageSlug {
  let candidate: string = slug;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${slug}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate as PageSlug;
}

function mentionsOf(prose: ChunkProse[], slugOfThing: Map<string, PageSlug>, identity: Identity) {
  const keys = new Set<string>(prose.flatMap((part) => part.thingKeys));
  return [...keys]
    .filter((key) => slugOfThing.has(key))
    .map((key) => ({ key, name: identity.things.get(key)!.name }))
    .sort((a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.key, b.key));
}

function relatedThings(
  relations: [string, string][],
  slugOfThing: Map<string, PageSlug>,
  identity: Identity,
) {
  const related = new Map<string, Set<string>>();
  for (const [a, b] of relations) {
    if (a === b || !slugOfThing.has(a) || !slugOfThing.has(b)) continue;
    related.set(a, (related.get(a) ?? new Set()).add(b));
    related.set(b, (related.get(b) ?? new Set()).add(a));
  }
  const result = new Map<string, { key: string; name: string }[]>();
  for (const [key, others] of related) {
    const items = [...others].map((other) => ({
      key: other,
      name: identity.things.get(other)!.name,
    }));
    result.set(
      key,
      items.sort(
        (a, b) => compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.key, b.key),
      ),
    );
  }
  return result;
}

export function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

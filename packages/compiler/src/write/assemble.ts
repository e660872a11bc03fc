/**
 * write, page assembly: code builds a page per source and a page per entity or concept from the
 * placed prose, the resolved things and the contradictions, and gives each page a unique slug.
 */
import { pageSlug, sourcePageSlug } from "../paths.js";
import { fileNameOf } from "../schema/file-names.js";
import type { Identity } from "../resolve/identity.js";
import { compare } from "../resolve/identity.js";
import type { WikiConfig } from "../schema/config.js";
import type { Contradiction, PageSlug, SourceFacts, SourceFile, SourcePath } from "../types.js";
import type { Page } from "./page.js";
import type { ChunkProse, Statement } from "./prose.js";
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
   * each page in turn, so a large build keeps one page body at a time.
   */
  pages: () => Generator<Page>;
  slugOfThing: Map<string, PageSlug>;
  slugOfSource: Map<SourcePath, PageSlug>;
}

type PageMaker = [PageSlug, () => Page];

export function assemblePages(input: AssembleInput): Assembled {
  const statements = groupBy(
    input.prose.flatMap((part) => part.statements),
    (statement) => statement.thingKey,
  );
  const { slugOfSource, slugOfThing } = assignSlugs(input, statements);
  const sorted = [
    ...thingMakers(input, statements, slugOfThing),
    ...sourceMakers(input, slugOfSource, slugOfThing),
  ].sort((a, b) => compare(a[0], b[0]));
  const slugs = sorted.map(([slug]) => slug);
  const makers: ((() => Page) | undefined)[] = sorted.map(([, make]) => make);
  function* pages(): Generator<Page> {
    // A maker is dropped once used, and it takes its page's statements out of the shared maps,
    // so what only that page reads is freed while link goes through the rest.
    for (let index = 0; index < makers.length; index++) {
      const make = makers[index]!;
      makers[index] = undefined;
      yield make();
    }
  }
  return { slugs, pages, slugOfThing, slugOfSource };
}

/** Gives each source and each thing with something to say its page's unique slug. */
function assignSlugs(input: AssembleInput, statements: Map<string, Statement[]>) {
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
  for (const thing of identity.things.values()) {
    if (!statements.has(thing.key) && !thing.descriptions.length) continue;
    const folder = thing.kind === "entity" ? folders.entity : folders.concept;
    slugOfThing.set(thing.key, unique(pageSlug(folder, thing.name, nameOf), taken));
  }
  return { slugOfSource, slugOfThing };
}

function thingMakers(
  input: AssembleInput,
  statements: Map<string, Statement[]>,
  slugOfThing: Map<string, PageSlug>,
): PageMaker[] {
  const { identity } = input;
  const sources = new Map<SourcePath, SourceFile>(
    input.parsed.map((parsed) => [parsed.source.path, parsed.source]),
  );
  const related = relatedThings(input.relations, slugOfThing, identity);
  const contradictionsOf = groupBy(input.contradictions, (record) => record.subjectKey);
  return [...slugOfThing].map(([key, slug]): PageMaker => {
    const thing = identity.things.get(key)!;
    const make = () =>
      thingPage({
        thing,
        slug,
        statements: take(statements, key) ?? [],
        contradictions: contradictionsOf.get(key) ?? [],
        related: related.get(key) ?? [],
        sources,
      });
    return [slug, make];
  });
}

function sourceMakers(
  input: AssembleInput,
  slugOfSource: Map<SourcePath, PageSlug>,
  slugOfThing: Map<string, PageSlug>,
): PageMaker[] {
  const { identity, failedLines } = input;
  const proseOf = groupBy(input.prose, (part) => part.source);
  return input.parsed.map((parsed): PageMaker => {
    const path = parsed.source.path;
    const slug = slugOfSource.get(path)!;
    const make = () => {
      const prose = take(proseOf, path) ?? [];
      const mentions = mentionsOf(prose, slugOfThing, identity);
      return sourcePage({
        parsed,
        slug,
        prose,
        mentions,
        failedLines: failedLines.get(path) ?? [],
      });
    };
    return [slug, make];
  });
}

/** Removes a key from a map and returns its value. */
function take<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  map.delete(key);
  return value;
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

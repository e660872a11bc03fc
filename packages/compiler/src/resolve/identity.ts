/**
 * resolve, part one: one thing per real thing across all sources. Spellings that differ only in
 * Unicode form, case, quotes or white space are one thing, and so are the aliases a source
 * gives. Case tells things apart only where the sources themselves give two spellings two
 * different expansions (`CR` and `Cr`). Longer and shorter names join where a chunk writes both
 * (`synonyms.ts`, `variants.ts`, `identifiers.ts`), where the longer one only adds a bracketed
 * qualifier (`variants.ts`), or where it only adds the workspace's topic word (`topics.ts`).
 * Nothing is merged on similarity alone.
 */
import type { EntityType } from "../schema/config.js";
import type { Analysis } from "../steps.js";
import type { Chunk, LineRange, SourcePath } from "../types.js";
import { cleanName, isLowerCase, nameKey, singularCandidates } from "./names.js";
import { identifierPhrasePairs } from "./identifiers.js";
import { acronymPairs, measureKey } from "./synonyms.js";
import { UnionFind } from "./union-find.js";
import { compareCodePoints as compare } from "../scan.js";
import { topicPairs } from "./topics.js";
import { kindNounPairs, ownerPairs, qualifierPairs } from "./variants.js";

export interface ChunkAnalysis {
  chunk: Chunk;
  analysis: Analysis;
  /**
   * Texts of the chunk's blocks in order, kept for resolve when the ingest drops the blocks
   * after the chunk's write call. When absent, resolve reads `chunk.blocks`.
   */
  blockTexts?: string[];
}

export interface Thing {
  key: string;
  name: string;
  /** Other spellings of the name found in the sources. */
  aliases: string[];
  type: string;
  kind: "entity" | "concept";
  /** Descriptions with where they were read, in source order. */
  descriptions: { text: string; source: SourcePath; lines: LineRange }[];
}

export interface Identity {
  things: Map<string, Thing>;
  /** Key of the thing a name resolves to, or undefined for a name no source introduced. */
  keyOf(name: string): string | undefined;
}

interface Spelling {
  clean: string;
  count: number;
  types: Map<string, number>;
  expansions: Set<string>;
}

export function resolveIdentity(analyses: ChunkAnalysis[], entityTypes: EntityType[]): Identity {
  const spellings = collectSpellings(analyses);
  const baseKeys = baseKeysOf(spellings);
  const union = new UnionFind();
  for (const key of new Set(baseKeys.values())) union.add(key);
  for (const { analysis } of analyses) {
    for (const entity of analysis.entities) {
      const own = baseKeys.get(cleanName(entity.name));
      for (const alias of entity.aliases) {
        const other = baseKeys.get(cleanName(alias));
        if (own && other) union.join(own, other);
      }
    }
  }
  for (const [short, long] of namePairs(analyses, spellings, baseKeys)) {
    const a = baseKeys.get(short);
    const b = baseKeys.get(long);
    if (a && b) union.join(a, b);
  }
  const things = buildThings(analyses, spellings, baseKeys, union, entityTypes);
  return {
    things,
    keyOf: (name) => {
      const base = baseKeys.get(cleanName(name));
      return base === undefined ? undefined : union.find(base);
    },
  };
}

/** Pairs `[short, long]` of clean spellings that name one thing, from every joining rule. */
function namePairs(
  analyses: ChunkAnalysis[],
  spellings: Map<string, Spelling>,
  baseKeys: Map<string, string>,
): [string, string][] {
  const known = new Set(spellings.keys());
  const counts = new Map([...spellings].map(([clean, spelling]) => [clean, spelling.count]));
  const topics = topicPairs(analyses, counts);
  // A longer name that the topic rule joins with the name it qualifies never also joins its
  // modifier as a kind: `solar panel` joins `panel`, not `solar`.
  const folded = new Set(topics.map(([, long]) => baseKeys.get(long)));
  return [
    ...topics,
    ...acronymPairs(analyses, known),
    ...kindNounPairs(analyses).filter(([, long]) => !folded.has(baseKeys.get(long))),
    ...ownerPairs(analyses),
    ...qualifierPairs(known),
    ...identifierPhrasePairs(analyses, known),
  ];
}

function collectSpellings(analyses: ChunkAnalysis[]): Map<string, Spelling> {
  const spellings = new Map<string, Spelling>();
  const add = (name: string, type?: string, expansions: string[] = []) => {
    const clean = cleanName(name);
    if (!clean) return;
    const spelling = spellings.get(clean) ?? {
      clean,
      count: 0,
      types: new Map(),
      expansions: new Set(),
    };
    spelling.count++;
    if (type) spelling.types.set(type, (spelling.types.get(type) ?? 0) + 1);
    for (const expansion of expansions) spelling.expansions.add(nameKey(expansion));
    spellings.set(clean, spelling);
  };
  for (const { analysis } of analyses) {
    for (const entity of analysis.entities) {
      add(entity.name, entity.type, entity.aliases);
      for (const alias of entity.aliases) add(alias);
    }
    for (const claim of analysis.claims) add(claim.subject);
  }
  return spellings;
}

/**
 * Maps each spelling to its base key: case-folded, plural folded for common nouns, and kept
 * case-sensitive where two spellings of one folded key carry different expansions.
 */
function baseKeysOf(spellings: Map<string, Spelling>): Map<string, string> {
  const groups = new Map<string, Spelling[]>();
  for (const spelling of spellings.values()) {
    const folded = nameKey(spelling.clean);
    groups.set(folded, [...(groups.get(folded) ?? []), spelling]);
  }
  const keys = new Map<string, string>();
  for (const [folded, group] of groups) {
    const singular = pluralOf(group, groups) ?? folded;
    const base = measureKey(singular) ?? singular;
    const keepCase = spellsDifferentThings(group);
    for (const spelling of group) {
      keys.set(spelling.clean, keepCase ? `${base}#${spelling.clean}` : base);
    }
  }
  return keys;
}

/**
 * The folded key of the singular when a group is the plural of a common noun whose singular the
 * sources also use (`API keys` and `API key`, `GPUs` and `GPU`). A proper name keeps its final s
 * (`Windows`, `Kubernetes`): its last word starts with a capital and is not an acronym.
 */
function pluralOf(group: Spelling[], groups: Map<string, Spelling[]>): string | undefined {
  for (const spelling of group) {
    const lastWord = spelling.clean.split(" ").pop() ?? "";
    const common = isLowerCase(lastWord) || /^[A-Z]{2,}s$/.test(lastWord);
    if (!common) continue;
    const singular = singularCandidates(spelling.clean).find((candidate) => groups.has(candidate));
    if (singular) return singular;
  }
  return undefined;
}

/** True when two spellings of one folded name come with expansions that share nothing. */
function spellsDifferentThings(group: Spelling[]): boolean {
  const expanded = group.filter((spelling) => spelling.expansions.size > 0);
  for (const a of expanded) {
    for (const b of expanded) {
      if (a === b || a.clean === b.clean) continue;
      if (![...a.expansions].some((expansion) => b.expansions.has(expansion))) return true;
    }
  }
  return false;
}

function buildThings(
  analyses: ChunkAnalysis[],
  spellings: Map<string, Spelling>,
  baseKeys: Map<string, string>,
  union: UnionFind,
  entityTypes: EntityType[],
): Map<string, Thing> {
  const members = new Map<string, Spelling[]>();
  for (const spelling of [...spellings.values()].sort((a, b) => compare(a.clean, b.clean))) {
    const key = union.find(baseKeys.get(spelling.clean)!);
    members.set(key, [...(members.get(key) ?? []), spelling]);
  }
  const things = new Map<string, Thing>();
  for (const key of [...members.keys()].sort(compare)) {
    const group = members.get(key)!;
    const name = preferredName(group);
    const type = majorityType(group, entityTypes);
    const kind = entityTypes.find((candidate) => candidate.name === type)?.kind ?? "concept";
    const aliases = group.map((spelling) => spelling.clean).filter((clean) => clean !== name);
    things.set(key, { key, name, aliases, type, kind, descriptions: [] });
  }
  for (const { chunk, analysis } of analyses) {
    for (const entity of analysis.entities) {
      const key = union.find(baseKeys.get(cleanName(entity.name)) ?? "");
      const thing = things.get(key);
      if (!thing || !entity.description.trim()) continue;
      const shift = chunk.lines[0] - 1;
      const lines: LineRange = [entity.lines[0] + shift, entity.lines[1] + shift];
      thing.descriptions.push({ text: entity.description.trim(), source: chunk.source, lines });
    }
  }
  return things;
}

function preferredName(group: Spelling[]): string {
  const ranked = [...group].sort(
    (a, b) => b.count - a.count || upperFirst(a, b) || compare(a.clean, b.clean),
  );
  return ranked[0]!.clean;
}

/** Prefers a spelling with capitals (a proper name or acronym) over its lower-case form. */
function upperFirst(a: Spelling, b: Spelling): number {
  return Number(isLowerCase(a.clean)) - Number(isLowerCase(b.clean));
}

function majorityType(group: Spelling[], entityTypes: EntityType[]): string {
  const votes = new Map<string, number>();
  for (const spelling of group) {
    for (const [type, count] of spelling.types) votes.set(type, (votes.get(type) ?? 0) + count);
  }
  const order = entityTypes.map((type) => type.name);
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || rank(order, a[0]) - rank(order, b[0]));
  return ranked[0]?.[0] ?? "concept";
}

function rank(order: string[], type: string): number {
  const index = order.indexOf(type);
  return index === -1 ? order.length : index;
}

/** Orders strings by code point, the order of every sorted list the build writes. */
export { compare };

/**
 * Answer keys: what a good wiki of one corpus must contain, written by reading the corpus.
 * The YAML format is documented in docs/quality.md.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

/** A thing that deserves a page, with every spelling that must land on that page. */
export interface KeyEntity {
  id: string;
  /** Spellings compared without case and punctuation. */
  names: string[];
  /** Spellings compared with their case, for names that differ from another only in case. */
  exact: string[];
  /** When set, only a page that cites one of these sources can be this entity's page. */
  in: string[];
  /** `false` for things a page may exist for but need not (they count for precision only). */
  required: boolean;
}

/** One side of a (non-)contradiction: the lines of a source and the value they state. */
export interface KeySide {
  source: string;
  lines: [number, number];
  /** Sides with the same value agree; an entry needs two different values to count. */
  value: string;
}

export interface KeyConflict {
  id: string;
  subject: string;
  attribute: string;
  sides: KeySide[];
}

export interface Key {
  corpus: string;
  /** Folder of the corpus, relative to the project root. */
  raw: string;
  entities: KeyEntity[];
  /** Pairs of entity ids that must not share a page. */
  apart: [string, string][];
  /** Whether `contradictions` lists every contradiction, so that any other one is false. */
  contradictionsComplete: boolean;
  contradictions: KeyConflict[];
  nonContradictions: KeyConflict[];
}

type Fields = Record<string, unknown>;

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function record(value: unknown, where: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(where, `expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Fields;
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || !item.trim())) {
    fail(where, `expected a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  return value as string[];
}

function text(value: unknown, where: string): string {
  if (typeof value === "string" && value.trim()) return value;
  if (typeof value === "number") return String(value);
  return fail(where, `expected a non-empty string, got ${JSON.stringify(value)}`);
}

function entityOf(value: unknown, where: string): KeyEntity {
  const fields = record(value, where);
  const id = text(fields["id"], `${where}.id`);
  const names = strings(fields["names"], `${where}.names`);
  const exact = strings(fields["exact"], `${where}.exact`);
  if (!names.length && !exact.length) fail(where, `entity "${id}" needs \`names\` or \`exact\``);
  const required = fields["required"] ?? true;
  if (typeof required !== "boolean") fail(`${where}.required`, "expected true or false");
  return { id, names, exact, in: strings(fields["in"], `${where}.in`), required };
}

function sideOf(value: unknown, where: string): KeySide {
  const fields = record(value, where);
  const lines = fields["lines"];
  const valid =
    Array.isArray(lines) &&
    lines.length === 2 &&
    lines.every((line) => Number.isInteger(line) && line > 0) &&
    lines[0] <= lines[1];
  if (!valid) fail(`${where}.lines`, `expected [start, end] with 1 <= start <= end`);
  return {
    source: text(fields["source"], `${where}.source`),
    lines: [lines[0], lines[1]],
    value: text(fields["value"], `${where}.value`),
  };
}

function conflictsOf(value: unknown, where: string): KeyConflict[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(where, "expected a list");
  return value.map((item, index) => {
    const at = `${where}[${index}]`;
    const fields = record(item, at);
    const sides = fields["sides"];
    if (!Array.isArray(sides) || sides.length < 2)
      fail(`${at}.sides`, "expected two sides or more");
    return {
      id: text(fields["id"], `${at}.id`),
      subject: text(fields["subject"], `${at}.subject`),
      attribute: text(fields["attribute"], `${at}.attribute`),
      sides: sides.map((side, number) => sideOf(side, `${at}.sides[${number}]`)),
    };
  });
}

function apartOf(value: unknown, ids: Set<string>, where: string): [string, string][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(where, "expected a list of [id, id] pairs");
  return value.map((pair, index) => {
    const [first, second] = strings(pair, `${where}[${index}]`);
    if (!first || !second || (pair as string[]).length !== 2) {
      fail(`${where}[${index}]`, "expected a pair of entity ids");
    }
    for (const id of [first, second]) {
      if (!ids.has(id)) fail(`${where}[${index}]`, `unknown entity id "${id}"; add it to entities`);
    }
    return [first, second];
  });
}

/** Parses and checks a key; `file` is named in every error. */
export function parseKey(source: string, file: string): Key {
  const fields = record(parse(source), file);
  const rawEntities = fields["entities"];
  if (!Array.isArray(rawEntities)) fail(`${file}: entities`, "expected a list");
  const entities = rawEntities.map((item, index) => entityOf(item, `${file}: entities[${index}]`));
  const ids = new Set<string>();
  for (const entity of entities) {
    if (ids.has(entity.id)) fail(`${file}: entities`, `duplicate id "${entity.id}"`);
    ids.add(entity.id);
  }
  return {
    corpus: text(fields["corpus"], `${file}: corpus`),
    raw: text(fields["raw"], `${file}: raw`),
    entities,
    apart: apartOf(fields["apart"], ids, `${file}: apart`),
    contradictionsComplete: fields["contradictions_complete"] === true,
    contradictions: conflictsOf(fields["contradictions"], `${file}: contradictions`),
    nonContradictions: conflictsOf(fields["non_contradictions"], `${file}: non_contradictions`),
  };
}

export async function loadKey(file: string): Promise<Key> {
  return parseKey(await readFile(file, "utf8"), path.basename(file));
}

/**
 * The entities of an offline analysis and the index that claims and relations use to name them:
 * the accepted candidates, plus things that claims measure ("the cache size"), added on demand.
 */
import { exactTexts, measuredKey, noTexts, type Entity, type LineRange } from "@wiki/compiler";
import { bestForm, type Candidate, type CandidatePool } from "./candidates.js";
import { pickType, type TypeChoice } from "./entity-types.js";
import { mentionFinder, nameKey } from "./names.js";

/** Most entities one chunk yields; the strongest are kept. */
const maxEntities = 30;

export class EntityIndex {
  readonly entities: Entity[] = [];
  private readonly byKey = new Map<string, Entity>();
  private readonly finders = new Map<Entity, (text: string) => number>();

  constructor(private readonly types: TypeChoice[]) {}

  /** Entities marked as things by more than a plain noun phrase: names, terms, headings. */
  private readonly strong = new Set<Entity>();

  static fromPool(pool: CandidatePool, types: TypeChoice[]): EntityIndex {
    const index = new EntityIndex(types);
    const joined = mergeJoined(pool.accepted(maxEntities), pool);
    const accepted = mergeMeasures(joined, [...pool.byKey.values()]);
    for (const candidate of accepted) index.addCandidate(candidate);
    return index;
  }

  /** Names of the entities marked as things by more than a plain noun phrase. */
  strongNames(): string[] {
    return [...this.strong].map((entity) => entity.name);
  }

  private addCandidate(candidate: Candidate): void {
    const name = bestForm(candidate);
    const aliases = exactTexts(
      [...candidate.forms.keys()].filter(
        (form) => form !== name && form.toLowerCase() !== name.toLowerCase(),
      ),
    );
    const entity = this.insert({
      name,
      type: pickType(candidate.hints, this.types, candidate.isName, {
        name,
        description: candidate.description,
      }),
      aliases,
      description: candidate.description,
      lines: candidate.lines,
    });
    if (candidate.weight >= 3 || candidate.isName) this.strong.add(entity);
    for (const form of candidate.forms.keys()) this.byKey.set(nameKey(form), entity);
  }

  private insert(entity: Entity): Entity {
    this.entities.push(entity);
    this.byKey.set(nameKey(entity.name), entity);
    this.finders.set(entity, mentionFinder([entity.name, ...entity.aliases]));
    return entity;
  }

  /** Name of the entity a name refers to, when the chunk has one. */
  find(name: string): string | undefined {
    return this.byKey.get(nameKey(name))?.name;
  }

  /** Name of the entity for a name, adding a concept entity when the chunk has none. */
  ensure(name: string, lines: LineRange, isName: boolean): string {
    const found = this.find(name);
    if (found) return found;
    const type = pickType([], this.types, isName, { name, description: "" });
    return this.insert({ name, type, aliases: noTexts, description: "", lines }).name;
  }

  /**
   * Names of the entities a text mentions, in order of first mention. Inside a code span only
   * the whole span counts, so "`tool run`" mentions `tool run` but not "Tool".
   */
  mentions(text: string): string[] {
    const spans = [...text.matchAll(/`([^`]+)`/g)];
    const prose = text.replace(/`[^`]*`/g, (span) => " ".repeat(span.length));
    const found: [number, string][] = [];
    for (const [entity, finder] of this.finders) {
      const names = new Set([entity.name, ...entity.aliases]);
      const inCode = spans.find((span) => names.has(span[1]!.trim()))?.index ?? -1;
      const inProse = finder(prose);
      const offsets = [inCode, inProse].filter((offset) => offset >= 0);
      if (offsets.length) found.push([Math.min(...offsets), entity.name]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  }
}

/**
 * Joins candidates that name measures of one thing ("buffer window size", "buffer length")
 * into the first accepted of them, whose other spellings become aliases.
 */
function mergeMeasures(accepted: Candidate[], all: Candidate[]): Candidate[] {
  const owners = new Map<string, Candidate>();
  for (const candidate of accepted) {
    const key = measuredKey(bestForm(candidate));
    if (key !== undefined && !owners.has(key)) owners.set(key, candidate);
  }
  const merged = new Set<Candidate>();
  for (const candidate of all) {
    const key = measuredKey(bestForm(candidate));
    const owner = key === undefined ? undefined : owners.get(key);
    if (!owner || owner === candidate) continue;
    for (const form of candidate.forms.keys()) if (!owner.forms.has(form)) owner.forms.set(form, 0);
    merged.add(candidate);
  }
  return accepted.filter((candidate) => !merged.has(candidate));
}

function mergeForms(owner: Candidate, other: Candidate): void {
  for (const [form, score] of other.forms)
    owner.forms.set(form, (owner.forms.get(form) ?? 0) + score);
  owner.weight = Math.max(owner.weight, other.weight);
  owner.isName ||= other.isName;
  if (!owner.description) owner.description = other.description;
}

/**
 * Joins each pair of names the text gives one thing: an abbreviation and its long form, or a
 * name and its second name. The accepted one of the two keeps the other. A name joined twice
 * ("X, called Y (Z)") goes to the candidate its first join went to.
 */
function mergeJoined(accepted: Candidate[], pool: CandidatePool): Candidate[] {
  const kept = new Set(accepted);
  const mergedInto = new Map<Candidate, Candidate>();
  const current = (candidate: Candidate | undefined): Candidate | undefined => {
    let found = candidate;
    while (found && mergedInto.has(found)) found = mergedInto.get(found);
    return found;
  };
  for (const [longKey, shortKey] of pool.joins) {
    const long = current(pool.byKey.get(longKey));
    const short = current(pool.byKey.get(shortKey));
    if (!long || !short || long === short) continue;
    const [owner, other] = kept.has(long) || !kept.has(short) ? [long, short] : [short, long];
    if (!kept.has(owner)) continue;
    mergeForms(owner, other);
    kept.delete(other);
    mergedInto.set(other, owner);
  }
  return accepted.filter((candidate) => kept.has(candidate));
}

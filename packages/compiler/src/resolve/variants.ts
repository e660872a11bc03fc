/**
 * Longer and shorter names of one thing. One rule joins a name with the same name followed by a
 * noun for its kind (`web search` and `web search API`), where a chunk writes both. Another
 * joins a name with the same name after the name of its owner (`Acme CLI`, then `CLI`), where a
 * chunk writes both. Nouns such as `CLI`, `app` or `desktop` name separate products of one brand
 * (`Acme CLI` next to `Acme`), so only nouns that restate what the thing is are kind nouns. A
 * third rule joins a name with its form plus a bracketed qualifier (`Acme (beta)`). The rule in
 * `topics.ts` folds the workspace's topic word out of longer names.
 */
import { blockTextsOf } from "./block-texts.js";
import type { ChunkAnalysis } from "./identity.js";
import { singular } from "./keys.js";
import { cleanName } from "./names.js";

/** Nouns that restate what a thing is: `X API` is X offered as an API. */
const kindNouns = new Set(["api", "agent", "license", "software", "tool", "utility"]);

/** Longer forms of one name: their last words, folded, and the `[name, longer form]` pairs. */
interface LongerForms {
  heads: Set<string>;
  pairs: [string, string][];
}

/** Clean names of an analysis: entity names, their aliases and claim subjects. */
export function namesOf(analysis: ChunkAnalysis["analysis"]): Set<string> {
  const names = new Set<string>();
  for (const entity of analysis.entities) {
    names.add(cleanName(entity.name));
    for (const alias of entity.aliases) names.add(cleanName(alias));
  }
  for (const claim of analysis.claims) names.add(cleanName(claim.subject));
  names.delete("");
  return names;
}

/**
 * Pairs a name with its form plus a kind noun. Every chunk that writes the name beside exactly
 * one longer form of it must write the same longer form, and a chunk that writes two longer
 * forms is left out. So `Acme` beside `Acme Agent` joins it, unless another chunk writes `Acme`
 * beside `Acme Desktop`.
 */
export function kindNounPairs(analyses: ChunkAnalysis[]): [string, string][] {
  const votes = new Map<string, LongerForms>();
  for (const { analysis } of analyses) {
    for (const [base, forms] of longerFormsIn(namesOf(analysis))) {
      if (forms.heads.size !== 1) continue;
      const vote = votes.get(base) ?? { heads: new Set(), pairs: [] };
      forms.heads.forEach((head) => vote.heads.add(head));
      vote.pairs.push(...forms.pairs);
      votes.set(base, vote);
    }
  }
  return [...votes.values()]
    .filter((vote) => vote.heads.size === 1 && kindNouns.has([...vote.heads][0]!))
    .flatMap((vote) => vote.pairs);
}

/** Finds the names of one chunk that are another of its names plus one word, by that name. */
function longerFormsIn(names: Set<string>): Map<string, LongerForms> {
  const lowered = new Map([...names].map((name) => [name.toLowerCase(), name]));
  const longer = new Map<string, LongerForms>();
  for (const name of names) {
    const words = name.split(" ");
    const base = words.length > 1 ? lowered.get(words.slice(0, -1).join(" ").toLowerCase()) : "";
    if (!base) continue;
    const forms = longer.get(base.toLowerCase()) ?? { heads: new Set(), pairs: [] };
    forms.heads.add(singular(words[words.length - 1]!.toLowerCase()));
    forms.pairs.push([base, name]);
    longer.set(base.toLowerCase(), forms);
  }
  return longer;
}

/**
 * Pairs `Owner Name` with `Name` when `Name` starts with a capital (a name or an acronym) and
 * the sources write no other longer name that ends in it. Every chunk that writes both must
 * write the long form first and shorten it afterward: "The Acme CLI starts a run, and the same
 * CLI checks it". The owner must be a thing of its own, written with a capital.
 */
export function ownerPairs(analyses: ChunkAnalysis[]): [string, string][] {
  const all = new Set(analyses.flatMap(({ analysis }) => [...namesOf(analysis)]));
  const lowered = new Map([...all].map((name) => [name.toLowerCase(), name]));
  const pairs: [string, string][] = [];
  for (const [short, owners] of ownersOf(all, lowered)) {
    const owner = lowered.get([...owners][0]!);
    const long = lowered.get(`${[...owners][0]} ${short}`);
    if (owners.size !== 1 || !owner || !long || !/^\p{Lu}/u.test(owner)) continue;
    const shortName = lowered.get(short)!;
    if (shortenedAfterward(analyses, owner, shortName)) pairs.push([shortName, long]);
  }
  return pairs;
}

/** Collects, for each capitalized name, the folded words that the sources write before it. */
function ownersOf(all: Set<string>, lowered: Map<string, string>): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const name of all) {
    const words = name.split(" ");
    for (let split = 1; split < words.length; split++) {
      const short = words.slice(split).join(" ");
      if (!/^\p{Lu}/u.test(short) || !lowered.has(short.toLowerCase())) continue;
      const owner = words.slice(0, split).join(" ").toLowerCase();
      owners.set(short.toLowerCase(), (owners.get(short.toLowerCase()) ?? new Set()).add(owner));
    }
  }
  return owners;
}

/** True when a chunk writes `owner name` and then `name` alone, and no chunk writes it before. */
function shortenedAfterward(analyses: ChunkAnalysis[], owner: string, name: string): boolean {
  const full = wordPattern(`${owner} ${name}`);
  const alone = new RegExp(`(?<!${escape(owner)}\\s+)${wordPattern(name).source}`, "iu");
  let seen = false;
  for (const item of analyses) {
    const text = blockTextsOf(item).join("\n");
    const fullAt = text.search(full);
    const aloneAt = text.search(alone);
    if (fullAt < 0 || aloneAt < 0) continue;
    if (aloneAt < fullAt) return false;
    seen = true;
  }
  return seen;
}

/** Matches a phrase as whole words in any case, with any white space between its words. */
function wordPattern(phrase: string): RegExp {
  const words = phrase.split(" ").map(escape).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, "iu");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Pairs `Name (qualifier)` with `Name` when the sources use both and no other qualifier of the
 * name: a heading "Acme (beta)" is about Acme, but `Acme (cloud)` next to `Acme (desktop)`
 * names two things, and neither joins `Acme`.
 */
export function qualifierPairs(known: Set<string>): [string, string][] {
  const lowered = new Map([...known].map((name) => [name.toLowerCase(), name]));
  const qualified = new Map<string, Map<string, string>>();
  for (const name of known) {
    const match = /^(.+?)\s+\(([^()]+)\)$/.exec(name);
    const bare = match?.[1]!.toLowerCase();
    if (!match || !bare || !lowered.has(bare)) continue;
    const forms = qualified.get(bare) ?? new Map<string, string>();
    forms.set(match[2]!.toLowerCase(), name);
    qualified.set(bare, forms);
  }
  return [...qualified]
    .filter(([, forms]) => forms.size === 1)
    .map(([bare, forms]): [string, string] => [lowered.get(bare)!, [...forms.values()][0]!]);
}

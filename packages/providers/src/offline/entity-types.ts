/**
 * Entity types from the shape of a name and the nouns written next to it, matched against the
 * configured types by their names and descriptions: a name written `UPPER_CASE` hints
 * "environment variable", which the description of a `setting` type mentions.
 */
import { singular } from "@wiki/compiler";

export interface TypeChoice {
  name: string;
  description: string;
  /** `concept` types are ideas and practices; `entity` types are named things. */
  kind?: "entity" | "concept";
}

/** Words for what a thing is, as sources write them after a name: "the `x` parameter". */
const typeNouns = [
  "environment variable",
  "variable",
  "parameter",
  "option",
  "flag",
  "setting",
  "endpoint",
  "api",
  "protocol",
  "format",
  "file",
  "command",
  "library",
  "package",
  "module",
  "plugin",
  "extension",
  "service",
  "server",
  "app",
  "application",
  "tool",
  "program",
  "model",
  "platform",
  "company",
  "organization",
  "foundation",
  "team",
  "project",
];
const typeNounPattern = new RegExp(`^\\s*(${typeNouns.join("|")})s?\\b`, "i");
const fileName =
  /^[\w-]+\.(?:json|ya?ml|toml|ini|md|mdx|txt|xml|csv|env|cfg|conf|lock|service|exe|dll|so|dylib|sh|ps1|bat|py|js|ts|zip|tar|gz|tgz|dmg|pkg|msi|deb|rpm)$/i;
const organizationWords =
  /\b(?:inc|corp|corporation|foundation|research|labs?|institute|university|company|llc|ltd|gmbh|group|team|organization)\.?$/i;

/** Returns the type noun written right after a name: "parameter" in "the `x` parameter is". */
export function typeNounAfter(textAfterName: string): string | undefined {
  return typeNounPattern.exec(textAfterName)?.[1]?.toLowerCase();
}

/** Type hints from the shape of a name, most specific first. */
export function shapeHints(name: string, code: boolean): string[] {
  const text = name.trim();
  if (/^--?[a-z][\w-]*$/i.test(text)) return ["flag", "option", "parameter", "setting"];
  if (/^\/[\w{}:.-]+(?:\/[\w{}:.-]+)*$/.test(text)) return ["endpoint", "api", "interface"];
  if (/^@[\w-]+$/.test(text)) return ["person"];
  if (fileName.test(text)) {
    return ["file", "format", "interface"];
  }
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text) || (code && /^[A-Z][A-Z0-9]{2,}$/.test(text))) {
    return ["environment variable", "variable", "setting"];
  }
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+[A-Z]\w*$|^\w+(?:\.\w+)+$/.test(text)) {
    return ["parameter", "option", "setting"];
  }
  if (code && /\s/.test(text)) return ["command", "program", "tool"];
  if (code) return ["command", "program", "tool"];
  if (organizationWords.test(text)) return ["organization", "company"];
  return [];
}

function mentions(type: TypeChoice, hint: string): boolean {
  if (type.name.toLowerCase() === hint) return true;
  const pattern = new RegExp(`\\b${hint.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}s?\\b`, "i");
  return pattern.test(type.description) || pattern.test(type.name);
}

/** The name and describing sentence of a thing, matched with the words of the types. */
export interface TypeEvidence {
  name: string;
  description: string;
}

/**
 * Picks the configured type that names or describes the first hint it can. Otherwise it picks
 * the type of the thing's kind that shares most words with it ("Dutch oven" and "an oven, pot
 * or blade"). Failing both, a name gets the first `entity` type, and a common noun phrase the
 * first `concept` type, or the type that describes ideas or practices.
 */
export function pickType(
  hints: string[],
  types: TypeChoice[],
  isName: boolean,
  evidence: TypeEvidence = { name: "", description: "" },
): string {
  for (const hint of hints) {
    const match = types.find((type) => mentions(type, hint));
    if (match) return match.name;
  }
  const kind = isName ? "entity" : "concept";
  const byWords = typeByWords(
    evidence,
    types.filter((type) => (type.kind ?? "entity") === kind),
  );
  if (byWords) return byWords;
  const ofKind = types.find((type) => type.kind === kind);
  if (ofKind) return ofKind.name;
  if (!isName) {
    const idea = ["concept", "idea", "practice", "technique"];
    const match = idea.map((hint) => types.find((type) => mentions(type, hint))).find(Boolean);
    if (match) return match.name;
  }
  return types[0]?.name ?? kind;
}

/** Words of a type's description that tell nothing about what belongs to it. */
const generalWords = new Set(
  "such other named that which with from into their them this these those some many kind type thing also used what where when".split(
    " ",
  ),
);

function wordsOf(text: string): Set<string> {
  const words = (text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).map(singular);
  return new Set(words.filter((word) => !generalWords.has(word)));
}

/**
 * Returns the type whose name and description share the most words with the thing: the last
 * word of its name (the head noun, "bakery" in "Mill Street bakery") counts three times, its
 * other words twice, a word of its description once. Undefined when no type shares one.
 */
function typeByWords(evidence: TypeEvidence, types: TypeChoice[]): string | undefined {
  const nameWords = [...wordsOf(evidence.name)];
  const head = nameWords[nameWords.length - 1];
  const contextWords = wordsOf(evidence.description);
  let best: string | undefined;
  let bestScore = 0;
  for (const type of types) {
    let score = 0;
    for (const word of wordsOf(`${type.name} ${type.description}`)) {
      const inName = word === head ? 3 : nameWords.includes(word) ? 2 : 0;
      score += inName + (contextWords.has(word) ? 1 : 0);
    }
    if (score > bestScore) [best, bestScore] = [type.name, score];
  }
  return best;
}

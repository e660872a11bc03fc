/**
 * Entity types from the shape of a name and the nouns written next to it, matched against the
 * configured types by their names and descriptions: a name written `UPPER_CASE` hints
 * "environment variable", which the description of a `setting` type mentions.
 */

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

/**
 * Picks the configured type that names or describes the first hint it can. Otherwise a name
 * gets the first `entity` type, and a common noun phrase the first `concept` type, or the type
 * that describes ideas or practices.
 */
export function pickType(hints: string[], types: TypeChoice[], isName: boolean): string {
  for (const hint of hints) {
    const match = types.find((type) => mentions(type, hint));
    if (match) return match.name;
  }
  const kind = isName ? "entity" : "concept";
  const ofKind = types.find((type) => type.kind === kind);
  if (ofKind) return ofKind.name;
  if (!isName) {
    const idea = ["concept", "idea", "practice", "technique"];
    const match = idea.map((hint) => types.find((type) => mentions(type, hint))).find(Boolean);
    if (match) return match.name;
  }
  return types[0]?.name ?? kind;
}

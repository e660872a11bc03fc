/**
 * Words that make poor wiki pages on their own: general nouns of any text ("example", "way"),
 * section labels ("overview", "next steps") and vague adjectives that lead a noun phrase
 * ("other", "same"). The lists are general English, not taken from any corpus.
 */

const genericNouns = `
  example examples default defaults way ways thing things lot lots kind kinds type types part
  parts case cases time times step steps note notes information info detail details use uses
  usage need needs number numbers amount amounts value values result results option options
  set sets list lists item items place places reason reasons question questions answer answers
  problem problems point points fact facts idea ideas end start beginning order
  section sections page pages article articles guide guides document documents doc docs
  overview introduction summary conclusion background reference references resource resources
  help tip tips faq faqs contents appendix setup installation prerequisite prerequisites
  requirement requirements limitation limitations troubleshooting support feature features
  change changes update updates instance instances method methods something
  anything everything nothing someone anyone everyone people person
  level levels side sides hand form forms area areas group groups term terms word words line
  lines text name names
  following above below left right top bottom first second third last next today day days
  year years month months week weeks minute minutes hour hours second seconds while
  yes no ok okay please thanks link links button buttons click menu tab tabs screen window
  maximum minimum property properties others work win break bit situation stuff folks
`;

const labelPhrases = [
  "next steps",
  "getting started",
  "further reading",
  "learn more",
  "see also",
  "table of contents",
  "quick start",
  "more information",
  "other resources",
  "related resources",
  "frequently asked questions",
];

const vagueAdjectives = `
  other same such many much more most few several various certain different additional new
  own specific particular whole entire main general common simple easy good great best better
  bad little big large small high low full same similar own several each every any some all
  certain possible available following previous next last first current latest optional
  multiple single only real actual important useful necessary sufficient insufficient enough
  larger smaller faster slower higher lower longer shorter greater fewer less least
`;

export const pronouns = new Set(
  `i me my mine we us our ours you your yours he him his she her hers it its they them their
  theirs this that these those who whom whose which what there here someone something`.split(/\s+/),
);

const genericNounSet = new Set(genericNouns.split(/\s+/).filter(Boolean));
const vagueAdjectiveSet = new Set(vagueAdjectives.split(/\s+/).filter(Boolean));
const labelSet = new Set(labelPhrases);

export function isGenericNoun(word: string): boolean {
  return genericNounSet.has(word.toLowerCase());
}

const documentNouns =
  /^(?:docs?|documentation|guides?|pages?|sections?|articles?|tutorials?|references?|website|site)$/i;

/** Returns whether a noun names a document about a thing: "parser docs" is about "parser". */
export function isDocumentNoun(word: string): boolean {
  return documentNouns.test(word);
}

export function isVagueAdjective(word: string): boolean {
  return vagueAdjectiveSet.has(word.toLowerCase());
}

/** Returns whether a phrase is a section label or made only of generic words and pronouns. */
export function isNoisePhrase(phrase: string): boolean {
  const lower = phrase.toLowerCase().trim();
  if (labelSet.has(lower)) return true;
  const words = lower.split(/[\s-]+/).filter(Boolean);
  return words.every(
    (word) => genericNounSet.has(word) || pronouns.has(word) || vagueAdjectiveSet.has(word),
  );
}

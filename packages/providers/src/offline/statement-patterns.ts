/**
 * The patterns of value statements, each turning a clause into a draft: the measured thing or
 * the clause subject, the attribute and the raw value. `statements.ts` cuts the value from its
 * conditions and decides the subject.
 */
import type { Token } from "./nlp.js";
import { clauseSubject, type Phrase } from "./phrases.js";
import { cutValue, isValueLike } from "./value-span.js";
import { copulas } from "./verb-values.js";

export interface Draft {
  /** The measured thing the clause names ("cache size"), if any. */
  measured: string | undefined;
  /** The clause's own subject; undefined means the subject comes from context. */
  subject: Phrase | undefined;
  attribute: string;
  /** The value with the conditions still around it. */
  value: string;
  /** The value belongs to the subject of the clause before ("..., but disabled in the app"). */
  continuesPrevious?: boolean;
}

const explicitDefault =
  /^(?:the\s+)?(?:[\p{L}-]+\s+)?default(?:\s+value)?\s+(?:is|was|are|will be|would be|(?:will|would|may|can)\s+[\p{L}-]+)\s+(?:set\s+to\s+|to\s+)?(.+)$/iu;

const namedDefault =
  /^(?:the\s+)?default\s+((?:[\p{L}`_-]+\s+){0,3}[\p{L}`_-]+)\s+(?:is|was|are|will be)\s+(?:set\s+to\s+)?(.+)$/iu;

const inlineAttributes: Record<string, string> = { def: "default", max: "maximum", min: "minimum" };
const inlineSetting =
  /(?:^|[,;(]\s*)(defaults?|max(?:imum)?|min(?:imum)?)\s*(is\s+|:\s*|=\s*|\s)\s*(?!to\s)([^,;()]+)/gi;

const defaultsTo = /^(.*?)\b(?:defaults?|defaulting)\s+to\s+(.+)$/i;

const measuredOf =
  /\b(?:has|have|uses|use|sets|set|gets|takes|with)\s+(?:a|an|the)\s+(default\s+)?((?:[\p{L}`_-]+\s+){0,3}[\p{L}`_-]+)\s+of\s+(.+)$/iu;

const followingList = /^(?:the\s+)?following\s+(.+?)(?:\s+(?:based on|depending on)\s+(.+))?$/i;

export function draftsOf(
  body: string,
  tokens: Token[],
  hasByDefault: boolean,
  afterAnother: boolean,
) {
  const inline = inlineDrafts(body);
  if (inline.length) return inline;
  const single =
    namedDefaultDraft(body) ??
    explicitDefaultDraft(body) ??
    defaultsToDraft(body, tokens) ??
    measuredDraft(body, tokens, hasByDefault) ??
    (hasByDefault ? (copulaDraft(body, tokens) ?? verbDraft(body, tokens)) : undefined) ??
    (hasByDefault && afterAnother ? ellipticalDraft(body, tokens) : undefined);
  return single ? [single] : [];
}

/** "(default: `10m`)", "..., default 1", "(default 3, max 20)". */
function inlineDrafts(body: string): Draft[] {
  const drafts: Draft[] = [];
  for (const match of body.matchAll(inlineSetting)) {
    const word = match[1]!.toLowerCase();
    const marked = match[2]!.trim() !== "";
    const attribute = inlineAttributes[word.slice(0, 3)] ?? "default";
    const value = match[3]!.trim();
    const words = value.split(/\s+/).length;
    // "default: lru" names a value; "default settings apply" does not.
    if (words > 4 || (!isValueLike(value) && !(marked && words <= 2))) continue;
    drafts.push({ measured: undefined, subject: undefined, attribute, value });
  }
  return drafts;
}

/** "The default cache size is 64 MB." */
function namedDefaultDraft(body: string): Draft | undefined {
  const match = namedDefault.exec(body);
  if (!match || /^(?:value|will|is|was)$/i.test(match[1]!)) return undefined;
  return { measured: match[1]!, subject: undefined, attribute: "default", value: match[2]! };
}

/** "The default is 64." "The default will auto-select either 8 or 2 based on disk." */
function explicitDefaultDraft(body: string): Draft | undefined {
  const match = explicitDefault.exec(body);
  if (!match) return undefined;
  const value = match[1]!.replace(/^(?:still|currently|now|always)\s+/i, "");
  return { measured: undefined, subject: undefined, attribute: "default", value };
}

/** "X defaults to Y." "X defaults to the following sizes based on memory:" */
function defaultsToDraft(body: string, tokens: Token[]): Draft | undefined {
  const match = defaultsTo.exec(body);
  if (!match) return undefined;
  const head = match[1]!.trim();
  const subject = head
    ? (phraseBefore(body, tokens, head.length) ?? clauseSubject(body, tokens).phrase)
    : undefined;
  const following = followingList.exec(match[2]!.trim());
  if (following) {
    const value = following[2] ? `based on ${following[2]}` : "";
    return { measured: following[1]!, subject, attribute: "default", value };
  }
  return { measured: undefined, subject, attribute: "default", value: match[2]! };
}

/** "X has a default cache size of 64 MB." "X uses a cache size of 64 MB by default." */
function measuredDraft(body: string, tokens: Token[], hasByDefault: boolean): Draft | undefined {
  const match = measuredOf.exec(body);
  if (!match || (!match[1] && !hasByDefault)) return undefined;
  const subject = clauseSubject(body, tokens).phrase;
  return { measured: match[2]!, subject, attribute: "default", value: match[3]! };
}

/**
 * "X is enabled by default." "X is set to its largest size by default." A participle followed
 * by a number goes into the attribute: "items are kept in memory for 10 minutes by default"
 * gives attribute "default kept in memory" and value "10 minutes".
 */
function copulaDraft(body: string, tokens: Token[]): Draft | undefined {
  const subject = clauseSubject(body, tokens).phrase;
  if (!subject) return undefined;
  let i = tokens.findIndex((token) => token.start >= subject.end);
  while (tokens[i]?.pos === "ADV") i++;
  if (!copulas.has(tokens[i]?.text.toLowerCase() ?? "")) return undefined;
  const rest = tokens.slice(i + 1);
  const setTo = /^(?:set|configured)\s+(?:to|at)\s+/i.exec(body.slice(tokens[i]!.end).trim());
  const valueText = body.slice(tokens[i]!.end).trim();

  if (setTo) {
    const value = valueText.slice(setTo[0].length);
    if (value.split(/\s+/).length > 6) return undefined;
    return { measured: undefined, subject, attribute: "default", value };
  }
  const number = rest.findIndex((token) => token.pos === "NUM");
  if (rest[0]?.pos === "VERB" && number > 0) {
    const head = rest.slice(0, number);
    while (head.length && head[head.length - 1]!.pos === "ADP") head.pop();
    const attribute = `default ${body.slice(head[0]!.start, head[head.length - 1]!.end)}`;
    return { measured: undefined, subject, attribute, value: body.slice(rest[number]!.start) };
  }
  return predicateDraft(subject, valueText);
}

/** Drafts a copula's value when it looks like a value or is a short predicate ("enabled"). */
function predicateDraft(subject: Phrase, valueText: string): Draft | undefined {
  const predicate = cutValue(valueText).value;
  const words = predicate.split(/\s+/).filter(Boolean);
  const short =
    words.length > 0 && words.length <= 2 && !/\b(?:at|to|of|by|from)$/i.test(predicate);
  if (!isValueLike(predicate) && !short) return undefined;
  return { measured: undefined, subject, attribute: "default", value: valueText };
}

/**
 * "X binds 127.0.0.1 by default." "X allows requests from `a` and `b` by default." The verb
 * and the object before the value go into the attribute, so different verbs never meet.
 */
function verbDraft(body: string, tokens: Token[]): Draft | undefined {
  const subject = clauseSubject(body, tokens).phrase;
  if (!subject) return undefined;
  const verbIndex = tokens.findIndex((token) => token.start >= subject.end && token.pos === "VERB");
  const verb = tokens[verbIndex];
  if (!verb) return undefined;
  const object = tokens.slice(verbIndex + 1);
  for (let i = 1; i < object.length; i++) {
    if (object[i]!.pos !== "ADP") continue;
    const tail = body.slice(object[i + 1]?.start ?? body.length);
    if (!isValueLike(cutValue(tail).value)) continue;
    const head = body.slice(object[0]!.start, object[i - 1]!.end);
    return {
      measured: undefined,
      subject,
      attribute: `default ${verb.lemma} ${head}`,
      value: tail,
    };
  }
  const objectText = object.length ? body.slice(object[0]!.start) : "";
  if (!isValueLike(cutValue(objectText).value)) return undefined;
  return { measured: undefined, subject, attribute: `default ${verb.lemma}`, value: objectText };
}

/** "..., but disabled in the app": a value for the subject of the clause before. */
function ellipticalDraft(body: string, tokens: Token[]): Draft | undefined {
  const first = tokens[0];
  if (!first || (first.pos !== "ADJ" && first.pos !== "VERB")) return undefined;
  const draft = predicateDraft({ text: "", start: 0, end: 0, tokens: [] }, body);
  return draft ? { ...draft, subject: undefined, continuesPrevious: true } : undefined;
}

const phraseTags = new Set(["DET", "ADJ", "NOUN", "PROPN", "CODE", "NUM", "ADP", "PUNCT"]);

/**
 * Returns the noun phrase that fills the text before `end`, without a leading article and
 * trailing adverbs or auxiliaries ("Hosts with two disks currently" gives "Hosts with two disks").
 */
function phraseBefore(body: string, tokens: Token[], end: number): Phrase | undefined {
  const before = tokens.filter((token) => token.end <= end);
  while (before.length && /^(?:ADV|AUX|PART)$/.test(before[before.length - 1]!.pos)) before.pop();
  while (before.length && before[0]!.pos === "DET") before.shift();
  const last = before[before.length - 1];
  if (!last || !/^(?:NOUN|PROPN|CODE)$/.test(last.pos)) return undefined;
  if (!before.every((token) => phraseTags.has(token.pos) && !/^[,;:]$/.test(token.text))) {
    return undefined;
  }
  const start = before[0]!.start;
  return { text: body.slice(start, last.end), start, end: last.end, tokens: before };
}

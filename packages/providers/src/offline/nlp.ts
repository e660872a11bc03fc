/**
 * Part-of-speech tags from wink-nlp and its English model, loaded once on first use. The
 * tokenizer splits names such as `MAX_SIZE` or `/api/items` into pieces, so inline code spans are
 * replaced by placeholder words before tagging and each comes back as one token.
 */
import winkNLP, { type ItsFunction, type ItsHelpers, type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

export interface Token {
  /** The word as written; a code span keeps its backticks. */
  text: string;
  /** Universal part-of-speech tag; `CODE` for a code span. */
  pos: string;
  /** Lowercase lemma ("tokens" gives "token"); a code span gives its text. */
  lemma: string;
  /** Whether the model lists the word as a stop word. */
  stop: boolean;
  /** Offsets of the word in the sentence: `sentence.slice(start, end)`. */
  start: number;
  end: number;
}

let loaded: { nlp: WinkMethods; its: ItsHelpers } | undefined;

function load(): { nlp: WinkMethods; its: ItsHelpers } {
  if (!loaded) {
    const nlp = winkNLP(model, ["sbd", "pos"]);
    loaded = { nlp, its: nlp.its };
  }
  return loaded;
}

/** Placeholder of the n-th code span: a capitalized word the tagger reads as a proper noun. */
function placeholder(index: number): string {
  let letters = "";
  let rest = index;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return `Qzcode${letters}`;
}

/**
 * Tags the words of a sentence. The tagger reads most capitalized first words as proper nouns
 * ("Use the ..."), so a capitalized first word is tagged again in lowercase and takes that tag
 * when it is a verb or a function word. A noun keeps the proper-noun tag: it may be a name.
 */
export function tagSentence(sentence: string): Token[] {
  const tokens = tagWords(sentence);
  const first = tokens[0];
  if (!first) return tokens;
  if (first.pos === "PROPN" && /^\p{Lu}\p{Ll}/u.test(first.text)) {
    const lowered = tagWords(sentence.charAt(0).toLowerCase() + sentence.slice(1))[0];
    if (lowered && !/^(?:PROPN|NOUN)$/.test(lowered.pos)) {
      tokens[0] = { ...first, pos: lowered.pos, lemma: lowered.lemma };
    }
  }
  // A gerund followed by a verb is the subject: "Caching is enabled".
  const next = tokens[1]?.pos;
  if (
    tokens[0]!.pos === "VERB" &&
    /ing$/i.test(first.text) &&
    (next === "AUX" || next === "VERB")
  ) {
    tokens[0] = { ...tokens[0]!, pos: "NOUN" };
  }
  return tokens;
}

/**
 * Returns whether a heading or sentence starts with a verb in the imperative ("Design accessible
 * interfaces", "Close the loop"): the first word, put after "you", is tagged as a verb.
 */
export function startsWithImperative(text: string): boolean {
  const lowered = `you ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return tagWords(lowered)[1]?.pos === "VERB";
}

function tagWords(sentence: string): Token[] {
  const { nlp, its } = load();
  const spans = new Map<string, string>();
  const masked = sentence.replace(/`[^`\n]+`/g, (span) => {
    const word = placeholder(spans.size);
    spans.set(word, span);
    return ` ${word} `;
  });

  const tokens = nlp.readDoc(masked).tokens();
  const values = tokens.out(its.value);
  const tags = tokens.out(its.pos);
  // The typings of `its.lemma` miss the model's addons argument; at run time it is a token
  // function like the others.
  const lemmas = tokens.out(its.lemma as ItsFunction<string>);
  const stops = tokens.out(its.stopWordFlag);
  let cursor = 0;
  return values.map((value, i) => {
    const span = spans.get(value);
    const text = span ?? value;
    const found = sentence.indexOf(text, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = found >= 0 ? found + text.length : cursor;
    if (span) return { text: span, pos: "CODE", lemma: span, stop: false, start, end: cursor };
    return {
      text: value,
      pos: tags[i] ?? "X",
      lemma: (lemmas[i] ?? value).toLowerCase(),
      stop: stops[i] === true,
      start,
      end: Math.max(cursor, start),
    };
  });
}

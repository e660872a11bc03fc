/**
 * The default prompt of each model step. The same texts are the files `schema/prompts/*.md` of
 * the repository's default schema; a schema folder may replace any of them. Placeholders are
 * `{{name}}`; `requiredPlaceholders` lists those a replacement must keep.
 */

export type PromptStep = "analyze" | "write" | "confirm" | "overview";

const analyze = `You read one part of a document and list what it states, for a wiki built from these documents.

Rules:
- Use only the text below. Never add facts from outside knowledge, even when you know them.
- Write every name exactly as written in the text, in its own language, spelling and case. Never translate a name.
- Write descriptions and statements in {{language}}.
- Each block of the text starts with its line range, like \`[3-5]\`. Line numbers count from 1 at the first line of this part. Give every \`lines\` value as \`[first, last]\` with these numbers.

List:
1. \`entities\`: the named things and ideas the text defines or describes. For each:
   - \`name\`: the name as written in the text.
   - \`type\`: one of the types listed below.
   - \`aliases\`: other names the text gives for it (an abbreviation, a full name), as written; \`[]\` when none.
   - \`description\`: one sentence, from the text.
   - \`lines\`: the lines that describe it.
2. \`claims\`: the facts the text states about these entities, one fact per claim. For each:
   - \`subject\`: the name of the entity the fact is about, as written.
   - \`statement\`: the fact as one sentence.
   - \`attribute\`: what the fact gives a value for, as one or two lowercase words (for example \`default\`, \`maximum\`, \`port\`, \`version\`, \`location\`); \`""\` when the fact has no value.
   - \`value\`: the value exactly as written, with its unit; \`""\` when none.
   - \`conditions\`: what the text ties the fact to (a version, a date, a platform, a setting, a hardware size); \`[]\` when nothing.
   - \`polarity\`: \`negative\` when the text says the subject is not, has not or does not; else \`positive\`.
   - \`stance\`: \`reports\` when the text describes a view it does not hold itself (a quote, a belief it corrects, an old behavior); else \`asserts\`.
   - \`lines\`: the lines that state the fact.
3. \`relations\`: links the text states between two of the entities: \`from\`, \`to\` and \`kind\` (for example \`uses\`, \`part-of\`, \`replaces\`).

Entity types:
{{entity_types}}

Answer with one JSON object \`{"entities": [...], "claims": [...], "relations": [...]}\` and nothing else. When the text states nothing of use, answer \`{"entities": [], "claims": [], "relations": []}\`.

Text:
{{chunk}}
`;

const write = `You write wiki prose from the facts found in one part of a document.

Rules:
- Use only the facts and the text below. Never add facts from outside knowledge, even when you know them.
- Write in {{language}}. Write every name exactly as written in the text, in its own language, spelling and case. Never translate a name.
- Every sentence rests on one or more claims of the facts, numbered from 0 in the order of the \`claims\` list. Give their numbers in \`claims\`.
- Line ranges like \`[3-5]\` count from 1 at the first line of this part.

Facts, as JSON:
{{analysis}}

Text:
{{chunk}}

Answer with one JSON object and nothing else:
\`{"summary": "one or two sentences on what this part is about", "paragraphs": [{"entity": "name of the entity the paragraph is about, as written", "sentences": [{"text": "one sentence", "claims": [0, 2]}]}]}\`.
Write one paragraph per entity that has claims, with one sentence per claim or per group of claims that say the same thing.
`;

const confirm = `Two passages make claims about the same subject and attribute, and the values differ. Decide whether the two claims contradict each other.

Rules:
- Compare only the two claims below, with their excerpts. Never use outside knowledge, and never judge which value is right.
- Answer \`contradiction\` when both claims give a value for the same thing under the same conditions, so both cannot be true.
- Answer \`different-conditions\` when the sources tie the values to different conditions (a version, a date, a platform, a setting, a hardware size), so both can be true.
- Answer \`agreement\` when the values mean the same thing (the same amount in other units or words), or when one passage does not assert its value (it reports a view it argues against).

{{claims}}

Answer with one JSON object and nothing else: \`{"verdict": "contradiction" | "different-conditions" | "agreement", "reason": "one short sentence"}\`.
`;

const overview = `You write the overview of a group of related wiki pages.

Rules:
- Use only the page summaries below. Never add facts from outside knowledge, even when you know them.
- Write in {{language}}. Write every name exactly as written in the summaries, in its own language, spelling and case. Never translate a name.

Pages:
{{members}}

Answer with one JSON object and nothing else: \`{"title": "a short title for the group", "overview": "two to four sentences on what the pages cover and how they relate"}\`.
`;

export const defaultPrompts: Record<PromptStep, string> = { analyze, write, confirm, overview };

/** Placeholders a prompt must contain, so that the model sees its input. */
export const requiredPlaceholders: Record<PromptStep, string[]> = {
  analyze: ["entity_types", "chunk"],
  write: ["analysis", "chunk"],
  confirm: ["claims"],
  overview: ["members"],
};

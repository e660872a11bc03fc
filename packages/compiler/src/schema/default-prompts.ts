/**
 * The default prompt of each model step. The same texts are the files `schema/prompts/*.md` of
 * the repository's default schema; a schema folder may replace any of them. Placeholders are
 * `{{name}}`; `requiredPlaceholders` lists those a replacement must keep. In the write prompt,
 * `{{analysis}}` is the chunk's claims by subject and `{{chunk}}` the chunk's headings and the
 * lines those claims cite, not the whole chunk. Every step's answer is constrained by the JSON
 * schema sent with the call, so the prompts name each field but do not spell out the JSON.
 */

export type PromptStep = "analyze" | "write" | "confirm" | "overview";

const analyze = `You read one part of a document and list what it states, for a wiki built from these documents.

Rules:
- Use only the text below. Never add facts from outside knowledge, even when you know them.
- Write every name exactly as written in the text, in its own language, spelling and case. Never translate a name.
- Write descriptions and statements in {{language}}.
- Each block of the text starts with its line range, like \`[3-5]\`. Line numbers count from 1 at the first line of this part. Give every \`lines\` value as \`[first, last]\` with these numbers.
- Leave a list empty, \`[]\`, and a text empty, \`""\`, when the text states nothing for it.

List:
1. \`entities\`: the named things and ideas the text defines or describes, each with its \`name\`, its \`type\` (one of the types below), its \`aliases\` (other names the text gives it, such as an abbreviation or a full name), a one-sentence \`description\` from the text, and the \`lines\` that describe it.
2. \`claims\`: the facts the text states about these entities, one fact per claim, each with:
   - \`subject\`: the name of the entity the fact is about; \`statement\`: the fact as one sentence.
   - \`attribute\`: what the fact gives a value for, as one or two lowercase words (for example \`default\`, \`maximum\`, \`port\`, \`version\`, \`location\`); \`value\`: that value exactly as written, with its unit.
   - \`conditions\`: what the text ties the fact to (a version, a date, a platform, a setting, a hardware size).
   - \`polarity\`: \`negative\` when the text says the subject is not, has not or does not.
   - \`stance\`: \`reports\` when the text describes a view it does not hold itself (a quote, a belief it corrects, an old behavior).
   - \`lines\`: the lines that state the fact.
3. \`relations\`: links the text states between two of the entities: \`from\`, \`to\` and \`kind\` (for example \`uses\`, \`part-of\`, \`replaces\`).

Entity types:
{{entity_types}}

Text:
{{chunk}}
`;

const write = `You write wiki prose from the claims found in one part of a document.

Rules:
- Use only the claims and source lines below. Never add facts from outside knowledge, even when you know them.
- Write in {{language}}. Write every name exactly as written in the claims and source lines, in its own language, spelling and case. Never translate a name.
- \`summary\`: one or two sentences on what this part is about.
- \`paragraphs\`: one paragraph per subject below, with its name as \`entity\`. Write one sentence per claim, or per group of claims that say the same thing, and give the numbers of the claims it rests on in \`claims\`.
- Keep each claim's conditions in its sentence. A claim marked \`reported\` is a view the source does not hold: say so, never state it as a fact.

Claims, by subject:
{{analysis}}

Source lines the claims cite, with the headings of this part:
{{chunk}}
`;

const confirm = `Two passages make claims about the same subject and attribute, and the values differ. Decide whether the two claims contradict each other.

Rules:
- Compare only the two claims below, with their excerpts. Never use outside knowledge, and never judge which value is right.
- Set \`verdict\` to \`contradiction\` when both claims give a value for the same thing under the same conditions, so both cannot be true.
- Set \`verdict\` to \`different-conditions\` when the sources tie the values to different conditions (a version, a date, a platform, a setting, a hardware size), so both can be true.
- Set \`verdict\` to \`agreement\` when the values mean the same thing (the same amount in other units or words), or when one passage does not assert its value (it reports a view it argues against).
- Give the \`reason\` in one short sentence.

{{claims}}
`;

const overview = `You write the overview of a group of related wiki pages.

Rules:
- Use only the page summaries below. Never add facts from outside knowledge, even when you know them.
- Write in {{language}}. Write every name exactly as written in the summaries, in its own language, spelling and case. Never translate a name.
- \`title\`: a short title for the group; \`overview\`: two to four sentences on what the pages cover and how they relate.

Pages:
{{members}}
`;

export const defaultPrompts: Record<PromptStep, string> = { analyze, write, confirm, overview };

/** Placeholders a prompt must contain, so that the model sees its input. */
export const requiredPlaceholders: Record<PromptStep, string[]> = {
  analyze: ["entity_types", "chunk"],
  write: ["analysis", "chunk"],
  confirm: ["claims"],
  overview: ["members"],
};

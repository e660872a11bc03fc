/**
 * Renders the inputs of the analyze, confirm and overview steps into the texts that fill their
 * prompts' placeholders; `write-input.ts` renders those of the write step. The element shapes
 * (`<claim>`, `<member>`) are a wire format: model servers used in tests read them back, so they
 * change only together with those readers.
 */
import type {
  ClaimSide,
  CommunityBrief,
  ContradictionCandidate,
  StepContext,
} from "@wiki/compiler";

/** Escapes a text for a double-quoted XML attribute. */
export function escapeAttribute(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll('"', "&quot;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\n", " ");
}

/** Keeps a body from closing its element early; other markup stays readable as written. */
function escapeBody(text: string, element: string): string {
  return text.replaceAll(`</${element}>`, `&lt;/${element}>`);
}

/** Renders one line per type: `- name: description`. */
export function renderEntityTypes(types: StepContext["entityTypes"]): string {
  return types
    .map((type) => (type.description ? `- ${type.name}: ${type.description}` : `- ${type.name}`))
    .join("\n");
}

function words(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Checks whether the statement contains the whole excerpt, so the prompt can leave it out. */
function repeats(excerpt: string, statement: string): boolean {
  return words(statement).includes(words(excerpt));
}

function renderSide(side: ClaimSide, index: number): string {
  const attributes = [
    `side="${index}"`,
    `source="${escapeAttribute(side.source)}"`,
    `lines="${side.lines[0]}-${side.lines[1]}"`,
    `value="${escapeAttribute(side.value)}"`,
  ];
  if (side.conditions.length > 0) {
    attributes.push(`conditions="${escapeAttribute(side.conditions.join("; "))}"`);
  }
  const body = repeats(side.excerpt, side.statement)
    ? side.statement
    : `${side.statement}\nExcerpt:\n${side.excerpt}`;
  return `<claim ${attributes.join(" ")}>\n${escapeBody(body, "claim")}\n</claim>`;
}

/** Renders the subject, the attribute and both sides of a candidate contradiction. */
export function renderClaims(candidate: ContradictionCandidate): string {
  const header = `Subject: ${candidate.subject}\nAttribute: ${candidate.attribute}`;
  const sides = candidate.sides.map((side, index) => renderSide(side, index + 1));
  return [header, ...sides].join("\n\n");
}

/** Maximum length of a page summary in an overview prompt, in characters. */
const MAX_MEMBER_SUMMARY = 200;

/**
 * Returns the first sentence of a summary (40 characters at least, so that an abbreviation
 * does not end it), cut at a word before `MAX_MEMBER_SUMMARY` characters. An overview names what the pages cover, so more of each summary adds little.
 */
export function briefSummary(summary: string): string {
  const text = words(summary);
  const first = /^.{40,}?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (first.length <= MAX_MEMBER_SUMMARY) return first;
  const cut = first.slice(0, MAX_MEMBER_SUMMARY);
  const space = cut.lastIndexOf(" ");
  return `${space > 0 ? cut.slice(0, space) : cut}…`;
}

/** Renders one `<member title="…">summary</member>` per page, with the summary's first sentence. */
export function renderMembers(community: CommunityBrief): string {
  return community.members
    .map((member) => {
      const body = escapeBody(briefSummary(member.summary), "member");
      return `<member title="${escapeAttribute(member.title)}">${body}</member>`;
    })
    .join("\n");
}

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PromptError";
  }
}

/**
 * Fills `{{name}}` placeholders in one pass, so text inside a value (a document that shows
 * `{{chunk}}`) is never filled again. Unknown placeholders stay as written.
 */
export function fillTemplate(
  step: string,
  template: string,
  values: Record<string, string>,
  required: readonly string[],
): string {
  for (const name of required) {
    if (!new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(template)) {
      throw new PromptError(
        `the ${step} prompt has no {{${name}}} placeholder; add it, or delete the prompt file to use the default`,
      );
    }
  }
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? match) : match,
  );
}

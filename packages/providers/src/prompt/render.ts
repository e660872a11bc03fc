/**
 * Renders the inputs of each step into the texts that fill its prompt's placeholders. The
 * element shapes (`<analysis>`, `<claim>`, `<member>`) are a wire format: model servers used in
 * tests read them back, so they change only together with those readers.
 */
import type {
  Analysis,
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

/** Renders the analysis as one line of JSON between `<analysis>` and `</analysis>`. */
export function renderAnalysis(analysis: Analysis): string {
  const json = JSON.stringify(analysis).replaceAll("</analysis>", "<\\/analysis>");
  return `<analysis>\n${json}\n</analysis>`;
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
  const body = `${side.statement}\nExcerpt:\n${side.excerpt}`;
  return `<claim ${attributes.join(" ")}>\n${escapeBody(body, "claim")}\n</claim>`;
}

/** Renders the subject, the attribute and both sides of a candidate contradiction. */
export function renderClaims(candidate: ContradictionCandidate): string {
  const header = `Subject: ${candidate.subject}\nAttribute: ${candidate.attribute}`;
  const sides = candidate.sides.map((side, index) => renderSide(side, index + 1));
  return [header, ...sides].join("\n\n");
}

/** Renders one `<member title="…">summary</member>` per page of the community. */
export function renderMembers(community: CommunityBrief): string {
  return community.members
    .map((member) => {
      const body = escapeBody(member.summary, "member");
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

/** The write, confirm and overview rules, each a plain reading of the prompt text. */
interface ClaimRef {
  /** Index of the claim in the analysis, as numbered in the prompt. */
  index: number;
  subject: string;
  statement: string;
}

/** A claim line of the write input: `claim 3 (lines 4-5; …): statement`. */
const claimLinePattern = /^claim (\d+) \((.*?)\): (.*)$/;

/**
 * Reads the subjects and claims between `<analysis>` and `</analysis>`: each `## subject` line
 * starts a subject, and each claim line after it is a claim about that subject. Claims come in
 * the order of their numbers, and both lists are empty when the element is missing.
 */
function analysisOf(message: string): { entities: string[]; claims: ClaimRef[] } {
  const body = /<analysis>([\s\S]*?)<\/analysis>/.exec(message)?.[1] ?? "";
  const entities: string[] = [];
  const claims: ClaimRef[] = [];
  let subject = "";
  for (const line of body.split("\n")) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      subject = (heading[1] ?? "").trim();
      entities.push(subject);
      continue;
    }
    const claim = claimLinePattern.exec(line);
    if (claim) {
      const statement = (claim[3] ?? "").trim();
      claims.push({ index: Number(claim[1]), subject, statement });
    }
  }
  claims.sort((left, right) => left.index - right.index);
  return { entities, claims };
}

/**
 * Builds prose from the analysis in `message`: the summary joins the first two claim
 * statements, and each subject with claims gets one paragraph of its claim statements, in the
 * order of the `## subject` lines.
 */
export function writeAnswer(message: string): Record<string, unknown> {
  const { entities, claims } = analysisOf(message);
  const summary = claims
    .slice(0, 2)
    .map((claim) => claim.statement)
    .join(" ");
  const paragraphs = [...new Set(entities)].flatMap((entity) => {
    const sentences = claims.flatMap((claim) =>
      claim.subject === entity && claim.statement !== ""
        ? [{ text: claim.statement, claims: [claim.index] }]
        : [],
    );
    return entity !== "" && sentences.length > 0 ? [{ entity, sentences }] : [];
  });
  return { summary, paragraphs };
}

function unescapeXml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

function attributeValues(message: string, element: string, attribute: string): string[] {
  const pattern = new RegExp(`<${element}\\b[^>]*?\\b${attribute}="([^"]*)"`, "g");
  return [...message.matchAll(pattern)].map((match) => unescapeXml(match[1] ?? ""));
}

/** Returns `contradiction` when the numbers of the first two claim values differ. */
export function confirmAnswer(message: string): Record<string, unknown> {
  const [first, second] = attributeValues(message, "claim", "value");
  if (first === undefined || second === undefined) {
    return { verdict: "agreement", reason: "The request holds fewer than two claim values." };
  }
  const numbers = (value: string): string => (value.match(/\d+(?:\.\d+)?/g) ?? []).join(" ");
  if (numbers(first) !== numbers(second)) {
    return { verdict: "contradiction", reason: `The values "${first}" and "${second}" differ.` };
  }
  return { verdict: "agreement", reason: `The values "${first}" and "${second}" agree.` };
}

/** Names the first three member titles: "Pages about A, B and C." */
export function overviewAnswer(message: string): Record<string, unknown> {
  const titles = attributeValues(message, "member", "title").slice(0, 3);
  const last = titles.pop();
  if (last === undefined) return { title: "", overview: "Pages about one topic." };
  const listed = titles.length > 0 ? `${titles.join(", ")} and ${last}` : last;
  return { title: "", overview: `Pages about ${listed}.` };
}

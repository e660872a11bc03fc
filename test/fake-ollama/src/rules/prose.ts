/** The write, confirm and overview rules, each a plain reading of the prompt text. */
import { isRecord } from "../http.js";

interface ClaimRef {
  subject: string;
  statement: string;
}

/** Reads the claims of the JSON between `<analysis>` and `</analysis>`; none when invalid. */
function analysisOf(message: string): { entities: string[]; claims: ClaimRef[] } {
  const match = /<analysis>([\s\S]*?)<\/analysis>/.exec(message);
  let parsed: unknown;
  try {
    parsed = JSON.parse(match?.[1] ?? "");
  } catch {
    return { entities: [], claims: [] };
  }
  const record = isRecord(parsed) ? parsed : {};
  const entities = Array.isArray(record["entities"]) ? record["entities"] : [];
  const claims = Array.isArray(record["claims"]) ? record["claims"] : [];
  return {
    entities: entities.map((entity) => String(isRecord(entity) ? entity["name"] : "")),
    claims: claims.map((claim) => ({
      subject: String(isRecord(claim) ? claim["subject"] : ""),
      statement: String(isRecord(claim) ? claim["statement"] : ""),
    })),
  };
}

/**
 * Builds prose from the analysis in `message`: the summary joins the first two claim
 * statements, and each subject with claims gets one paragraph of its claim statements, in the
 * order of the entities first and of the claims after.
 */
export function writeAnswer(message: string): Record<string, unknown> {
  const { entities, claims } = analysisOf(message);
  const summary = claims
    .slice(0, 2)
    .map((claim) => claim.statement)
    .join(" ");
  const subjects = [...new Set([...entities, ...claims.map((claim) => claim.subject)])];
  const paragraphs = subjects.flatMap((entity) => {
    const sentences = claims.flatMap((claim, index) =>
      claim.subject === entity && claim.statement !== ""
        ? [{ text: claim.statement, claims: [index] }]
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

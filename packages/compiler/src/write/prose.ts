/**
 * write, step 2 of the ingest: for each analyzed chunk the model returns prose only, a short
 * summary and sentences about each entity, every sentence tied to claims of the analysis. Code
 * keeps a sentence only when it cites at least one claim, and cites that claim's lines. A
 * truncated or empty answer is retried on the claims split in two, down to single claims.
 */
import { createHash } from "node:crypto";
import { cachedStep, type BuildContext } from "../context.js";
import type { ChunkAnalysis } from "../resolve/identity.js";
import type { Identity } from "../resolve/identity.js";
import type { Analysis, Claim, Prose } from "../steps.js";
import { countOf } from "../summary.js";
import type { LineRange, SourcePath } from "../types.js";

export interface Citation {
  source: SourcePath;
  lines: LineRange;
}

/** A sentence for a thing's page with the source lines it rests on. */
export interface Statement {
  thingKey: string;
  text: string;
  citations: Citation[];
}

export interface ChunkProse {
  source: SourcePath;
  lines: LineRange;
  summary: string;
  statements: Statement[];
  /** Keys of the things the chunk's analysis names. */
  thingKeys: string[];
}

/** Maximum number of times the claims of a truncated write are halved, as chunks are for analyze. */
const maxSplitDepth = 4;

export async function writeProse(
  context: BuildContext,
  item: ChunkAnalysis,
  depth = 0,
): Promise<Prose | undefined> {
  const analysisHash = createHash("sha256").update(JSON.stringify(item.analysis)).digest("hex");
  const result = await cachedStep(context, "write", [item.chunk.key, analysisHash], () =>
    context.provider.write(item.chunk, item.analysis, context.step),
  );
  if (result.ok) return result.value;

  const halves = result.kind === "truncated" && depth < maxSplitDepth && halveClaims(item.analysis);
  if (halves) {
    context.stats.splits++;
    const written = await Promise.all(
      halves.map((analysis) => writeProse(context, { chunk: item.chunk, analysis }, depth + 1)),
    );
    return joinHalves(halves, written);
  }
  const claims = item.analysis.claims.length;
  context.problems.push({
    code: "write-failed",
    file: item.chunk.source,
    line: item.chunk.lines[0],
    message: `no prose for lines ${item.chunk.lines[0]}-${item.chunk.lines[1]} (${result.message}); the pages show ${countOf(claims, "claim")} of them as stated in the source`,
    severity: "warning",
  });
  return undefined;
}

/**
 * Splits an analysis in two halves of its claims; returns false for fewer than two claims. Each
 * half keeps the entities its claims are about, and the first also those without claims.
 */
function halveClaims(analysis: Analysis): [Analysis, Analysis] | false {
  if (analysis.claims.length < 2) return false;
  const middle = Math.ceil(analysis.claims.length / 2);
  const parts = [analysis.claims.slice(0, middle), analysis.claims.slice(middle)] as const;
  const subjects = new Set(analysis.claims.map((claim) => claim.subject));
  const half = (claims: Claim[], first: boolean): Analysis => ({
    entities: analysis.entities.filter(
      (entity) =>
        claims.some((claim) => claim.subject === entity.name) ||
        (first && !subjects.has(entity.name)),
    ),
    claims,
    relations: first ? analysis.relations : [],
  });
  return [half(parts[0], true), half(parts[1], false)];
}

/**
 * Joins the prose of two halves; claim indexes of the second move past the first's claims. A
 * half without prose (already reported) gets its claims as stated in the source.
 */
function joinHalves(halves: [Analysis, Analysis], written: (Prose | undefined)[]): Prose {
  const offset = halves[0].claims.length;
  const [first, second] = halves.map(
    (analysis, index): Prose =>
      written[index] ?? { summary: "", paragraphs: claimsAsParagraphs(analysis) },
  ) as [Prose, Prose];
  const moved = second.paragraphs.map((paragraph) => ({
    ...paragraph,
    sentences: paragraph.sentences.map((sentence) => ({
      ...sentence,
      claims: sentence.claims.map((claim) => claim + offset),
    })),
  }));
  const summary = [first.summary.trim(), second.summary.trim()].filter(Boolean).join(" ");
  return { summary, paragraphs: [...first.paragraphs, ...moved] };
}

/** Places the prose of one chunk: sentences become statements citing absolute source lines. */
export function placeProse(
  item: ChunkAnalysis,
  prose: Prose | undefined,
  identity: Identity,
): ChunkProse {
  const { chunk, analysis } = item;
  const shift = chunk.lines[0] - 1;
  const cite = (index: number): Citation | undefined => {
    const claim = analysis.claims[index];
    return (
      claim && { source: chunk.source, lines: [claim.lines[0] + shift, claim.lines[1] + shift] }
    );
  };
  const statements: Statement[] = [];
  const paragraphs = prose?.paragraphs ?? claimsAsParagraphs(analysis);
  for (const paragraph of paragraphs) {
    const thingKey = identity.keyOf(paragraph.entity);
    if (!thingKey) continue;
    for (const sentence of paragraph.sentences) {
      const citations = sentence.claims.map(cite).filter((citation) => citation !== undefined);
      if (citations.length) statements.push({ thingKey, text: sentence.text.trim(), citations });
    }
  }
  const names = [
    ...analysis.entities.map((entity) => entity.name),
    ...analysis.claims.map((claim) => claim.subject),
  ];
  const thingKeys = [...new Set(names.map(identity.keyOf).filter((key) => key !== undefined))];
  return {
    source: chunk.source,
    lines: chunk.lines,
    summary: prose?.summary.trim() ?? "",
    statements,
    thingKeys,
  };
}

/** The fallback when no prose was written: each claim's own statement, under its subject. */
function claimsAsParagraphs(analysis: Analysis): Prose["paragraphs"] {
  return analysis.claims.map((claim, index) => ({
    entity: claim.subject,
    sentences: [{ text: claim.statement, claims: [index] }],
  }));
}

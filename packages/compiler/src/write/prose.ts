/**
 * write, step 2 of the ingest: for each analyzed chunk the model returns prose only, a short
 * summary and sentences about each entity, every sentence tied to claims of the analysis. Code
 * keeps a sentence only when it cites at least one claim, and cites that claim's lines.
 */
import { createHash } from "node:crypto";
import { cachedStep, type BuildContext } from "../context.js";
import type { ChunkAnalysis } from "../resolve/identity.js";
import type { Identity } from "../resolve/identity.js";
import type { Prose } from "../steps.js";
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

export async function writeProse(
  context: BuildContext,
  item: ChunkAnalysis,
): Promise<Prose | undefined> {
  const analysisHash = createHash("sha256").update(JSON.stringify(item.analysis)).digest("hex");
  const result = await cachedStep(context, "write", [item.chunk.key, analysisHash], () =>
    context.provider.write(item.chunk, item.analysis, context.step),
  );
  if (result.ok) return result.value;
  context.problems.push({
    code: "write-failed",
    file: item.chunk.source,
    line: item.chunk.lines[0],
    message: `no prose for lines ${item.chunk.lines[0]}-${item.chunk.lines[1]} (${result.message}); the page shows the claims as stated in the source`,
    severity: "warning",
  });
  return undefined;
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
  const paragraphs = prose?.paragraphs ?? claimsAsParagraphs(item);
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
function claimsAsParagraphs(item: ChunkAnalysis): Prose["paragraphs"] {
  return item.analysis.claims.map((claim, index) => ({
    entity: claim.subject,
    sentences: [{ text: claim.statement, claims: [index] }],
  }));
}

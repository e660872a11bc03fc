/**
 * Renders the input of the write step: the claims of a chunk's analysis grouped by subject, and
 * the chunk's headings with the lines its claims cite. The write prompt carries no other text of
 * the chunk, so its size follows the claims rather than the chunk. The `<analysis>` element and
 * its `## subject` and `claim N (…): statement` lines are a wire format that model servers used
 * in tests read back.
 */
import type { Analysis, Chunk, Claim } from "@wiki/compiler";

/** One rendered block of a chunk's text: `[3-5] text`, with its relative line range. */
interface RenderedBlock {
  lines: [number, number];
  text: string;
  heading: boolean;
}

const blockStart = /^\[(\d+)-(\d+)\] (#*)/;

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function claimLine(claim: Claim, index: number): string {
  const notes = [`lines ${claim.lines[0]}-${claim.lines[1]}`];
  if (claim.conditions.length > 0) {
    notes.push(`conditions: ${claim.conditions.map(oneLine).join("; ")}`);
  }
  if (claim.stance === "reports") notes.push("reported");
  return `claim ${index} (${notes.join("; ")}): ${oneLine(claim.statement)}`;
}

/** Groups claim lines by subject: subjects named as entities first, in the analysis' order. */
function claimGroups(analysis: Analysis): Map<string, string[]> {
  const bySubject = new Map<string, string[]>();
  analysis.claims.forEach((claim, index) => {
    const subject = oneLine(claim.subject);
    const lines = bySubject.get(subject) ?? [];
    lines.push(claimLine(claim, index));
    bySubject.set(subject, lines);
  });
  const entityNames = analysis.entities.map((entity) => oneLine(entity.name));
  const order = [...new Set([...entityNames, ...bySubject.keys()])];
  const groups = new Map<string, string[]>();
  for (const subject of order) {
    const lines = bySubject.get(subject);
    if (lines) groups.set(subject, lines);
  }
  return groups;
}

/**
 * Renders the claims under one `## subject` line each, numbered by their index in
 * `analysis.claims`, and names the entities that have no claims on one line.
 */
export function renderAnalysis(analysis: Analysis): string {
  const groups = claimGroups(analysis);
  const unclaimed = analysis.entities
    .map((entity) => oneLine(entity.name))
    .filter((name) => !groups.has(name));
  const parts: string[] = [];
  if (unclaimed.length > 0) parts.push(`Also named: ${[...new Set(unclaimed)].join("; ")}`);
  for (const [subject, lines] of groups) parts.push(`## ${subject}`, ...lines);
  if (parts.length === 0) parts.push("No claims.");
  const body = parts.join("\n").replaceAll("</analysis>", "&lt;/analysis>");
  return `<analysis>\n${body}\n</analysis>`;
}

/** Splits a chunk's text into its rendered blocks. A line without a range continues the block before it. */
function renderedBlocks(text: string): RenderedBlock[] {
  const blocks: RenderedBlock[] = [];
  for (const line of text.split("\n")) {
    const match = blockStart.exec(line);
    const last = blocks.at(-1);
    if (match) {
      const lines: [number, number] = [Number(match[1]), Number(match[2])];
      blocks.push({ lines, text: line, heading: (match[3] ?? "") !== "" });
    } else if (last) {
      last.text += `\n${line}`;
    }
  }
  return blocks;
}

function cited(block: RenderedBlock, claims: readonly Claim[]): boolean {
  return claims.some(
    (claim) => claim.lines[0] <= block.lines[1] && claim.lines[1] >= block.lines[0],
  );
}

/** Checks whether a claim's statement contains the block's whole text, list marker aside. */
function quoted(block: RenderedBlock, statements: readonly string[]): boolean {
  const text = oneLine(block.text.replace(blockStart, "").replace(/^- /, ""));
  return text !== "" && statements.some((statement) => statement.includes(text));
}

/**
 * Renders the chunk lines the write step needs, in the form the analyze step saw: a line naming
 * the headings above the chunk, the chunk's own headings, and the blocks its claims cite. A block
 * that a claim's statement quotes in full is left out, because it adds nothing.
 */
export function renderCitedLines(chunk: Chunk, claims: readonly Claim[]): string {
  const statements = claims.map((claim) => oneLine(claim.statement));
  const kept = renderedBlocks(chunk.text).filter(
    (block) => block.heading || (cited(block, claims) && !quoted(block, statements)),
  );
  const lines = kept.map((block) => block.text);
  if (chunk.headings.length > 0) lines.unshift(`Under: ${chunk.headings.map(oneLine).join(" > ")}`);
  return lines.join("\n");
}

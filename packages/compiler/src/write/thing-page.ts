/**
 * The page of an entity or concept: its definition first, then what each source says with every
 * statement citing source and lines (a statement several sources make cites them all), then the
 * contradictions about it, then related pages.
 */
import type { Thing } from "../resolve/identity.js";
import type { Contradiction, PageSlug, SourceFile, SourcePath } from "../types.js";
import {
  escapeMarkdown,
  formatLines,
  linkMarker,
  mergeRanges,
  type Page,
  type SourceRef,
} from "./page.js";
import { sideValue } from "../emit/pages.js";
import { hashLines } from "./line-hash.js";
import type { Citation, Statement } from "./prose.js";

export interface ThingPageInput {
  thing: Thing;
  slug: PageSlug;
  statements: Statement[];
  contradictions: Contradiction[];
  related: { key: string; name: string }[];
  sources: Map<SourcePath, SourceFile>;
}

export function thingPage(input: ThingPageInput): Page {
  const { thing, statements } = input;
  const definition = thing.descriptions[0];
  // The definition opens the page: the same sentence is not repeated below it, and the
  // definition cites every source that makes it.
  const all = groupStatements(statements);
  const same = all.find((item) => definition && textKey(item.text) === textKey(definition.text));
  const grouped = all.filter((item) => item !== same);
  const definitionCitations = definition ? [definition, ...(same?.citations ?? [])] : [];
  const body = [
    `# ${escapeTitle(thing.name)}`,
    definition ? `${sentence(definition.text)} ${cite(definitionCitations)}` : "",
    grouped.length
      ? section(
          "What the sources say",
          grouped.map((item) => `- ${sentence(item.text)} ${cite(item.citations)}`),
        )
      : "",
    contradictionSection(input.contradictions),
    input.related.length
      ? section(
          "Related",
          input.related.map((item) => `- ${linkMarker(`thing:${item.key}`, item.name)}`),
        )
      : "",
  ];
  const citations = [
    ...(definition ? [definition] : []),
    ...grouped.flatMap((item) => item.citations),
  ];
  const contradictionCitations = input.contradictions.flatMap((record) => record.sides);
  return {
    slug: input.slug,
    title: thing.name,
    type: thing.kind,
    entityType: thing.type,
    aliases: thing.aliases,
    related: input.related,
    summary: oneLine(definition?.text ?? grouped[0]?.text ?? ""),
    sources: sourceRefs([...citations, ...contradictionCitations], input.sources),
    body: body.filter(Boolean).join("\n\n") + "\n",
    extra: [],
  };
}

/** Joins statements whose text is the same, so one bullet cites every source that makes it. */
function groupStatements(statements: Statement[]): Statement[] {
  const byText = new Map<string, Statement>();
  for (const statement of statements) {
    const key = textKey(statement.text);
    const existing = byText.get(key);
    if (existing) existing.citations.push(...statement.citations);
    else byText.set(key, { ...statement, citations: [...statement.citations] });
  }
  return [...byText.values()];
}

function textKey(text: string): string {
  return text.toLowerCase().replace(/\W+/g, " ").trim();
}

function contradictionSection(records: Contradiction[]): string {
  if (!records.length) return "";
  const items = records.map((record) => {
    const sides = record.sides.map((side) => {
      const newest = record.newest === side.source ? " (newest)" : "";
      const value = side.value ? `${sideValue(side)}: ` : "";
      return `  - ${cite([side], false)}${newest}: ${value}${sentence(side.statement)}`;
    });
    return [
      `- **${escapeTitle(record.attribute || "statement")}** of ${escapeTitle(record.subject)}:`,
      ...sides,
    ].join("\n");
  });
  return section("Contradictions", items);
}

/** Citations as `(a.md:12-14; b.md:3)`, or without the brackets where they start a list item. */
export function cite(citations: Citation[], brackets = true): string {
  const bySource = linesBySource(citations);
  const parts = [...bySource.keys()].sort().map((source) => {
    const lines = mergeRanges(bySource.get(source)!).map(formatLines).join(", ");
    return linkMarker(`source:${source}`, `${source}:${lines}`);
  });
  return brackets ? `(${parts.join("; ")})` : parts.join("; ");
}

export function sourceRefs(
  citations: Citation[],
  sources: Map<SourcePath, SourceFile>,
): SourceRef[] {
  const bySource = linesBySource(citations);
  return [...bySource.keys()].sort().map((path) => {
    const source = sources.get(path);
    if (!source) throw new Error(`A citation names ${path}, which is not among the sources read.`);
    const lines = mergeRanges(bySource.get(path)!);
    return { path, sha256: hashLines(source, lines), lines };
  });
}

function linesBySource(citations: Citation[]): Map<SourcePath, [number, number][]> {
  const bySource = new Map<SourcePath, [number, number][]>();
  for (const citation of citations) {
    const lines = bySource.get(citation.source);
    if (lines) lines.push(citation.lines);
    else bySource.set(citation.source, [citation.lines]);
  }
  return bySource;
}

function section(heading: string, items: string[]): string {
  return `## ${heading}\n\n${items.join("\n")}`;
}

function sentence(text: string): string {
  const trimmed = oneLine(text);
  return escapeMarkdown(/[.!?:]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Escapes emphasis, link and HTML characters in a heading, but not inside its code spans. */
function escapeTitle(text: string): string {
  const parts = text.replace(/[\uE000-\uE002]/g, "").split(/(`+[^`]*`+)/g);
  return parts
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/([*_[\]<>\\])/g, "\\$1")))
    .join("");
}

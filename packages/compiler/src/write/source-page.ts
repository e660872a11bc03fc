/**
 * The page of a source: what it covers (the summaries of its parts, under its own headings) and
 * links to every entity and concept it mentions.
 */
import type { SourceFacts, PageSlug } from "../types.js";
import { hashLines } from "./line-hash.js";
import { escapeMarkdown, linkMarker, type Page } from "./page.js";
import type { ChunkProse } from "./prose.js";
import { oneLine } from "./thing-page.js";

export interface SourcePageInput {
  parsed: SourceFacts;
  slug: PageSlug;
  prose: ChunkProse[];
  /** Things the source mentions, by key, with their names; sorted by name. */
  mentions: { key: string; name: string }[];
  /** Lines of the source that produced no usable analysis. */
  failedLines: [number, number][];
}

export function sourcePage(input: SourcePageInput): Page {
  const { parsed } = input;
  const summaries = input.prose.filter((part) => part.summary);
  const whole: [number, number][] = [[1, parsed.source.lineCount]];
  const body = [
    `# ${escapeMarkdown(parsed.title)}`,
    `Source: \`${parsed.source.path.replace(/`/g, "")}\`, ${parsed.source.lineCount} lines${parsed.date ? `, dated ${parsed.date}` : ""}.`,
    summaries.length ? `## Summary\n\n${summaries.map(summaryLine).join("\n")}` : "",
    input.mentions.length
      ? `## Mentions\n\n${input.mentions.map((item) => `- ${linkMarker(`thing:${item.key}`, item.name)}`).join("\n")}`
      : "",
    input.failedLines.length
      ? `## Not analyzed\n\n${input.failedLines.map(([a, b]) => `- lines ${a}-${b}`).join("\n")}`
      : "",
  ];
  return {
    slug: input.slug,
    title: parsed.title,
    type: "source",
    aliases: [],
    related: [],
    summary: oneLine(summaries[0]?.summary ?? parsed.title),
    sources: [{ path: parsed.source.path, sha256: hashLines(parsed.source, whole), lines: whole }],
    body: body.filter(Boolean).join("\n\n") + "\n",
    extra: parsed.date ? [["date", parsed.date]] : [],
  };
}

function summaryLine(part: ChunkProse): string {
  return `- ${escapeMarkdown(oneLine(part.summary))} (lines ${part.lines[0]}-${part.lines[1]})`;
}

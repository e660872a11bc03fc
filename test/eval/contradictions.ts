/**
 * Contradiction scores: the entries of `contradictions.md` against the key. An entry is a
 * top-level list item, and the citations of the items below it are its sides. An entry finds a
 * key contradiction when it cites two sides of it that state different values, by source and
 * overlapping lines. An entry that finds none is false when it cites two sides of a key
 * non-contradiction, or when the key lists every contradiction of the corpus.
 */
import type { Key, KeyConflict, KeySide } from "./key.js";
import { citationGroups, withoutLinks, type Citation } from "./links.js";
import { plainText } from "./terms.js";
import type { WikiPage } from "./wiki.js";

export interface ReportedContradiction {
  /** The entry's first line, without links: subject and attribute. */
  title: string;
  citations: Citation[];
}

export interface ContradictionScore {
  reported: number;
  /** Key contradictions found, by id. */
  found: string[];
  missed: string[];
  /** For each found contradiction, the share of its sides cited by the entries that find it. */
  sidesCited: Record<string, number>;
  /** Entries that are wrong, with the key non-contradiction they report when there is one. */
  falseReports: { title: string; nonContradiction?: string }[];
  /** Entries the key cannot judge (it does not list every contradiction of the corpus). */
  unjudged: number;
  recall: number | null;
  /** Right entries over judged entries; `null` when no entry could be judged. */
  precision: number | null;
}

/** Splits the body of `contradictions.md` into entries. */
export function parseContradictions(body: string): ReportedContradiction[] {
  const entries: ReportedContradiction[] = [];
  for (const rawLine of body.split("\n")) {
    const line = withoutLinks(rawLine);
    const citations = citationGroups(line).flatMap((group) => group.citations);
    if (/^[-*+]\s/.test(line)) {
      entries.push({ title: plainText(line.replace(/^[-*+]\s+/, "")).trim(), citations });
    } else if (/^\s+[-*+]\s/.test(line) && entries.length) {
      entries[entries.length - 1]!.citations.push(...citations);
    }
  }
  return entries;
}

/** Longest cited range, in lines, that can point at one side: a whole section cannot. */
export const maxSideSpan = 20;

function cites(entry: ReportedContradiction, side: KeySide): boolean {
  return entry.citations.some(
    (citation) =>
      citation.source === side.source &&
      citation.ranges.some(
        ([start, end]) =>
          start <= side.lines[1] && end >= side.lines[0] && end - start < maxSideSpan,
      ),
  );
}

function citedSides(entry: ReportedContradiction, conflict: KeyConflict): KeySide[] {
  return conflict.sides.filter((side) => cites(entry, side));
}

function finds(entry: ReportedContradiction, conflict: KeyConflict): boolean {
  return new Set(citedSides(entry, conflict).map((side) => side.value)).size >= 2;
}

export function scoreContradictions(
  key: Key,
  entries: ReportedContradiction[],
): ContradictionScore {
  const found: string[] = [];
  const sidesCited: Record<string, number> = {};
  for (const conflict of key.contradictions) {
    const finding = entries.filter((entry) => finds(entry, conflict));
    if (!finding.length) continue;
    found.push(conflict.id);
    const cited = conflict.sides.filter((side) => finding.some((entry) => cites(entry, side)));
    sidesCited[conflict.id] = cited.length / conflict.sides.length;
  }

  const falseReports: ContradictionScore["falseReports"] = [];
  let right = 0;
  let unjudged = 0;
  for (const entry of entries) {
    const rejected = key.nonContradictions.find(
      (conflict) => citedSides(entry, conflict).length >= 2,
    );
    if (key.contradictions.some((conflict) => finds(entry, conflict))) right++;
    else if (rejected) falseReports.push({ title: entry.title, nonContradiction: rejected.id });
    else if (key.contradictionsComplete) falseReports.push({ title: entry.title });
    else unjudged++;
  }

  const judged = right + falseReports.length;
  return {
    reported: entries.length,
    found,
    missed: key.contradictions.filter((item) => !found.includes(item.id)).map((item) => item.id),
    sidesCited,
    falseReports,
    unjudged,
    recall: key.contradictions.length ? found.length / key.contradictions.length : null,
    precision: judged ? right / judged : null,
  };
}

/** Returns the entries of the wiki's contradictions page, or none when it has no such page. */
export function reportedContradictions(pages: WikiPage[]): ReportedContradiction[] {
  const page = pages.find(
    (item) => item.type === "contradictions" || item.slug === "contradictions",
  );
  return page ? parseContradictions(page.body) : [];
}

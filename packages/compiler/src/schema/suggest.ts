/** Suggestions for mistyped names, by edit distance. */

/**
 * Returns the optimal string alignment distance (Levenshtein plus swaps of two neighbors), so
 * `lnikStyle` is one edit from `linkStyle`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;

  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * Returns the candidate closest to `name`, ignoring case, `-`, `_` and a plural ending, when it is
 * close enough to be a typo: at most 2 edits, and at most a third of the longer name.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const fold = (text: string) => singular(text.toLowerCase().replace(/[-_]/g, ""));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(fold(name), fold(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const limit = Math.min(2, Math.floor(Math.max(name.length, best.candidate.length) / 3));
  return best.distance <= limit ? best.candidate : undefined;
}

/** Drops an English plural ending: `entities` gives `entity`, `hosts` gives `host`. */
function singular(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * The pool of names an offline analysis may turn into entities. Each sighting carries a weight
 * for how strongly the text marks the name as a thing. A definition weighs 5, a leading term 4,
 * a heading or an identifier 3, a link or a proper noun 2, and a plain noun phrase 1.
 */
import type { LineRange } from "@wiki/compiler";
import { nameKey } from "./names.js";

export interface Sighting {
  name: string;
  weight: number;
  lines: LineRange;
  /** Type hints, most specific first. */
  hints: string[];
  /** The defining sentence, when this sighting is a definition. */
  description: string;
  /** Whether the name is a proper noun or an identifier rather than a common noun phrase. */
  isName: boolean;
  /** Whether the form is as good as written: not capitalized by a sentence or heading start. */
  natural: boolean;
}

/** Creates a sighting with no hints, description or name marks, for callers to adjust. */
export function plainSighting(name: string, weight: number, lines: LineRange): Sighting {
  return { name, weight, lines, hints: [], description: "", isName: false, natural: false };
}

export interface Candidate {
  key: string;
  /** Forms as written, with a preference score each. */
  forms: Map<string, number>;
  weight: number;
  count: number;
  hints: string[];
  description: string;
  /** Weight of the sighting the description came from. */
  descriptionWeight: number;
  lines: LineRange;
  linesWeight: number;
  isName: boolean;
  /** Order of the first sighting. */
  order: number;
}

export class CandidatePool {
  readonly byKey = new Map<string, Candidate>();
  /** Keys of names the text gives as one thing: a long form and its abbreviation. */
  readonly joins: [string, string][] = [];

  join(name: string, other: string): void {
    this.joins.push([nameKey(name), nameKey(other)]);
  }

  add(sighting: Sighting): void {
    const key = nameKey(sighting.name);
    if (!key) return;
    const candidate = this.byKey.get(key) ?? this.create(key, sighting);
    candidate.count++;
    candidate.weight = Math.max(candidate.weight, sighting.weight);
    candidate.isName ||= sighting.isName;
    const preference = (sighting.natural ? 2 : 1) + sighting.weight / 10;
    candidate.forms.set(sighting.name, (candidate.forms.get(sighting.name) ?? 0) + preference);
    for (const hint of sighting.hints)
      if (!candidate.hints.includes(hint)) candidate.hints.push(hint);
    if (sighting.description && sighting.weight > candidate.descriptionWeight) {
      candidate.description = sighting.description;
      candidate.descriptionWeight = sighting.weight;
    }
    if (sighting.weight > candidate.linesWeight && sighting.weight >= 4) {
      candidate.lines = sighting.lines;
      candidate.linesWeight = sighting.weight;
    }
  }

  private create(key: string, sighting: Sighting): Candidate {
    const candidate: Candidate = {
      key,
      forms: new Map(),
      weight: 0,
      count: 0,
      hints: [],
      description: "",
      descriptionWeight: 0,
      lines: sighting.lines,
      linesWeight: 0,
      isName: false,
      order: this.byKey.size,
    };
    this.byKey.set(key, candidate);
    return candidate;
  }

  /**
   * Returns the candidates marked strongly or often enough, the strongest `limit` of them. A
   * weight of 3 or more is enough. A link or proper noun needs two words or a second sighting,
   * and a plain phrase needs two words and two sightings, or three sightings.
   */
  accepted(limit: number): Candidate[] {
    const accepted = [...this.byKey.values()].filter((candidate) => {
      const words = bestForm(candidate).split(/\s+/).length;
      if (candidate.weight >= 3) return true;
      if (candidate.weight === 2) return words >= 2 || candidate.count >= 2;
      return (words >= 2 && candidate.count >= 2) || candidate.count >= 3;
    });
    return accepted
      .sort((a, b) => b.weight - a.weight || b.count - a.count || a.order - b.order)
      .slice(0, limit)
      .sort((a, b) => a.order - b.order);
  }
}

/** Returns the preferred form of a candidate's name. Ties go to the first form seen. */
export function bestForm(candidate: Candidate): string {
  let best = "";
  let bestScore = -1;
  for (const [form, score] of candidate.forms) {
    if (score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  return best;
}

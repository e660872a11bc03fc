/**
 * Quantities as sources write them: "1000", "16k", "8K entries", "1/4", "10 minutes", "10m",
 * "1h30m", "16 GiB", "50%", "two approvals". A quantity keeps every reading its notation allows,
 * because "16k" means 16000 in one text and 16384 in another.
 */

export interface Quantity {
  /** `time`, `bytes`, `percent`, or empty for a count. */
  dimension: string;
  /** Values in the dimension's base unit (seconds, bytes), one per reading of the notation. */
  readings: number[];
  /** The number with its multiplier but without unit conversion: "10 minutes" gives 10. */
  figures: number[];
  /** Comparison written before the number: `<`, `>=`, `at least`; empty when none. */
  comparator: string;
}

interface Unit {
  dimension: string;
  factors: number[];
}

const kilo = [1e3, 1024];
const mega = [1e6, 1024 ** 2];
const giga = [1e9, 1024 ** 3];
const tera = [1e12, 1024 ** 4];

/** Units and multipliers matched as written, so `m` (minutes) and `M` (million) differ. */
const exactUnits: Record<string, Unit> = {
  k: { dimension: "", factors: kilo },
  K: { dimension: "", factors: kilo },
  M: { dimension: "", factors: mega },
  G: { dimension: "", factors: giga },
  B: { dimension: "", factors: [1e9] },
  T: { dimension: "", factors: tera },
  m: { dimension: "time", factors: [60] },
  s: { dimension: "time", factors: [1] },
  h: { dimension: "time", factors: [3600] },
  d: { dimension: "time", factors: [86400] },
  "%": { dimension: "percent", factors: [1] },
};

/** Units matched in any case. */
const wordUnits: Record<string, Unit> = {
  thousand: { dimension: "", factors: [1e3] },
  million: { dimension: "", factors: [1e6] },
  billion: { dimension: "", factors: [1e9] },
  ns: { dimension: "time", factors: [1e-9] },
  us: { dimension: "time", factors: [1e-6] },
  µs: { dimension: "time", factors: [1e-6] },
  ms: { dimension: "time", factors: [1e-3] },
  sec: { dimension: "time", factors: [1] },
  secs: { dimension: "time", factors: [1] },
  second: { dimension: "time", factors: [1] },
  seconds: { dimension: "time", factors: [1] },
  min: { dimension: "time", factors: [60] },
  mins: { dimension: "time", factors: [60] },
  minute: { dimension: "time", factors: [60] },
  minutes: { dimension: "time", factors: [60] },
  hr: { dimension: "time", factors: [3600] },
  hrs: { dimension: "time", factors: [3600] },
  hour: { dimension: "time", factors: [3600] },
  hours: { dimension: "time", factors: [3600] },
  day: { dimension: "time", factors: [86400] },
  days: { dimension: "time", factors: [86400] },
  week: { dimension: "time", factors: [604800] },
  weeks: { dimension: "time", factors: [604800] },
  byte: { dimension: "bytes", factors: [1] },
  bytes: { dimension: "bytes", factors: [1] },
  kb: { dimension: "bytes", factors: kilo },
  mb: { dimension: "bytes", factors: mega },
  gb: { dimension: "bytes", factors: giga },
  tb: { dimension: "bytes", factors: tera },
  kib: { dimension: "bytes", factors: [1024] },
  mib: { dimension: "bytes", factors: [1024 ** 2] },
  gib: { dimension: "bytes", factors: [1024 ** 3] },
  tib: { dimension: "bytes", factors: [1024 ** 4] },
  percent: { dimension: "percent", factors: [1] },
};

/** Number words read as numbers when they lead a value: "two approvals" is 2 approvals. */
const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
};
const leadingNumberWord = new RegExp(`^(${Object.keys(numberWords).join("|")})\\b`, "i");

const comparatorPattern = /^(<=|>=|≤|≥|<|>|~|at least|at most|up to|over|under)\s*/i;
const numberPattern = /^(-?\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*\/\s*(\d+))?/;
/** A number followed by a unit, repeated for compound durations such as `1h30m`. */
const partPattern = /^(-?\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*\/\s*(\d+))?\s*([A-Za-zµ%]+)?/;

/**
 * Reads a quantity: an optional comparator, one or more number-unit parts, then at most two
 * plain words ("tokens", "model maximum"). Returns undefined for anything else.
 */
export function readQuantity(raw: string): Quantity | undefined {
  let text = raw.trim().replace(/&gt;/g, ">").replace(/&lt;/g, "<");
  const comparator = comparatorPattern.exec(text)?.[1]?.toLowerCase() ?? "";
  text = text.slice(comparatorPattern.exec(text)?.[0].length ?? 0);
  text = text.replace(leadingNumberWord, (word) => String(numberWords[word.toLowerCase()]));
  if (!numberPattern.test(text)) return undefined;

  const parts: { value: number; unit: Unit | undefined }[] = [];
  let rest = text;
  for (let guard = 0; guard < 4 && numberPattern.test(rest); guard++) {
    const match = partPattern.exec(rest)!;
    const unit = match[3] === undefined ? undefined : unitOf(match[3]);
    if (match[3] !== undefined && !unit && parts.length > 0) return undefined;
    parts.push({ value: numberOf(match[1]!, match[2]), unit });
    rest = rest.slice(unit ? match[0].length : match[0].length - (match[3]?.length ?? 0)).trim();
    if (!unit) break;
  }
  if (!/^(?:[a-z]+(?:\s+[a-z]+)?)?$/i.test(rest)) return undefined;
  return combine(parts, comparator);
}

function unitOf(word: string): Unit | undefined {
  return exactUnits[word] ?? wordUnits[word.toLowerCase()];
}

function numberOf(digits: string, denominator: string | undefined): number {
  const value = Number(digits.replace(/,/g, ""));
  return denominator ? value / Number(denominator) : value;
}

/** Adds the parts of a compound quantity; parts of different dimensions make no quantity. */
function combine(
  parts: { value: number; unit: Unit | undefined }[],
  comparator: string,
): Quantity | undefined {
  const dimension = parts[0]?.unit?.dimension ?? "";
  if (parts.some((part) => (part.unit?.dimension ?? "") !== dimension)) return undefined;
  if (parts.length > 1) {
    const total = parts.reduce((sum, part) => sum + part.value * (part.unit?.factors[0] ?? 1), 0);
    return { dimension, readings: [total], figures: [total], comparator };
  }
  const part = parts[0]!;
  const factors = part.unit?.factors ?? [1];
  const readings = factors.map((factor) => part.value * factor);
  const figures = dimension === "" ? readings : [part.value];
  return { dimension, readings, figures, comparator };
}

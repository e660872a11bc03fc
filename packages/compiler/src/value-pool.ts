/**
 * Interning for the model answers that a build keeps from ingest to write. The answers of
 * different chunks repeat a lot: names, types, attributes and values recur in every chunk that
 * mentions a thing, a paragraph copied between sources gives the same statements, and most line
 * ranges and claim lists are short lists of small numbers. Each answer comes as its own objects, from the
 * model's JSON or the cache, so without interning a large build holds each repeat once again.
 */

/** Number lists up to this length are interned: line ranges and a sentence's claim indexes. */
const maxPooledNumbers = 4;

/** One copy of each string and each short number list, for the answers of one build. */
export class ValuePool {
  private readonly strings = new Map<string, string>();
  private readonly numberLists = new Map<string, readonly number[]>();

  /**
   * Replaces the strings and the short number lists in `value` with their pooled copies, and
   * returns it. Objects and longer lists are changed in place. A pooled list is frozen, because
   * other answers share it: code that changed one would change them all.
   */
  intern<T>(value: T): T {
    if (typeof value === "string") return this.string(value) as T;
    if (Array.isArray(value)) return this.list(value) as T;
    if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const key in record) record[key] = this.intern(record[key]);
    }
    return value;
  }

  private string(text: string): string {
    const pooled = this.strings.get(text);
    if (pooled !== undefined) return pooled;
    this.strings.set(text, text);
    return text;
  }

  private list(items: unknown[]): unknown[] {
    if (items.length <= maxPooledNumbers && items.every((item) => typeof item === "number")) {
      return this.numberList(items as number[]) as number[];
    }
    for (let index = 0; index < items.length; index++) items[index] = this.intern(items[index]);
    return items;
  }

  private numberList(numbers: number[]): readonly number[] {
    const key = numbers.join(",");
    const pooled = this.numberLists.get(key);
    if (pooled) return pooled;
    const frozen = Object.freeze(numbers);
    this.numberLists.set(key, frozen);
    return frozen;
  }
}

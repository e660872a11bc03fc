/**
 * The interning of the answers a build keeps: repeated short number lists become one frozen
 * list, objects and longer lists are changed in place, and every value reads as before.
 */
import { describe, expect, it } from "vitest";
import { ValuePool } from "../packages/compiler/src/value-pool.js";

function analysis(lines: [number, number]) {
  return {
    entities: [{ name: "Ollama", type: "tool", aliases: [], description: "", lines }],
    claims: [{ subject: "Ollama", conditions: [], lines: [...lines] }],
  };
}

describe("ValuePool", () => {
  it("keeps every value equal", () => {
    const value = analysis([3, 4]);
    const copy = structuredClone(value);
    expect(new ValuePool().intern(value)).toEqual(copy);
  });

  it("changes objects in place", () => {
    const value = analysis([3, 4]);
    const entity = value.entities[0];
    const interned = new ValuePool().intern(value);
    expect(interned).toBe(value);
    expect(interned.entities[0]).toBe(entity);
  });

  it("shares equal number lists across answers", () => {
    const pool = new ValuePool();
    const first = pool.intern(analysis([3, 4]));
    const second = pool.intern(analysis([3, 4]));
    expect(second.entities[0]!.lines).toBe(first.entities[0]!.lines);
    expect(second.claims[0]!.lines).toBe(first.entities[0]!.lines);
    expect(pool.intern(analysis([3, 5])).entities[0]!.lines).not.toBe(first.entities[0]!.lines);
  });

  it("shares one empty list", () => {
    const pool = new ValuePool();
    const value = pool.intern(analysis([1, 1]));
    expect(value.entities[0]!.aliases).toBe(value.claims[0]!.conditions);
  });

  it("freezes the lists it shares", () => {
    const lines = new ValuePool().intern([1, 2]);
    expect(Object.isFrozen(lines)).toBe(true);
    expect(() => lines.push(3)).toThrow(TypeError);
  });

  it("leaves long and mixed lists unshared", () => {
    const pool = new ValuePool();
    const long = [1, 2, 3, 4, 5];
    const mixed = [1, "two"];
    expect(pool.intern(long)).toBe(long);
    expect(Object.isFrozen(long)).toBe(false);
    expect(pool.intern(mixed)).toBe(mixed);
    expect(Object.isFrozen(mixed)).toBe(false);
  });

  it("returns other values unchanged", () => {
    const pool = new ValuePool();
    for (const value of [undefined, null, 0, true, "text"]) expect(pool.intern(value)).toBe(value);
  });
});

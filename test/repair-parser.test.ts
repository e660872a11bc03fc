import { describe, expect, it } from "vitest";
import { repairAnswer, type Repaired } from "@wiki/providers";
import {
  LenientJsonError,
  parseLenientJson,
} from "../packages/providers/src/repair/lenient-json.js";
import { coerceLines } from "../packages/providers/src/repair/lines.js";

/** Returns a successful repair, failing the test with the parser's error otherwise. */
function okOf<T>(result: Repaired<T>): Extract<Repaired<T>, { ok: true }> {
  if (!result.ok) throw new Error(`expected a repaired answer, got: ${result.error}`);
  return result;
}

/** Returns the parser's error, or "ok" for a repaired answer. */
function errorOf<T>(result: Repaired<T>): string {
  return result.ok ? "ok" : result.error;
}

const entity = { name: "Alpha", type: "tool", aliases: [], description: "A tool.", lines: [1, 2] };
const claim = {
  subject: "Alpha",
  statement: "Alpha listens on port 8080.",
  attribute: "port",
  value: "8080",
  conditions: [],
  polarity: "positive",
  stance: "asserts",
  lines: [2, 2],
};
const analysis = JSON.stringify({ entities: [entity], claims: [claim], relations: [] });

describe("repair parser", () => {
  it("accepts a strict answer unchanged", () => {
    const result = repairAnswer("analyze", analysis, { lineCount: 10 });
    expect(okOf(result).value.entities[0]).toEqual(entity);
    expect(okOf(result).repairs).toEqual([]);
  });

  it("reads json inside a markdown fence", () => {
    const result = repairAnswer("analyze", "Here it is:\n```json\n" + analysis + "\n```\nDone.");
    expect(result.ok).toBe(true);
    expect(okOf(result).repairs).toContain("markdown-fence");
  });

  it("removes a reasoning block and a lone closing tag", () => {
    const closed = repairAnswer("analyze", `<think>the {answer} is</think>\n${analysis}`);
    const lone = repairAnswer("analyze", `I think {maybe} so.</think>${analysis}`);
    expect(closed.ok).toBe(true);
    expect(lone.ok).toBe(true);
    expect(okOf(lone).repairs).toContain("reasoning-block");
  });

  it("repairs trailing commas and raw newlines in strings", () => {
    const text = '{"verdict": "agreement", "reason": "same\nvalue",}';
    const result = repairAnswer("confirm", text);
    expect(okOf(result).value).toEqual({ verdict: "agreement", reason: "same\nvalue" });
    expect(okOf(result).repairs).toEqual(["control-character", "trailing-comma"]);
  });

  it("parses arrays sent as json strings", () => {
    const text = JSON.stringify({ entities: JSON.stringify([entity]), claims: "[]" });
    const result = repairAnswer("analyze", text, { lineCount: 10 });
    expect(okOf(result).value.entities).toHaveLength(1);
    expect(okOf(result).repairs).toContain("json-string");
  });

  it("maps keys written in another case", () => {
    const text = JSON.stringify({ Verdict: "Different conditions", REASON: "versions differ" });
    const result = repairAnswer("confirm", text);
    expect(okOf(result).value.verdict).toBe("different-conditions");
  });

  it("orders and clamps line ranges", () => {
    const text = JSON.stringify({
      entities: [
        { ...entity, lines: [9, 3] },
        { ...entity, lines: "40-55" },
      ],
      claims: [],
    });
    const result = repairAnswer("analyze", text, { lineCount: 12 });
    expect(okOf(result).value.entities.map((item) => item.lines)).toEqual([
      [3, 9],
      [12, 12],
    ]);
  });

  it("drops invalid records and keeps the rest", () => {
    const text = JSON.stringify({
      entities: [entity, { type: "tool" }],
      claims: [claim, { subject: "" }],
    });
    const result = repairAnswer("analyze", text, { lineCount: 10 });
    expect(okOf(result).droppedCount).toBe(2);
    expect(okOf(result).dropped).toEqual({ entities: 1, claims: 1 });
    expect(okOf(result).value.claims).toHaveLength(1);
  });

  it("rejects an answer without json", () => {
    const result = repairAnswer("analyze", "I cannot help with that.");
    expect(result).toEqual({ ok: false, error: "no JSON object in the answer" });
  });
});

describe("lenient json", () => {
  it.each([
    ["{'a': 'b'}", { a: "b" }, ["single-quotes"]],
    ["{a: 1}", { a: 1 }, ["unquoted-key"]],
    ['{"a": [1 2 3]}', { a: [1, 2, 3] }, ["missing-comma"]],
    ['{"a": True, "b": None}', { a: true, b: null }, ["python-literal"]],
    ['{"a": "x\\qy"}', { a: "xqy" }, ["invalid-escape"]],
    ['{"a": "\\u00e9\\n"}', { a: "é\n" }, []],
    ['{"a": 1} trailing', { a: 1 }, []],
  ])("reads %s", (text, value, repairs) => {
    const parsed = parseLenientJson(text);
    expect(parsed.value).toEqual(value);
    expect([...parsed.repairs].sort()).toEqual(repairs);
  });

  it.each([['{"a": "open'], ['{"a" 1}'], ["{"], ['{"a": 1e999}']])("rejects %s", (text) => {
    expect(() => parseLenientJson(text)).toThrow(LenientJsonError);
  });

  it("rejects nesting past its depth limit", () => {
    expect(() => parseLenientJson("[".repeat(100) + "]".repeat(100))).toThrow("nesting deeper");
  });

  it("does not read object prototype names as literals", () => {
    expect(() => parseLenientJson('{"a": constructor}')).toThrow(LenientJsonError);
  });
});

describe("line ranges", () => {
  const cases: [unknown, [number, number] | undefined][] = [
    [
      [3, 5],
      [3, 5],
    ],
    [
      [5, 3],
      [3, 5],
    ],
    ["4-6", [4, 6]],
    ["L4–L6", [4, 6]],
    [7, [7, 7]],
    [[2], [2, 2]],
    [{ start: 2, end: 9 }, [2, 9]],
    [
      ["1", "2"],
      [1, 2],
    ],
    [
      [0, 50],
      [1, 10],
    ],
    ["none", undefined],
  ];
  it.each(cases)("reads %j", (value, expected) => {
    expect(coerceLines(value as never, 10, new Set())).toEqual(expected);
  });
});

describe("repair parser steps", () => {
  it("drops a sentence without text and keeps its paragraph", () => {
    const text = JSON.stringify({
      summary: "s",
      paragraphs: [
        {
          entity: "Alpha",
          sentences: [
            { text: "", claims: [0] },
            { text: "ok", claims: [0] },
          ],
        },
      ],
    });
    const result = repairAnswer("write", text, { claimCount: 1 });
    expect(okOf(result).value.paragraphs[0]?.sentences).toEqual([{ text: "ok", claims: [0] }]);
    expect(okOf(result).dropped).toEqual({ sentences: 1 });
  });

  it("removes claim indexes outside the analysis", () => {
    const text = JSON.stringify({
      summary: "s",
      paragraphs: [{ entity: "Alpha", sentences: [{ text: "ok", claims: [0, 4, 0, -1] }] }],
    });
    const result = repairAnswer("write", text, { claimCount: 2 });
    expect(okOf(result).value.paragraphs[0]?.sentences[0]?.claims).toEqual([0]);
  });

  it("gives a record without lines the whole chunk", () => {
    const { lines: _lines, ...withoutLines } = entity;
    const text = JSON.stringify({ entities: [withoutLines], claims: [] });
    const result = repairAnswer("analyze", text, { lineCount: 7 });
    expect(okOf(result).value.entities[0]?.lines).toEqual([1, 7]);
  });

  it("keeps names exactly as the model wrote them", () => {
    const text = JSON.stringify({ entities: [{ ...entity, name: "Сервер «Ядро»" }], claims: [] });
    const result = repairAnswer("analyze", text, { lineCount: 10 });
    expect(okOf(result).value.entities[0]?.name).toBe("Сервер «Ядро»");
  });

  it("rejects an answer whose records are all invalid", () => {
    const text = JSON.stringify({ entities: [{ type: "x" }], claims: [] });
    const result = repairAnswer("analyze", text, { lineCount: 10 });
    expect(result.ok).toBe(false);
    expect(errorOf(result)).toContain("every record of the answer was invalid");
  });

  it("rejects a verdict outside the allowed values", () => {
    const result = repairAnswer("confirm", '{"verdict": "unsure"}');
    expect(errorOf(result)).toContain("verdict: Invalid option");
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerCache } from "../packages/compiler/src/cache.js";
import type { BuildContext } from "../packages/compiler/src/context.js";
import { noUsage, type Provider } from "../packages/compiler/src/provider.js";
import { confirmByRule } from "../packages/compiler/src/resolve/confirm-rule.js";
import {
  contradictionOf,
  contradictionsByRule,
  findCandidates,
} from "../packages/compiler/src/resolve/contradictions.js";
import { confirmContradictions } from "../packages/compiler/src/resolve/resolve.js";
import {
  limitClasses,
  maxValueClasses,
  valueClasses,
} from "../packages/compiler/src/resolve/value-classes.js";
import { defaultEntityTypes } from "../packages/compiler/src/schema/config.js";
import type { SourcedClaim, SourcePath } from "../packages/compiler/src/types.js";
import { stageContext } from "./support/context.js";

function claim(source: string, value: string, fields: Partial<SourcedClaim> = {}): SourcedClaim {
  return {
    source: source as SourcePath,
    sourceDate: undefined,
    subjectKey: "",
    subject: "cache size",
    statement: `The cache size is ${value}.`,
    attribute: "default",
    value,
    conditions: [],
    polarity: "positive",
    stance: "asserts",
    lines: [1, 1],
    ...fields,
  };
}

/** `count` claims spread over `sources` sources, cycling through `values`. */
function manyClaims(count: number, sources: number, values: string[], subject = "cache size") {
  return Array.from({ length: count }, (_, i) =>
    claim(`s${String(i % sources).padStart(5, "0")}.md`, values[i % values.length]!, {
      subject,
      lines: [i + 1, i + 1],
    }),
  );
}

/** Builds a context whose provider confirms by rule and counts its confirm calls. */
function countingContext(cacheDir: string): { context: BuildContext; calls: () => number } {
  let calls = 0;
  const provider: Provider = {
    identity: { provider: "offline", model: "counting-rule", digest: "", options: "" },
    chunkTokens: 1000,
    analyze: () => Promise.reject(new Error("analyze is not expected in this test")),
    write: () => Promise.reject(new Error("write is not expected in this test")),
    async confirm(candidate) {
      calls++;
      return { ok: true, value: confirmByRule(candidate), usage: noUsage() };
    },
    async overview() {
      return null;
    },
    async close() {},
  };
  const cache = new AnswerCache(cacheDir, provider.identity, { readOnly: true });
  const context = stageContext(provider, cache, defaultEntityTypes);
  return { context, calls: () => calls };
}

describe("value classes", () => {
  it("puts values that read the same in one class", () => {
    const classes = valueClasses([
      claim("a.md", "4096"),
      claim("b.md", "4096 tokens"),
      claim("c.md", "`4096`"),
    ]);
    expect(classes).toHaveLength(1);
    expect(classes[0]!.members).toEqual([0, 1, 2]);
  });

  it("keeps case that changes a unit apart", () => {
    expect(valueClasses([claim("a.md", "5m"), claim("b.md", "5M")])).toHaveLength(2);
  });

  it("splits a value by its specific conditions", () => {
    const classes = valueClasses([
      claim("a.md", "4", { conditions: ["on Linux"] }),
      claim("b.md", "4", { conditions: ["on Windows"] }),
      claim("c.md", "4", { conditions: ["for most models"] }),
      claim("d.md", "4"),
    ]);
    expect(classes.map((one) => one.members)).toEqual([[0], [1], [2, 3]]);
  });

  it("limits classes to those with the most claims", () => {
    const classes = valueClasses(manyClaims(7, 7, ["1", "2", "2", "3", "3", "3", "4"]));
    const { kept, dropped } = limitClasses(classes, 2);
    expect(kept.map((one) => one.members.length)).toEqual([2, 3]);
    expect(dropped.map((one) => one.members.length)).toEqual([1, 1]);
  });
});

describe("candidates by value class", () => {
  it("makes one pair per pair of disagreeing classes", () => {
    const [group] = findCandidates(manyClaims(2000, 500, ["2048", "4096", "8192"]));
    expect(group?.classes).toHaveLength(3);
    expect(group?.pairs).toHaveLength(3);
  });

  it("pairs no classes that agree", () => {
    const groups = findCandidates(manyClaims(300, 100, ["4096", "4k", "4096 tokens"]));
    expect(groups).toEqual([]);
  });

  it("pairs classes only through claims of different sources", () => {
    const [group] = findCandidates([
      claim("a.md", "4096", { lines: [1, 1] }),
      claim("a.md", "2048", { lines: [2, 2] }),
      claim("b.md", "2048", { lines: [3, 3] }),
    ]);
    expect(group?.pairs).toEqual([[0, 2]]);
  });

  it("pairs no classes given by one source only", () => {
    const groups = findCandidates([claim("a.md", "4096"), claim("a.md", "2048")]);
    expect(groups).toEqual([]);
  });

  it("lists every claim of the confirmed classes", () => {
    const claims = manyClaims(2000, 500, ["2048", "4096", "8192"]);
    const [record] = contradictionsByRule(claims);
    expect(record?.sides).toHaveLength(2000);
    expect(new Set(record?.sides.map((side) => side.source)).size).toBe(500);
  });

  it("lists every claim of a disagreeing source", () => {
    const [record] = contradictionsByRule([
      claim("a.md", "4096", { lines: [1, 1] }),
      claim("a.md", "2048", { lines: [2, 2] }),
      claim("b.md", "2048", { lines: [3, 3] }),
    ]);
    expect(record?.sides.map((side) => `${side.source}:${side.lines[0]}`)).toEqual([
      "a.md:1",
      "a.md:2",
      "b.md:3",
    ]);
  });

  it("lists only the classes of confirmed pairs", () => {
    const claims = [
      claim("a.md", "2048", { conditions: ["on Linux"] }),
      claim("b.md", "4096", { conditions: ["on Windows"] }),
      claim("c.md", "8192", { conditions: ["on Windows"] }),
    ];
    const [group] = findCandidates(claims);
    const verdicts = group!.pairs.map((pair) => {
      const sides = pair.map((i) => group!.claims[i]!);
      const windows = sides.every((side) => side.conditions[0] === "on Windows");
      return { verdict: windows ? ("contradiction" as const) : ("agreement" as const), reason: "" };
    });
    const record = contradictionOf(group!, verdicts);
    expect(record?.sides.map((side) => side.source)).toEqual(["b.md", "c.md"]);
  });

  it("finds the same records in any input order", () => {
    const claims = manyClaims(600, 60, ["1", "2", "3", "4"], "cache size").concat(
      manyClaims(600, 60, ["on", "off"], "retry"),
    );
    const reversed = [...claims].reverse();
    const rotated = [...claims.slice(250), ...claims.slice(0, 250)];
    const expected = JSON.stringify(contradictionsByRule(claims));
    expect(JSON.stringify(contradictionsByRule(reversed))).toBe(expected);
    expect(JSON.stringify(contradictionsByRule(rotated))).toBe(expected);
  });
});

describe("candidate growth", () => {
  /** Claims in groups of 50 over 4 values, plus one group with a new value per 10 claims. */
  function workspace(count: number): SourcedClaim[] {
    const regular = Array.from({ length: count / 50 }, (_, group) =>
      manyClaims(50, 25, ["1", "2", "3", "4"], `setting ${group}`),
    ).flat();
    const values = Array.from({ length: count / 10 }, (_, i) => String(i + 1));
    return regular.concat(manyClaims(count / 10, count / 10, values, "noisy"));
  }

  const pairsOf = (claims: SourcedClaim[]) =>
    findCandidates(claims).reduce((sum, group) => sum + group.pairs.length, 0);

  it("grows pairs linearly with claims", () => {
    const counts = [1000, 2000, 4000, 8000, 16000];
    const perClaim = counts.map((count) => pairsOf(workspace(count)) / count);
    for (const ratio of perClaim.slice(1)) expect(ratio).toBeLessThanOrEqual(perClaim[0]!);
  });

  it("caps the pairs of one group", () => {
    const values = Array.from({ length: 500 }, (_, i) => String(i + 1));
    const [group] = findCandidates(manyClaims(500, 500, values));
    expect(group?.classes).toHaveLength(maxValueClasses);
    expect(group?.pairs).toHaveLength((maxValueClasses * (maxValueClasses - 1)) / 2);
    expect(group?.dropped).toEqual({
      classes: 500 - maxValueClasses,
      claims: 500 - maxValueClasses,
    });
  });
});

describe("confirm contradictions", () => {
  let cacheDir = "";
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), "wiki-resolve-classes-"));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("makes at most 3 confirm calls for 2,000 claims of 3 values", async () => {
    const { context, calls } = countingContext(cacheDir);
    const claims = manyClaims(2000, 500, ["2048", "4096", "8192"]);
    const records = await confirmContradictions(context, claims, new Map());
    expect(calls()).toBeLessThanOrEqual(3);
    expect(records).toHaveLength(1);
    expect(records[0]?.sides).toHaveLength(2000);
  });

  it("reports a group whose classes were limited", async () => {
    const { context } = countingContext(cacheDir);
    const values = Array.from({ length: maxValueClasses + 6 }, (_, i) => `${i + 1} MB`);
    await confirmContradictions(
      context,
      manyClaims(values.length, values.length, values),
      new Map(),
    );
    const limited = context.problems.filter(
      (problem) => problem.code === "contradiction-candidates-limited",
    );
    expect(limited).toHaveLength(1);
    expect(limited[0]?.severity).toBe("warning");
    expect(limited[0]?.message).toContain("the 6 claims of the 6 least stated ones");
  });

  it("reports nothing for many values of one source", async () => {
    const { context } = countingContext(cacheDir);
    const values = Array.from({ length: maxValueClasses + 6 }, (_, i) => `${i + 1} MB`);
    await confirmContradictions(context, manyClaims(values.length, 1, values), new Map());
    expect(context.problems).toEqual([]);
  });

  it("reports nothing for a group within the limit", async () => {
    const { context } = countingContext(cacheDir);
    await confirmContradictions(context, manyClaims(40, 40, ["1", "2"]), new Map());
    expect(context.problems).toEqual([]);
  });
});

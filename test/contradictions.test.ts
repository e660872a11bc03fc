import { describe, expect, it } from "vitest";
import type { ClaimSide, ContradictionCandidate } from "../packages/compiler/src/provider.js";
import {
  confirmByRule,
  specificConditions,
} from "../packages/compiler/src/resolve/confirm-rule.js";
import {
  candidateOf,
  contradictionOf,
  contradictionsByRule,
  findCandidates,
  newestSource,
} from "../packages/compiler/src/resolve/contradictions.js";
import {
  aliasIdentifiers,
  attributeKey,
  isIdentifier,
  subjectKey,
} from "../packages/compiler/src/resolve/keys.js";
import { readQuantity } from "../packages/compiler/src/resolve/quantities.js";
import { readValue, valuesAgree } from "../packages/compiler/src/resolve/values.js";
import type { SourcedClaim, SourcePath } from "../packages/compiler/src/types.js";

function claim(source: string, fields: Partial<SourcedClaim>): SourcedClaim {
  return {
    source: source as SourcePath,
    sourceDate: undefined,
    subjectKey: "",
    subject: "cache size",
    statement: "The cache size is set.",
    attribute: "default",
    value: "",
    conditions: [],
    polarity: "positive",
    stance: "asserts",
    lines: [1, 1],
    ...fields,
  };
}

function side(value: string, conditions: string[] = [], source = "a.md"): ClaimSide {
  return {
    source: source as SourcePath,
    lines: [1, 1],
    statement: "",
    value,
    conditions,
    excerpt: "",
  };
}

function candidate(left: ClaimSide, right: ClaimSide): ContradictionCandidate {
  return { subject: "cache size", attribute: "default", sides: [left, right] };
}

describe("values", () => {
  it.each([
    ["4k", "4096"],
    ["8K", "8192 tokens"],
    ["2K", "2048"],
    ["256k context", "262144"],
    ["4k", "4000"],
    ["5 minutes", "5m"],
    ["300 seconds", "5 minutes"],
    ["1h30m", "90 minutes"],
    ["1/4", "0.25"],
    ["`512`", "512"],
    ["1,024", "1024"],
    ["8 GiB", "8192 MiB"],
    ["either 4 or 1", "1 or 4"],
    ["enabled", "true"],
    ["not enabled", "disabled"],
    ["off", "false"],
    ["it depends on available memory", "depends on available memory"],
    ["The Default Template", "default template."],
    ["two approvals", "2 approvals"],
    ["thirty days", "30 days"],
    ["One", "1"],
  ])("%s agrees with %s", (left, right) => {
    expect(valuesAgree(left, right)).toBe(true);
  });

  it.each([
    ["2048 tokens", "4096 tokens"],
    ["either 4 or 1", "1"],
    ["5m", "5M"],
    ["5 minutes", "5 GB"],
    ["< 24 GiB", "24 GiB"],
    ["depends on VRAM", "4096"],
    ["enabled", "disabled"],
    ["`f16`", "`q8_0`"],
    ["two approvals", "one approval"],
    ["none", "1"],
  ])("%s disagrees with %s", (left, right) => {
    expect(valuesAgree(left, right)).toBe(false);
  });

  it("reads a choice into its options", () => {
    const form = readValue("either 4 or 1");
    if (form.kind !== "choice") throw new Error(`read as ${form.kind}`);
    expect(form.options).toHaveLength(2);
  });

  it("reads a dependency with what it depends on", () => {
    expect(readValue("depends on VRAM")).toEqual({ kind: "depends", on: "vram" });
  });

  it("keeps every reading of a kilo suffix", () => {
    expect(readQuantity("4k")?.readings).toEqual([4000, 4096]);
  });

  it("reads a comparator before the number", () => {
    expect(readQuantity(">= 48 GiB")?.comparator).toBe(">=");
  });

  it("rejects a number followed by a sentence", () => {
    expect(readQuantity("3 * the number of GPUs")).toBeUndefined();
    expect(readQuantity("127.0.0.1 port 11434")).toBeUndefined();
  });
});

describe("keys", () => {
  it.each([
    ["the context window size", "context window"],
    ["context length", "context window size"],
    ["Default context window", "context lengths"],
    ["the number of parallel requests", "parallel requests"],
    ["Cache Sizes", "cache size"],
  ])("folds %s and %s to one key", (left, right) => {
    expect(subjectKey(left)).toBe(subjectKey(right));
  });

  it("keeps identifiers exact", () => {
    expect(subjectKey("`APP_CACHE_SIZE`")).toBe(subjectKey("APP_CACHE_SIZE"));
    expect(subjectKey("APP_CACHE_SIZE")).not.toBe(subjectKey("cache size"));
  });

  it("tells identifiers from phrases", () => {
    expect(isIdentifier("`APP_PORT`")).toBe(true);
    expect(isIdentifier("/api/items")).toBe(true);
    expect(isIdentifier("cache size")).toBe(false);
    expect(isIdentifier("Cache")).toBe(false);
  });

  it("folds attribute spellings", () => {
    expect(attributeKey("Default value")).toBe("default");
    expect(attributeKey("defaults")).toBe("default");
    expect(attributeKey("max")).toBe("maximum");
  });

  it("joins an identifier to a phrase with its words after a shared prefix", () => {
    const aliases = aliasIdentifiers(["APP_CACHE_SIZE", "APP_PORT", "the cache size"]);
    expect(aliases.get(subjectKey("APP_CACHE_SIZE"))).toBe(subjectKey("cache size"));
  });

  it("never joins an identifier to a one-word phrase", () => {
    const aliases = aliasIdentifiers(["APP_MODELS", "APP_PORT", "models"]);
    expect(aliases.size).toBe(0);
  });
});

describe("confirm by rule", () => {
  it("finds equal values an agreement", () => {
    expect(confirmByRule(candidate(side("4k"), side("4096 tokens"))).verdict).toBe("agreement");
  });

  it("confirms different values without conditions", () => {
    const verdict = confirmByRule(candidate(side("2048"), side("4096")));
    expect(verdict.verdict).toBe("contradiction");
  });

  it("excuses values tied to different conditions", () => {
    const verdict = confirmByRule(candidate(side("4", ["on Linux"]), side("1", ["on Windows"])));
    expect(verdict.verdict).toBe("different-conditions");
  });

  it("confirms when only one side states a condition", () => {
    const verdict = confirmByRule(candidate(side("4 or 1", ["based on memory"]), side("1")));
    expect(verdict.verdict).toBe("contradiction");
  });

  it("treats a general quantifier as no condition", () => {
    expect(specificConditions(["for most models", "in general"])).toEqual([]);
    const verdict = confirmByRule(candidate(side("4096", ["for most models"]), side("2048")));
    expect(verdict.verdict).toBe("contradiction");
  });

  it("confirms different values under the same condition", () => {
    const verdict = confirmByRule(candidate(side("4", ["on Linux"]), side("8", ["On linux"])));
    expect(verdict.verdict).toBe("contradiction");
  });
});

describe("find candidates", () => {
  it("groups folded subjects and pairs disagreeing sources", () => {
    const groups = findCandidates([
      claim("a.md", { subject: "cache size", value: "64 MB" }),
      claim("b.md", { subject: "the cache", value: "128 MB" }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.pairs).toEqual([[0, 1]]);
  });

  it("keeps no group whose values agree", () => {
    const groups = findCandidates([
      claim("a.md", { value: "5 minutes" }),
      claim("b.md", { value: "5m" }),
    ]);
    expect(groups).toEqual([]);
  });

  it("never pairs claims of one source", () => {
    const groups = findCandidates([
      claim("a.md", { value: "64 MB" }),
      claim("a.md", { value: "128 MB", conditions: ["on Linux"] }),
    ]);
    expect(groups).toEqual([]);
  });

  it("leaves out reported views", () => {
    const groups = findCandidates([
      claim("a.md", { value: "64 MB" }),
      claim("b.md", { value: "128 MB", stance: "reports" }),
    ]);
    expect(groups).toEqual([]);
  });

  it("pairs opposite polarity on one value", () => {
    const groups = findCandidates([
      claim("a.md", { attribute: "default", value: "enabled" }),
      claim("b.md", { attribute: "default", value: "enabled", polarity: "negative" }),
    ]);
    expect(groups).toHaveLength(1);
  });

  it("keeps different attributes apart", () => {
    const groups = findCandidates([
      claim("a.md", { attribute: "default", value: "64" }),
      claim("b.md", { attribute: "maximum", value: "128" }),
    ]);
    expect(groups).toEqual([]);
  });

  it("joins subjects that resolved to one page", () => {
    const groups = findCandidates([
      claim("a.md", { subject: "store", subjectKey: "entities/store", value: "64" }),
      claim("b.md", { subject: "the storage", subjectKey: "entities/store", value: "128" }),
    ]);
    expect(groups).toHaveLength(1);
  });
});

describe("contradiction records", () => {
  const claims = [
    claim("old.md", { value: "2048", sourceDate: "2024-09", lines: [3, 3] }),
    claim("new.md", { value: "4096", sourceDate: "2026", lines: [7, 7] }),
    claim("mid.md", { value: "4096", sourceDate: "2025-08", lines: [5, 5] }),
  ];

  it("lists every disagreeing side sorted by source", () => {
    const [record] = contradictionsByRule(claims);
    expect(record?.sides.map((one) => one.source)).toEqual(["mid.md", "new.md", "old.md"]);
  });

  it("lists every case of a listed source", () => {
    const cases = [
      claim("sizes.md", { value: "depends on memory", lines: [1, 1] }),
      claim("sizes.md", { value: "4096", conditions: ["under 8 GiB"], lines: [2, 2] }),
      claim("sizes.md", { value: "32768", conditions: ["8-16 GiB"], lines: [3, 3] }),
      claim("faq.md", { value: "4096", lines: [5, 5] }),
    ];
    const [record] = contradictionsByRule(cases);
    const sides = record?.sides.map((one) => `${one.source}:${one.lines[0]}`);
    expect(sides).toEqual(["faq.md:5", "sizes.md:1", "sizes.md:2", "sizes.md:3"]);
  });

  it("names the newest source when dates differ", () => {
    const [record] = contradictionsByRule(claims);
    expect(record?.newest).toBe("new.md");
  });

  it("names no newest source on a tie", () => {
    const tied = [claim("a.md", { sourceDate: "2026" }), claim("b.md", { sourceDate: "2026" })];
    expect(newestSource(tied)).toBeUndefined();
  });

  it("gives each side its value in the reason", () => {
    const [record] = contradictionsByRule(claims);
    expect(record?.reason).toContain("old.md gives 2048");
  });

  it("makes no record without a confirmed pair", () => {
    const [group] = findCandidates(claims);
    const verdicts = group!.pairs.map(() => ({ verdict: "agreement" as const, reason: "" }));
    expect(contradictionOf(group!, verdicts)).toBeUndefined();
  });

  it("shows a provider the excerpt of each side", () => {
    const [group] = findCandidates(claims);
    const shown = candidateOf(group!, group!.pairs[0]!, (source, lines) => `${source}:${lines[0]}`);
    expect(shown.sides[0].excerpt).toBe(`${shown.sides[0].source}:${shown.sides[0].lines[0]}`);
  });
});

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CallClock } from "../bench/src/child/clock.js";
import { timedProvider } from "../bench/src/child/timed-provider.js";
import { identifierPattern, sampleCorpora, splitBlocks } from "../bench/src/generate/sample.js";
import { generateWorkspace } from "../bench/src/generate/workspace.js";
import { seededRandom, WeightedPicker } from "../bench/src/generate/random.js";
import { nLogNRatio, stageGrowth } from "../bench/src/growth.js";
import type { BuildFigures } from "../bench/src/figures.js";
import { watchGoal } from "../bench/src/goals.js";
import type { WatchLatency } from "../bench/src/watch-latency.js";
import { editSentence, editText, listSources } from "../bench/src/sources.js";
import { serverUseOf } from "../bench/src/server-use.js";
import { parseStageLines } from "../bench/src/stages.js";
import { parseSource, type Provider } from "@wiki/compiler";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("bench stage lines", () => {
  it("reads the time of each stage", () => {
    const stderr = [
      "provider offline: the embedded extractor, no model server",
      "scan     4 sources, 0 other files skipped, 0 unreadable (3 ms)",
      "parse    4 sources, 463 blocks (630 ms)",
      "write    66 pages (24 ms)",
      "emit     74 files, 74 to write, 0 to delete (101 ms)",
      "built 74 pages from 4 sources: 74 files written (2.2 s)",
    ].join("\n");
    expect(parseStageLines(stderr)).toEqual({ scan: 3, parse: 630, write: 24, emit: 101 });
  });

  it("ignores lines of no stage", () => {
    expect(parseStageLines("warning: raw/a.md:3: text (12 ms)\n")).toEqual({});
  });
});

describe("bench growth", () => {
  const figures = (sources: number, parse: number, scan: number): BuildFigures =>
    ({ sources, kind: "cold", buildMs: parse + scan, stages: { parse, scan } }) as BuildFigures;

  it("computes the n log n ratio", () => {
    expect(nLogNRatio(1000, 10000)).toBeCloseTo(13.33, 2);
  });

  it("flags quadratic stages", () => {
    const rows = stageGrowth(figures(1000, 200, 500), figures(10000, 20000, 5000), [1000, 10000]);
    expect(rows.find((row) => row.stage === "parse")?.verdict).toBe("above n·log n");
    expect(rows.find((row) => row.stage === "scan")?.verdict).toBe("within n·log n");
    expect(rows.find((row) => row.stage === "parse")?.exponent).toBeCloseTo(2, 5);
  });

  it("leaves small stages without verdict", () => {
    const rows = stageGrowth(figures(1000, 1, 2), figures(10000, 60, 30), [1000, 10000]);
    expect(rows.every((row) => row.verdict === "too small to tell")).toBe(true);
  });
});

describe("bench one-source edit", () => {
  it("edits prose in the second half", () => {
    const text = "# Title\n\nFirst line.\n\n```\ncode line\n```\n\nSecond line.\n";
    expect(editText(text)).toBe(text.replace("Second line.", `Second line.${editSentence}`));
  });

  it("skips frontmatter and code", () => {
    const text = "---\ntitle: A\n---\n\nProse here.\n\n```\nmore code\n```\n";
    expect(editText(text)).toContain(`Prose here.${editSentence}`);
  });

  it("appends a paragraph when no prose exists", () => {
    expect(editText("```\ncode\n```\n")).toContain(editSentence.trim());
  });

  it("appends a given sentence", () => {
    expect(editText("# Title\n\nLine.\n", " Saved twice.")).toBe("# Title\n\nLine. Saved twice.\n");
  });
});

describe("bench watch goal", () => {
  const watch = (latenciesMs: number[]): WatchLatency => {
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    const [minMs = 0, maxMs = 0] = [sorted[0], sorted.at(-1)];
    const medianMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return {
      workspace: "docs",
      source: "api.md",
      latenciesMs,
      minMs,
      medianMs,
      maxMs,
      loadAverage: 1,
    };
  };

  it("is met below 1 s at the median", () => {
    const check = watchGoal(watch([400, 1500, 600]));
    expect(check.met).toBe(true);
    expect(check.measured).toBe("median 0.60 s, max 1.50 s over 3 saves of docs/api.md, offline");
  });

  it("is missed at 1 s or more", () => {
    expect(watchGoal(watch([900, 1000, 1100])).met).toBe(false);
  });

  it("is not run without figures", () => {
    expect(watchGoal(undefined).met).toBeUndefined();
  });
});

describe("bench corpus sample", () => {
  it("splits headings and blocks", () => {
    const text =
      "---\ntitle: x\n---\n# Head\n\nOne\ntwo\n\n```sh\na\n\nb\n```\n\nimport X from 'y'\n";
    expect(splitBlocks(text)).toEqual({
      headings: ["Head"],
      blocks: ["One\ntwo", "```sh\na\n\nb\n```"],
    });
  });

  it("draws the same numbers for one seed", () => {
    const first = seededRandom(7);
    const second = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => [first(), second()]);
    for (const [a, b] of draws) expect(a).toBe(b);
  });

  it("picks by weight", () => {
    const picker = new WeightedPicker(["rare", "common"], [1, 9]);
    const random = seededRandom(1);
    const picks = Array.from({ length: 2000 }, () => picker.pick(random));
    const common = picks.filter((pick) => pick === "common").length / picks.length;
    expect(common).toBeGreaterThan(0.85);
    expect(common).toBeLessThan(0.95);
  });
});

describe("bench call clock", () => {
  it("counts overlapping calls once", async () => {
    const clock = new CallClock();
    const call = async () => {
      await sleep(40);
      return {
        ok: true as const,
        value: null,
        usage: { calls: 1, promptTokens: 0, completionTokens: 0, retries: 0 },
      };
    };
    const provider = timedProvider(
      {
        identity: { provider: "offline", model: "m", digest: "", options: "" },
        chunkTokens: 1,
        analyze: call,
        write: call,
        confirm: call,
        overview: call,
        close: async () => {},
      } as unknown as Provider,
      clock,
    );
    const chunk = {} as never;
    const context = {} as never;
    await Promise.all([provider.analyze(chunk, context), provider.analyze(chunk, context)]);
    expect(clock.times.calls.analyze).toBe(2);
    expect(clock.times.inFlightMs).toBeGreaterThanOrEqual(35);
    expect(clock.times.inFlightMs).toBeLessThan(clock.times.byStepMs.analyze);
    expect(provider.identity.model).toBe("m");
  });
});

describe("bench synthetic workspace", () => {
  it("writes valid sources with shared identifiers", async () => {
    const corpora = ["ollama-docs", "opensource-guide", "ollama-faq-history"];
    const sample = await sampleCorpora(
      corpora.map((name) => path.resolve("../shared/corpora", name)),
    );
    const dir = await mkdtemp(path.join(tmpdir(), "bench-test-"));
    try {
      const workspace = await generateWorkspace(sample, 40, dir);
      const files = await listSources(dir);
      expect(workspace.sources).toBe(40);
      expect(files).toHaveLength(40);

      const usedBy = new Map<string, number>();
      for (const file of files) {
        const text = await readFile(file, "utf8");
        const format = file.endsWith(".mdx") ? "mdx" : "md";
        const source = { path: path.relative(dir, file), sha256: "", text, lineCount: 0, format };
        const parsed = parseSource(source as Parameters<typeof parseSource>[0]);
        expect(parsed.problems.filter((problem) => problem.code === "mdx-invalid")).toEqual([]);
        const names = new Set([...text.matchAll(identifierPattern)].map((match) => match[1]));
        for (const name of names) usedBy.set(name ?? "", (usedBy.get(name ?? "") ?? 0) + 1);
      }
      expect(Math.max(...usedBy.values())).toBeGreaterThan(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("bench slot use", () => {
  it("compares the lower bound with the span", () => {
    const build = {
      calls: 10,
      buildMs: 5000,
      modelSpanMs: 4000,
      server: { simulatedMs: 100_000, slotBusyMs: 12_000 },
      callTimes: {
        inFlightHistogramMs: [0, 1000, 0, 0, 3000],
        stepSpans: { analyze: [10, 2000], write: [2500, 4000], confirm: [0, 0], overview: [0, 0] },
      },
    } as unknown as BuildFigures;
    const use = serverUseOf({ hosts: 1, slots: 4, timeScale: 0.1, build });
    expect(use.lowerBoundMs).toBe(2500);
    expect(use.efficiency).toBeCloseTo(0.625, 5);
    expect(use.busyShare).toBeCloseTo(0.75, 5);
    expect(use.slotsFedShare).toBeCloseTo(0.75, 5);
    expect(use.meanInFlight).toBeCloseTo(3.25, 5);
    expect(use.analyzeToWriteGapMs).toBe(500);
    expect(use.unscaledLowerBoundS).toBe(25);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { subjectKey } from "../packages/compiler/src/resolve/keys.js";
import type { Contradiction } from "../packages/compiler/src/types.js";
import { runCorpus, type CorpusRun } from "./offline-corpus.js";

let run: CorpusRun;

beforeAll(async () => {
  run = await runCorpus("../shared/corpora/ollama-faq-history");
});

function sidesOf(record: Contradiction | undefined): string[] {
  return (record?.sides ?? []).map((side) => `${side.source}:${side.lines[0]}`);
}

function recordAbout(subject: string): Contradiction | undefined {
  return run.contradictions.find((record) => subjectKey(record.subject) === subjectKey(subject));
}

describe("offline build of the faq history", () => {
  it("reports exactly two contradictions", () => {
    expect(run.contradictions.map((record) => record.subject).sort()).toHaveLength(2);
  });

  it("cites every statement of the default context length", () => {
    const record = recordAbout("context window size");
    expect(record?.attribute).toBe("default");
    const sides = sidesOf(record);
    expect(sides).toContain("faq-2024-09.md:23");
    expect(sides).toContain("faq-2025-08.md:23");
    expect(sides).toContain("faq-2026.mdx:25");
    expect(sides).toContain("context-length-2026.mdx:8");
  });

  it("keeps each value of the default context length", () => {
    const values = recordAbout("context length")!.sides.map(
      (side) => `${side.source} ${side.value}`,
    );
    expect(values).toContain("faq-2024-09.md 2048 tokens");
    expect(values).toContain("faq-2025-08.md 4096 tokens");
    expect(values).toContain("faq-2025-08.md 8192 tokens");
    expect(values).toContain("faq-2026.mdx 4096 tokens");
    expect(values).toContain("context-length-2026.mdx depends on VRAM");
  });

  it("ties the memory tiers to their conditions", () => {
    const tier = recordAbout("context length")!.sides.find((side) => side.lines[0] === 9);
    expect(tier?.value).toBe("4k context");
    expect(tier?.conditions).toEqual(["< 24 GiB VRAM"]);
  });

  it("cites every side of the parallel default", () => {
    const record = recordAbout("OLLAMA_NUM_PARALLEL");
    expect(record?.attribute).toBe("default");
    expect(sidesOf(record)).toEqual([
      "faq-2024-09.md:277",
      "faq-2025-08.md:308",
      "faq-2026.mdx:335",
    ]);
    expect(record?.sides[0]?.value).toBe("either 4 or 1");
    expect(record?.newest).toBe("faq-2026.mdx");
  });

  it("reads the agreements it does not report", () => {
    const queue = run.claims.filter((claim) => claim.subject === "OLLAMA_MAX_QUEUE" && claim.value);
    expect(queue.map((claim) => claim.value)).toEqual(["512", "512", "512"]);
    const loaded = run.claims.filter((claim) => claim.value === "5 minutes");
    expect(new Set(loaded.map((claim) => claim.source)).size).toBe(3);
  });

  it("reports neither agreement", () => {
    expect(recordAbout("OLLAMA_MAX_QUEUE")).toBeUndefined();
    const minutes = run.contradictions.filter((record) =>
      record.sides.some((side) => /minute/.test(side.value)),
    );
    expect(minutes).toEqual([]);
  });
});

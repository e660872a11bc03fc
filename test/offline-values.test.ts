import { describe, expect, it } from "vitest";
import { chunkSettings, chunkSource } from "../packages/compiler/src/chunk.js";
import { parseSource } from "../packages/compiler/src/parse.js";
import type { Analysis, Claim } from "../packages/compiler/src/steps.js";
import type { Source, SourcePath } from "../packages/compiler/src/types.js";
import { analyzeChunk } from "../packages/providers/src/offline/analyze.js";
import { readValueStatements } from "../packages/providers/src/offline/statements.js";
import { stepContext } from "./offline-corpus.js";

function analyze(text: string): Analysis {
  const source: Source = {
    path: "notes.md" as SourcePath,
    sha256: "",
    text,
    lineCount: text.split("\n").length,
    format: "md",
  };
  const [chunk] = chunkSource(parseSource(source), chunkSettings(1500));
  return analyzeChunk(chunk!, stepContext);
}

function valueClaims(text: string): Pick<Claim, "subject" | "attribute" | "value">[] {
  return analyze(text)
    .claims.filter((claim) => claim.attribute)
    .map(({ subject, attribute, value }) => ({ subject, attribute, value }));
}

/** Returns every name of the entity that has `name` among its names, sorted. */
function namesWith(analysis: Analysis, name: string): string[] {
  const found = analysis.entities.find(
    (entity) => entity.name === name || entity.aliases.includes(name),
  );
  return found ? [found.name, ...found.aliases].sort() : [];
}

function statement(sentence: string) {
  const [found] = readValueStatements(sentence);
  return found && { subject: found.subject?.text, attribute: found.attribute, value: found.value };
}

describe("values stated by a verb", () => {
  it("reads a kept duration", () => {
    expect(statement("Build logs are kept for 90 days.")).toEqual({
      subject: "Build logs",
      attribute: "kept for",
      value: "90 days",
    });
  });

  it("reads the attribute of a thing stated with is", () => {
    expect(statement("The preheat temperature of the oven is 250 °C.")).toEqual({
      subject: "oven",
      attribute: "preheat temperature",
      value: "250 °C",
    });
    expect(statement("The queue length is about 40 jobs.")).toEqual({
      subject: "queue length",
      attribute: "is job",
      value: "about 40 jobs",
    });
    expect(statement("Version 2 is faster than version 1.")).toBeUndefined();
  });

  it("keys the same attribute alike in two sources, so their values can disagree", () => {
    const first = valueClaims("# Oven\n\nThe hydration of the dough is 75 percent.\n");
    const second = valueClaims("# Notes\n\nThe hydration of the dough is 68 percent.\n");
    expect(first).toEqual([{ subject: "dough", attribute: "hydration", value: "75 percent" }]);
    expect(second).toEqual([{ subject: "dough", attribute: "hydration", value: "68 percent" }]);
  });

  it("puts a counted noun into the attribute", () => {
    expect(statement("A deploy needs two approvals from reviewers.")).toEqual({
      subject: "deploy",
      attribute: "need approval",
      value: "two approvals",
    });
    expect(statement("Each deploy needs one approval.")?.attribute).toBe("need approval");
  });

  it("keeps a comparison in the value", () => {
    expect(statement("Each request must include at least 2 tokens.")).toEqual({
      subject: "request",
      attribute: "include token",
      value: "at least 2 tokens",
    });
  });

  it("reads a range as one value", () => {
    expect(statement("Bulk fermentation takes 4 to 6 hours at 24 °C.")?.value).toBe("4 to 6 hours");
  });

  it("keeps a condition of time", () => {
    const [found] = readValueStatements("A deploy needs two approvals since January 2026.");
    expect(found?.conditions).toEqual(["since January 2026"]);
  });

  it("skips clauses it cannot read", () => {
    expect(statement("Wait 5 minutes before you retry.")).toBeUndefined();
    expect(statement("It takes 5 minutes.")).toBeUndefined();
    expect(statement("The server keeps logs for 30 days.")).toBeUndefined();
    expect(statement("The function `run()` runs one step.")).toBeUndefined();
  });

  it("puts claims under the clause subject", () => {
    const claims = valueClaims("# Retention\n\nBuild logs are kept for 30 days.\n");
    expect(claims).toContainEqual({
      subject: "Build logs",
      attribute: "kept for",
      value: "30 days",
    });
  });
});

describe("second names", () => {
  it("joins a name and what it is called", () => {
    const analysis = analyze(
      "# Agreements\n\nAn additional contributor agreement -- often called a Contributor " +
        "License Agreement (CLA) -- adds paperwork.\n",
    );
    expect(namesWith(analysis, "CLA")).toEqual([
      "CLA",
      "Contributor License Agreement",
      "contributor agreement",
    ]);
  });

  it("joins a thing and its file", () => {
    const analysis = analyze(
      "# Reports\n\nA security policy, defined in a `SECURITY.md` file, explains reporting.\n",
    );
    expect(namesWith(analysis, "security policy")).toEqual(["SECURITY.md", "security policy"]);
  });

  it("leaves a mentioned file alone", () => {
    const analysis = analyze(
      "# Setup\n\nWrite the rules of governance into your `GOVERNANCE.md` file.\n",
    );
    expect(namesWith(analysis, "GOVERNANCE.md")).toEqual(["GOVERNANCE.md"]);
  });
});

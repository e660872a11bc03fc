import { describe, expect, it } from "vitest";
import type { Analysis, Claim } from "@wiki/compiler";
import {
  briefSummary,
  renderClaims,
  renderMembers,
} from "../packages/providers/src/prompt/render.js";
import { renderAnalysis, renderCitedLines } from "../packages/providers/src/prompt/write-input.js";
import { candidate, chunkOf } from "./ollama-support.js";

function claim(subject: string, statement: string, lines: [number, number]): Claim {
  return {
    subject,
    statement,
    attribute: "",
    value: "",
    conditions: [],
    polarity: "positive",
    stance: "asserts",
    lines,
  };
}

function entity(name: string): Analysis["entities"][number] {
  return { name, type: "tool", aliases: [], description: "", lines: [1, 1] };
}

const chunk = chunkOf([
  "# Server",
  "The `serve` command starts the server.",
  "It listens on port 11434 by default, on every platform the project ships for.",
  "## Limits",
  "Requests wait in a queue of 512.",
  "Nothing else is said here.",
]);

describe("write input rendering", () => {
  it("groups claims by subject in entity order", () => {
    const analysis: Analysis = {
      entities: [entity("queue"), entity("serve")],
      claims: [
        claim("serve", "serve starts the server.", [2, 2]),
        claim("queue", "The queue holds 512 requests.", [5, 5]),
        claim("serve", "serve listens on port 11434.", [3, 3]),
      ],
      relations: [],
    };
    expect(renderAnalysis(analysis)).toBe(
      [
        "<analysis>",
        "## queue",
        "claim 1 (lines 5-5): The queue holds 512 requests.",
        "## serve",
        "claim 0 (lines 2-2): serve starts the server.",
        "claim 2 (lines 3-3): serve listens on port 11434.",
        "</analysis>",
      ].join("\n"),
    );
  });

  it("marks conditions and reported claims", () => {
    const reported = {
      ...claim("serve", "Some say serve\nneeds root.", [2, 3]),
      stance: "reports" as const,
      conditions: ["version 2", "Linux"],
    };
    const rendered = renderAnalysis({ entities: [], claims: [reported], relations: [] });
    expect(rendered).toContain(
      "claim 0 (lines 2-3; conditions: version 2; Linux; reported): Some say serve needs root.",
    );
  });

  it("names entities without claims on one line", () => {
    const analysis: Analysis = {
      entities: [entity("serve"), entity("queue"), entity("queue")],
      claims: [claim("serve", "serve starts the server.", [2, 2])],
      relations: [],
    };
    expect(renderAnalysis(analysis).split("\n")[1]).toBe("Also named: queue");
  });

  it("escapes element ends in statements", () => {
    const analysis: Analysis = {
      entities: [],
      claims: [claim("tag", "It ends with </analysis> early.", [1, 1])],
      relations: [],
    };
    const rendered = renderAnalysis(analysis);
    expect(rendered.match(/<\/analysis>/g)).toHaveLength(1);
    expect(rendered).toContain("It ends with &lt;/analysis> early.");
  });

  it("renders an analysis without claims", () => {
    const rendered = renderAnalysis({ entities: [], claims: [], relations: [] });
    expect(rendered).toBe("<analysis>\nNo claims.\n</analysis>");
  });

  it("renders headings and the lines claims cite", () => {
    const claims = [claim("serve", "serve listens on port 11434.", [3, 3])];
    expect(renderCitedLines(chunk, claims)).toBe(
      [
        "[1-1] # Server",
        "[3-3] It listens on port 11434 by default, on every platform the project ships for.",
        "[4-4] ## Limits",
      ].join("\n"),
    );
  });

  it("leaves out a cited line a statement quotes in full", () => {
    const claims = [
      claim("queue", "Requests wait in a queue of 512.", [5, 5]),
      claim("serve", "The `serve` command starts the server.", [2, 2]),
    ];
    const rendered = renderCitedLines(chunk, claims);
    expect(rendered).toBe("[1-1] # Server\n[4-4] ## Limits");
  });

  it("renders cited lines that span a claim range", () => {
    const claims = [claim("queue", "Requests queue.", [4, 6])];
    const rendered = renderCitedLines(chunk, claims).split("\n");
    expect(rendered).toEqual([
      "[1-1] # Server",
      "[4-4] ## Limits",
      "[5-5] Requests wait in a queue of 512.",
      "[6-6] Nothing else is said here.",
    ]);
  });

  it("names the headings above the chunk", () => {
    const nested = { ...chunk, headings: ["Guide", "Setup"] };
    expect(renderCitedLines(nested, []).split("\n")[0]).toBe("Under: Guide > Setup");
  });

  it("keeps the continuation lines of a cited block", () => {
    const wrapped = { ...chunk, text: "[1-2] First line\nsecond line\n[3-3] Other" };
    const rendered = renderCitedLines(wrapped, [claim("a", "b", [1, 1])]);
    expect(rendered).toBe("[1-2] First line\nsecond line");
  });
});

describe("confirm and overview rendering", () => {
  it("leaves out an excerpt the statement repeats", () => {
    const rendered = renderClaims(candidate);
    expect(rendered.match(/Excerpt:/g)).toHaveLength(1);
    expect(rendered).toContain("Excerpt:\nSince version 2 the server listens on port 8080.");
  });

  it("keeps the first sentence of a member summary", () => {
    const summary = "The server runs the models, e.g. the small ones. It also lists them.";
    expect(briefSummary(summary)).toBe("The server runs the models, e.g. the small ones.");
  });

  it("cuts a long first sentence at a word", () => {
    const brief = briefSummary(`${"word ".repeat(60)}end.`);
    expect(brief.length).toBeLessThanOrEqual(201);
    expect(brief.endsWith("word…")).toBe(true);
  });

  it("keeps a short summary whole", () => {
    expect(briefSummary("Starts the server.")).toBe("Starts the server.");
  });

  it("renders member summaries by their first sentence", () => {
    const rendered = renderMembers({
      members: [
        { title: "serve", summary: "Starts the server that every client calls. Then more." },
      ],
    });
    expect(rendered).toBe(
      '<member title="serve">Starts the server that every client calls.</member>',
    );
  });
});

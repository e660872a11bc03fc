import { describe, expect, it } from "vitest";
import {
  isGoodPhraseName,
  isNameCode,
  mentionFinder,
} from "../packages/providers/src/offline/names.js";
import { leadingTerm } from "../packages/providers/src/offline/text.js";
import type { Block } from "../packages/compiler/src/types.js";

function block(kind: string, text: string): Block {
  return { kind, text, lines: [1, 1], headings: [], linkTexts: [] } as unknown as Block;
}

describe("code spans as names", () => {
  it.each([
    ["`--verbose`"],
    ["`-m`"],
    ["`num_ctx`"],
    ["`/api/chat`"],
    ["`APP_HOST`"],
    ["`app.toml`"],
    ["`run_step()`"],
    ["`tool serve`"],
    ["`FROM`"],
  ])("accepts identifier %s", (code) => {
    expect(isNameCode(code)).toBe(true);
  });

  it.each([["`for`"], ["`with`"], ["`if`"], ["`return`"], ["`await`"]])(
    "rejects keyword %s",
    (code) => {
      expect(isNameCode(code)).toBe(false);
    },
  );

  it.each([["`1.2.3`"], ["`v0.6`"], ["`v2`"], ["`2.0.0-rc.1`"], ["`v1.4+build`"]])(
    "rejects version %s",
    (code) => {
      expect(isNameCode(code)).toBe(false);
    },
  );

  it.each([["`kill(`"], ["`kill(pid, SIGTERM)`"], ["`f(x`"], ["`a]`"]])(
    "rejects code fragment %s",
    (code) => {
      expect(isNameCode(code)).toBe(false);
    },
  );
});

describe("phrases as names", () => {
  it.each([["macOS (Apple Silicon)"], ["cache server"], ["ROCm v5.7"], ["GPL v3"]])(
    "accepts phrase %s",
    (phrase) => {
      expect(isGoodPhraseName(phrase)).toBe(true);
    },
  );

  it.each([
    ["for"],
    ["v0"],
    ["v0.6"],
    ["MLX (CUDA"],
    ["GPU (use `think` levels"],
    ["use `think"],
    ["Silicon)"],
  ])("rejects %s", (phrase) => {
    expect(isGoodPhraseName(phrase)).toBe(false);
  });
});

describe("leading terms with a qualifier", () => {
  it("drops the qualifier of a table cell", () => {
    expect(leadingTerm(block("table-row", "macOS (arm64) | Homebrew or the installer"))?.term).toBe(
      "macOS",
    );
  });

  it("drops the qualifier of a list term", () => {
    expect(leadingTerm(block("list-item", "Tool (GPU build): the archive for GPUs"))?.term).toBe(
      "Tool",
    );
  });

  it("keeps a code term's qualifier with its description", () => {
    const term = leadingTerm(block("list-item", "`id` (optional): the record's id"));
    expect(term?.term).toBe("id");
    expect(term?.rest).toBe("(optional) the record's id");
  });

  it("describes a code term by its qualifier alone", () => {
    expect(leadingTerm(block("list-item", "`tags` (string or array)"))?.rest).toBe(
      "string or array",
    );
  });

  it("keeps a code term whole", () => {
    expect(leadingTerm(block("table-row", "`run()` | Runs one step of the job"))?.term).toBe(
      "run()",
    );
  });
});

describe("mentions of a name", () => {
  it("finds a capitalized keyword only as written", () => {
    const find = mentionFinder(["FROM"]);
    expect(find("Build a model from a file.")).toBe(-1);
    expect(find("Start the file with FROM and a model name.")).toBe(20);
  });

  it("finds a longer name in any case", () => {
    const find = mentionFinder(["Build Cache"]);
    expect(find("The build cache is kept.")).toBe(4);
  });

  it("finds a short name only as written", () => {
    const find = mentionFinder(["API"]);
    expect(find("An api key.")).toBe(-1);
    expect(find("An API key.")).toBe(3);
  });
});

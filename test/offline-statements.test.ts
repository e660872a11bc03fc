import { describe, expect, it } from "vitest";
import { readValueStatements } from "../packages/providers/src/offline/statements.js";
import { cutValue } from "../packages/providers/src/offline/value-span.js";

function only(sentence: string) {
  const statements = readValueStatements(sentence);
  expect(statements, sentence).toHaveLength(1);
  return statements[0]!;
}

describe("value statements", () => {
  it("reads a plain default", () => {
    const statement = only("The default is 512");
    expect(statement.attribute).toBe("default");
    expect(statement.value).toBe("512");
    expect(statement.subject).toBeUndefined();
  });

  it("reads a choice that depends on a condition", () => {
    const statement = only("The default will auto-select either 4 or 1 based on available memory.");
    expect(statement.value).toBe("either 4 or 1");
    expect(statement.conditions).toEqual(["based on available memory"]);
  });

  it("names the measured thing and keeps a general condition", () => {
    const statement = only("By default, the server uses a cache size of 64 MB for most workloads.");
    expect(statement.measured).toBe("cache size");
    expect(statement.value).toBe("64 MB");
    expect(statement.conditions).toEqual(["for most workloads"]);
  });

  it("keeps the clause subject beside the measured thing", () => {
    const statement = only("The `fast` profile has a default cache size of 128 MB.");
    expect(statement.measured).toBe("cache size");
    expect(statement.subject?.text).toBe("`fast` profile");
    expect(statement.value).toBe("128 MB");
  });

  it("turns a list of cases into a dependency", () => {
    const statement = only("The server defaults to the following cache sizes based on memory:");
    expect(statement.measured).toBe("cache sizes");
    expect(statement.value).toBe("depends on memory");
    expect(statement.introducesList).toBe(true);
  });

  it("reads every setting in brackets", () => {
    const statements = readValueStatements(
      "`max_items` (integer): items to return (default 5, max 10)",
    );
    expect(statements.map((one) => [one.attribute, one.value])).toEqual([
      ["default", "5"],
      ["maximum", "10"],
    ]);
  });

  it("reads both sides of a contrast", () => {
    const statements = readValueStatements(
      "Compression is enabled by default through the API, but disabled by default in the CLI.",
    );
    expect(statements.map((one) => [one.value, one.conditions])).toEqual([
      ["enabled", ["through the API"]],
      ["disabled", ["in the CLI"]],
    ]);
    expect(statements[1]?.continuesPrevious).toBe(true);
  });

  it("puts a participle before a number into the attribute", () => {
    const statement = only(
      "By default items are kept in memory for 5 minutes before being dropped.",
    );
    expect(statement.attribute).toBe("default kept in memory");
    expect(statement.value).toBe("5 minutes");
  });

  it("puts the verb of a default action into the attribute", () => {
    const statement = only("The server binds 127.0.0.1 port 8080 by default.");
    expect(statement.attribute).toBe("default bind");
    expect(statement.value).toBe("127.0.0.1 port 8080");
  });

  it("marks a negated default", () => {
    const statement = only("Caching is not enabled by default.");
    expect(statement.value).toBe("enabled");
    expect(statement.negated).toBe(true);
  });

  it("keeps the predicate that by default belongs to", () => {
    const statement = only(
      "Tracing is bundled into the image and is enabled by default when a collector is reachable.",
    );
    expect(statement.value).toBe("enabled");
    expect(statement.conditions).toEqual(["when a collector is reachable"]);
  });

  it("reads a sentence that starts with defaults", () => {
    expect(only("Defaults to `true`").value).toBe("`true`");
  });

  it.each([
    "For example, to set the default size to 8K, use:",
    "Is the default 5?",
    "The server keeps a cache of recent answers.",
    "Ollama's API is served by default at:",
  ])("reads no value from %s", (sentence) => {
    expect(readValueStatements(sentence)).toEqual([]);
  });
});

describe("value spans", () => {
  it("cuts a value at a clause", () => {
    expect(cutValue("1, and will handle 1 request at a time").value).toBe("1");
  });

  it("cuts a value at a reason", () => {
    expect(cutValue("1 model maximum due to limits in the driver").value).toBe("1 model maximum");
  });

  it("peels trailing conditions", () => {
    const span = cutValue("enabled in the CLI and API for supported models");
    expect(span.value).toBe("enabled");
    expect(span.conditions).toEqual(["in the CLI and API", "for supported models"]);
  });

  it("keeps a value that is a phrase with a preposition", () => {
    expect(cutValue("in your home directory").value).toBe("in your home directory");
  });
});

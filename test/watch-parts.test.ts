import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeChanges, diffSnapshots } from "../packages/cli/src/watch/changes.js";
import { createIgnore, isEditorFile } from "../packages/cli/src/watch/ignore.js";
import { snapshotOfBuild, type InputSnapshot } from "../packages/cli/src/watch/snapshot.js";

const root = path.resolve("/ws");
const at = (...names: string[]) => path.join(root, ...names);

describe("ignore predicate", () => {
  const ignore = createIgnore({
    folders: [at("raw"), at("schema")],
    parents: [],
    excluded: [at("wiki"), at(".wiki-cache")],
  });

  it.each([
    ["raw", false],
    ["raw/api.md", false],
    ["raw/docs/api/errors.mdx", false],
    ["schema/wiki.yaml", false],
    ["schema/prompts/analyze.md", false],
    ["raw/.api.md.swp", true],
    ["raw/api.md.swp", true],
    ["raw/api.md~", true],
    ["raw/.#api.md", true],
    ["raw/#api.md#", true],
    ["raw/4913", true],
    ["raw/api.md.tmp", true],
    ["raw/api.md___jb_tmp___", true],
    ["raw/.git/HEAD", true],
    ["raw/.drafts/api.md", true],
    ["schema/.wiki.yaml.swp", true],
    ["wiki/index.md", true],
    [".wiki-cache/answers/ab/cd.json", true],
    ["other/file.md", true],
  ])("%s ignored: %s", (name, expected) => {
    expect(ignore(at(...name.split("/")))).toBe(expected);
  });

  it("keeps a missing folder's parent but not its other entries", () => {
    const watching = createIgnore({
      folders: [at("raw"), at("schema")],
      parents: [root],
      excluded: [at("wiki")],
    });
    expect(watching(root)).toBe(false);
    expect(watching(at("schema"))).toBe(false);
    expect(watching(at("notes"))).toBe(true);
    expect(watching(at("README.md"))).toBe(true);
  });

  it("reads a hidden workspace folder", () => {
    const hidden = createIgnore({ folders: [at(".hidden", "raw")], parents: [], excluded: [] });
    expect(hidden(at(".hidden", "raw", "api.md"))).toBe(false);
  });

  it("leaves ordinary names alone", () => {
    for (const name of ["api.md", "notes.txt", "v4913.md", "tmp.md", "backup-plan.md"]) {
      expect(isEditorFile(name)).toBe(false);
    }
  });
});

function snapshot(sources: Record<string, string>, schema: Record<string, string> = {}) {
  const value: InputSnapshot = {
    sources: new Map(Object.entries(sources)),
    schema: new Map(Object.entries(schema)),
    fingerprint: JSON.stringify([sources, schema]),
  };
  return value;
}

describe("snapshot differences", () => {
  it("lists added, changed and removed files", () => {
    const before = snapshot({ "a.md": "1", "b.md": "2", "c.md": "3" });
    const after = snapshot({ "a.md": "1", "b.md": "9", "d.md": "4" }, { "wiki.yaml": "5" });
    expect(diffSnapshots(before, after)).toEqual([
      { kind: "source", path: "b.md", change: "changed" },
      { kind: "source", path: "d.md", change: "added" },
      { kind: "source", path: "c.md", change: "removed" },
      { kind: "schema", path: "wiki.yaml", change: "added" },
    ]);
  });

  it("pairs equal bytes as a rename", () => {
    const before = snapshot({ "a.md": "1", "b.md": "2" });
    const after = snapshot({ "guide/a.md": "1", "b.md": "2" });
    expect(diffSnapshots(before, after)).toEqual([
      { kind: "source", path: "guide/a.md", change: "renamed", from: "a.md" },
    ]);
  });

  it("names a few changes and counts many", () => {
    const few = diffSnapshots(
      snapshot({ "a.md": "1" }),
      snapshot({ "b.md": "1" }, { "wiki.yaml": "2" }),
    );
    expect(describeChanges(few, "schema")).toBe("a.md renamed to b.md, schema/wiki.yaml added");
    const many = diffSnapshots(
      snapshot({ "a.md": "1", "b.md": "2", "c.md": "3" }),
      snapshot({ "a.md": "7", "b.md": "8", "d.md": "4", "e.md": "5" }, { "wiki.yaml": "2" }),
    );
    expect(describeChanges(many, "schema")).toBe(
      "2 sources changed, 2 added, 1 removed; 1 schema file added",
    );
  });

  it("takes the sources a build read", () => {
    const before = snapshot({ "a.md": "1", "b.md": "2", "c.md": "unreadable:source-binary" });
    const built = snapshotOfBuild(before, { "a.md": "1", "b.md": "3", "d.md": "4" });
    expect([...built.sources]).toEqual([
      ["a.md", "1"],
      ["b.md", "3"],
      ["d.md", "4"],
      ["c.md", "unreadable:source-binary"],
    ]);
    expect(built.fingerprint).not.toBe(snapshotOfBuild(before, { "a.md": "1" }).fingerprint);
  });

  it("says when nothing changed", () => {
    expect(describeChanges([], "schema")).toBe("no input changed");
  });
});

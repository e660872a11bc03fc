import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../packages/compiler/src/scan.js";
import { fileOf, textOf } from "../packages/compiler/src/source-text.js";
import type { Source, SourceFile } from "../packages/compiler/src/types.js";
import { hashLines, lineStarts } from "../packages/compiler/src/write/line-hash.js";
import { citedLinesHash, linesOf } from "./support/tree.js";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const dir = mkdtempSync(path.join(os.tmpdir(), "wiki-line-hash-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `bytes` as a raw file and returns the source scan reads from it. */
async function scanned(name: string, bytes: Buffer): Promise<SourceFile> {
  const raw = mkdtempSync(path.join(dir, "raw-"));
  writeFileSync(path.join(raw, name), bytes);
  const result = await scan(raw, { include: ["**/*"], exclude: [], maxBytes: 1 << 20 });
  expect(result.problems).toEqual([]);
  return fileOf(result.sources[0]!);
}

const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

const files: [string, Buffer][] = [
  ["final newline", Buffer.from("# A\n\nb\nc\n")],
  ["no final newline", Buffer.from("# A\n\nb\nc")],
  ["crlf", Buffer.from("# A\r\n\r\nb\r\nc\r\n")],
  ["mixed line ends", Buffer.from("# A\r\n\nb\rc")],
  ["bom and frontmatter", Buffer.from("\uFEFF---\r\ntitle: A\r\n---\r\n\r\nb é\r\n")],
  ["utf-16le", Buffer.from("\uFEFF# A\r\n\r\nb é\r\nc", "utf16le")],
  ["utf-16be", utf16be("\uFEFF# A\n\nb é\nc\n")],
];

describe("hashLines", () => {
  it.each(files)("gives the file hash over every line: %s", async (name, bytes) => {
    const source = await scanned(`${name.replace(/\W/g, "-")}.md`, bytes);
    expect(lineStarts(bytes).length - 1).toBe(source.lineCount);
    expect(hashLines(source, [[1, source.lineCount]])).toBe(sha256(bytes));
    expect(hashLines(source, [[1, source.lineCount]])).toBe(source.sha256);
  });

  it.each(files.filter(([name]) => !name.startsWith("utf-16")))(
    "agrees with the test reader of citations: %s",
    async (name, bytes) => {
      const source = await scanned(`${name.replace(/\W/g, "-")}.md`, bytes);
      for (let line = 1; line <= source.lineCount; line++) {
        const ranges: [number, number][] = [[line, source.lineCount]];
        expect(hashLines(source, ranges)).toBe(citedLinesHash(linesOf(bytes), ranges));
      }
    },
  );

  it("hashes the lines with their terminators", async () => {
    const source = await scanned("a.md", Buffer.from("# A\n\nb\nc\nd\n"));
    expect(hashLines(source, [[3, 4]])).toBe(sha256("b\nc\n"));
    expect(hashLines(source, [[5, 5]])).toBe(sha256("d\n"));
  });

  it("keeps a last line without terminator as it is", async () => {
    const source = await scanned("a.md", Buffer.from("a\nb"));
    expect(hashLines(source, [[2, 2]])).toBe(sha256("b"));
  });

  it("keeps crlf and lone cr bytes", async () => {
    const source = await scanned("a.md", Buffer.from("a\r\nb\rc\r\n"));
    expect(source.lineCount).toBe(3);
    expect(hashLines(source, [[1, 1]])).toBe(sha256("a\r\n"));
    expect(hashLines(source, [[2, 2]])).toBe(sha256("b\r"));
    expect(hashLines(source, [[3, 3]])).toBe(sha256("c\r\n"));
  });

  it("counts the byte order mark in line 1", async () => {
    const source = await scanned(
      "a.md",
      Buffer.from("\uFEFF---\ndate: 2024-01-02\n---\n\nBody.\n"),
    );
    expect(textOf(source).startsWith("---")).toBe(true);
    expect(hashLines(source, [[1, 1]])).toBe(sha256("\uFEFF---\n"));
    expect(hashLines(source, [[5, 5]])).toBe(sha256("Body.\n"));
  });

  it("reads utf-16 in 2-byte units", async () => {
    const source = await scanned("a.md", Buffer.from("\uFEFFa\r\n\u0a0d\n", "utf16le"));
    expect(source.lineCount).toBe(2);
    expect(hashLines(source, [[2, 2]])).toBe(sha256(Buffer.from("\u0a0d\n", "utf16le")));
    const big = await scanned("b.md", utf16be("\uFEFFa\nb\n"));
    expect(hashLines(big, [[2, 2]])).toBe(sha256(utf16be("b\n")));
  });

  it("joins several ranges in the order given", async () => {
    const source = await scanned("a.md", Buffer.from("1\n2\n3\n4\n5\n"));
    const ranges: [number, number][] = [
      [1, 2],
      [4, 5],
    ];
    expect(hashLines(source, ranges)).toBe(sha256("1\n2\n4\n5\n"));
    expect(
      hashLines(source, [
        [4, 5],
        [1, 2],
      ]),
    ).toBe(sha256("4\n5\n1\n2\n"));
  });

  it("rejects ranges outside the file", async () => {
    const source = await scanned("a.md", Buffer.from("a\nb\n"));
    expect(() => hashLines(source, [[2, 3]])).toThrow(/outside a\.md, which has 2 lines/);
    expect(() => hashLines(source, [[0, 1]])).toThrow(RangeError);
    expect(() => hashLines(source, [[2, 1]])).toThrow(/Invalid line range \[2, 1\]/);
  });

  it("hashes the utf-8 text of a source made in memory", () => {
    const source: Source = {
      path: "a.md" as Source["path"],
      sha256: "",
      text: "a\nb é\n",
      lineCount: 2,
      format: "md",
    };
    expect(hashLines(fileOf(source), [[2, 2]])).toBe(sha256("b é\n"));
  });

  it("reads unpaired utf-16 surrogates as U+FFFD", async () => {
    const bytes = Buffer.from("\uFEFFa\n\ud800b\n", "utf16le");
    const source = await scanned("a.md", bytes);
    expect(textOf(source)).toBe("a\n\uFFFDb\n");
    expect(hashLines(source, [[2, 2]])).toBe(sha256(Buffer.from("\ud800b\n", "utf16le")));
  });
});

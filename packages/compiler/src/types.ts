/**
 * The data that flows through the pipeline: scan → parse → chunk → analyze → resolve → write →
 * link → cluster → emit. Each stage reads the types of the stages before it and nothing else.
 */

/** A source's path relative to the raw folder, with POSIX separators: `api/errors.mdx`. */
export type SourcePath = string & { readonly brand: "SourcePath" };

/** A page's path inside the output folder, POSIX, without `.md`: `entities/ollama-host`. */
export type PageSlug = string & { readonly brand: "PageSlug" };

/** A range of lines, 1-based and inclusive: `[start, end]`. */
export type LineRange = [number, number];

/** A file found by scan, read as text. */
export interface Source {
  path: SourcePath;
  /** Hex sha256 of the file's bytes on disk. */
  sha256: string;
  /**
   * The file's bytes as scan read them, so citations hash the exact bytes of their lines. A
   * source made in memory leaves it out, and then the UTF-8 bytes of `text` stand in.
   */
  bytes?: Uint8Array;
  /** Decoded text with line endings normalized to `\n`; line numbers match the file on disk. */
  text: string;
  lineCount: number;
  format: "md" | "mdx" | "txt";
}

/** A problem with one source or chunk; it is reported and the rest of the build goes on. */
export interface Problem {
  /** Stable machine code, e.g. `source-binary`, `mdx-invalid`, `analyze-failed`. */
  code: string;
  /** Path relative to the raw folder (or the schema folder for schema problems). */
  file: string;
  line?: number;
  message: string;
  /** `error` means the source or chunk was not used; `warning` means it was used with a fallback. */
  severity: "error" | "warning";
}

export type BlockKind = "heading" | "paragraph" | "list-item" | "table-row" | "definition" | "code";

/** A unit of prose (or a code block) of a parsed source, with the lines it spans. */
export interface Block {
  kind: BlockKind;
  /** Prose text; inline code keeps its backticks; for `code` blocks, the code itself. */
  text: string;
  /** Lines in the raw file (in a chunk: relative to the chunk, see `Chunk`). */
  lines: LineRange;
  /** Heading depth for `heading` blocks, list nesting for `list-item`, else 0. */
  depth: number;
  /** Texts of the enclosing headings, outermost first. */
  headings: string[];
  /** Texts of links in the block: `[text](url)` gives `text`. */
  linkTexts: string[];
  /** Language of a `code` block, else empty. */
  lang: string;
}

/** A parsed source: its prose blocks in document order. */
export interface ParsedSource {
  source: Source;
  title: string;
  /** ISO date (YYYY-MM or YYYY-MM-DD) from frontmatter or the file name, when the source gives one. */
  date: string | undefined;
  blocks: Block[];
  problems: Problem[];
}

/**
 * A source as the stages after parse keep it: the bytes that citations hash, and no text. So a
 * large build keeps each file once, outside the JavaScript heap.
 */
export interface SourceFile extends Omit<Source, "text" | "bytes"> {
  bytes: Uint8Array;
}

/**
 * The part of a parsed source that the stages after chunk keep. Its blocks live on in its
 * chunks, so a large build holds each block once.
 */
export interface SourceFacts extends Omit<ParsedSource, "blocks" | "source"> {
  source: SourceFile;
}

/**
 * A part of a source sized for one model call. Lines in `blocks` and in the model's answers are
 * relative to the chunk (1 = `lines[0]` of the file), so an edit above a chunk does not change
 * its text, its key or its cached answers.
 */
export interface Chunk {
  source: SourcePath;
  /** Lines of the raw file that the chunk spans. */
  lines: LineRange;
  headings: string[];
  blocks: Block[];
  /** The prompt rendering of the blocks, each prefixed with its relative line range. */
  text: string;
  /** Number of lines the chunk spans, so relative ranges can be checked. */
  lineCount: number;
  /**
   * Size of the blocks as chunk counts it to cut chunks: the tokens of their prompt lines, with an
   * allowance per identifier for the answer. The calls take the largest chunks first.
   */
  tokens: number;
  /** sha256 of `text` and the chunking settings; the base of every cache key of this chunk. */
  key: string;
}

/** A claim of the analyze step placed in its source: lines are lines of the raw file. */
export interface SourcedClaim {
  source: SourcePath;
  /** Date of the source when it gives one (see `ParsedSource.date`). */
  sourceDate: string | undefined;
  /** Key of the page the claim's subject resolved to. */
  subjectKey: string;
  subject: string;
  statement: string;
  attribute: string;
  value: string;
  conditions: string[];
  polarity: "positive" | "negative";
  stance: "asserts" | "reports";
  lines: LineRange;
}

/** One contradiction: claims about one subject and attribute whose values disagree. */
export interface Contradiction {
  subjectKey: string;
  subject: string;
  attribute: string;
  /** Every disagreeing claim, sorted by source path then line. */
  sides: SourcedClaim[];
  /** Path of the newest source when the sources give dates, else undefined. */
  newest: SourcePath | undefined;
  /** Why the model or the rule confirmed it. */
  reason: string;
}

/**
 * Walks a Markdown or MDX syntax tree and collects prose blocks (headings, paragraphs, list items,
 * table rows) and code blocks, each with its lines and the headings above it.
 */
import type { Block, BlockKind } from "./types.js";

/** The fields of mdast and MDX nodes that parse reads. */
export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  lang?: string | null;
  children?: MdNode[];
  position?: { start: { line: number }; end: { line: number } };
}

/** Node types that carry no prose: frontmatter, ESM imports, JS expressions, link definitions. */
const skipped = new Set(["yaml", "mdxjsEsm", "mdxFlowExpression", "definition", "thematicBreak"]);

/**
 * The empty list of texts that blocks, claims and entities without any share, frozen so that no
 * caller can add to every list at once. A large build contains tens of thousands of each.
 */
export const noTexts = Object.freeze<string[]>([]) as string[];

interface Walk {
  blocks: Block[];
  headings: string[];
  /** The texts of `headings` that are not empty, one array shared by the blocks under them. */
  enclosing: string[];
}

export function blocksOf(tree: MdNode): Block[] {
  const walk: Walk = { blocks: [], headings: [], enclosing: noTexts };
  for (const child of tree.children ?? []) visitFlow(child, walk, 0);
  return walk.blocks;
}

function visitFlow(node: MdNode, walk: Walk, listDepth: number): void {
  if (skipped.has(node.type)) return;
  switch (node.type) {
    case "heading":
      return addHeading(node, walk);
    case "paragraph":
      return add(
        walk,
        listDepth > 0 ? "list-item" : "paragraph",
        node,
        inlineText(node),
        listDepth,
      );
    case "code":
      return add(walk, "code", node, node.value ?? "", 0, node.lang ?? "");
    case "html":
      return add(walk, "paragraph", node, htmlText(node.value ?? ""), listDepth);
    case "table":
      for (const row of node.children ?? []) add(walk, "table-row", row, tableRow(row), 0);
      return;
    case "list":
      for (const item of node.children ?? []) visitChildren(item, walk, listDepth + 1);
      return;
    default:
      // Blockquotes, MDX components, footnotes: their children are prose.
      return visitChildren(node, walk, listDepth);
  }
}

function visitChildren(node: MdNode, walk: Walk, listDepth: number): void {
  for (const child of node.children ?? []) {
    if (isPhrasing(child))
      add(walk, listDepth > 0 ? "list-item" : "paragraph", child, inlineText(child), listDepth);
    else visitFlow(child, walk, listDepth);
  }
}

function addHeading(node: MdNode, walk: Walk): void {
  const depth = node.depth ?? 1;
  walk.headings = walk.headings.slice(0, depth - 1);
  walk.enclosing = exactTexts(walk.headings.filter(Boolean));
  add(walk, "heading", node, inlineText(node), depth);
  walk.headings[depth - 1] = detached(inlineText(node));
  walk.enclosing = exactTexts(walk.headings.filter(Boolean));
}

/**
 * Returns texts in an array of their own size, or the shared empty one. Arrays built by `filter`
 * or `push` reserve room for more elements, about 150 bytes for one or two texts.
 */
export function exactTexts(texts: string[]): string[] {
  return texts.length === 0 ? noTexts : texts.slice();
}

const loneSurrogate = /\p{Cs}/u;

/**
 * Returns a copy of a text cut from the document that keeps no reference to it. V8 keeps a cut
 * string (`slice`, `trim`, a parser's node value) as a view into the whole file, so one short
 * text kept to the end of a build would keep its source's full text alive. A copy decoded from
 * UTF-8 also takes one byte per character when it can, while a cut of a file with a single
 * character past Latin-1 takes two.
 */
export function detached(text: string): string {
  // UTF-8 has no lone surrogates, which a UTF-16 file can hold.
  if (loneSurrogate.test(text)) return (" " + text).slice(1);
  return Buffer.from(text, "utf8").toString("utf8");
}

function add(
  walk: Walk,
  kind: BlockKind,
  node: MdNode,
  text: string,
  depth: number,
  lang = "",
): void {
  const clean = kind === "code" ? text : normalizeSpace(text);
  if (!clean || !node.position) return;
  walk.blocks.push({
    kind,
    text: detached(clean),
    lines: [node.position.start.line, node.position.end.line],
    depth,
    headings: walk.enclosing,
    linkTexts: kind === "code" ? noTexts : exactTexts(linkTexts(node)),
    lang,
  });
}

const phrasingTypes = new Set([
  "text",
  "inlineCode",
  "emphasis",
  "strong",
  "delete",
  "link",
  "mdxJsxTextElement",
]);

function isPhrasing(node: MdNode): boolean {
  return phrasingTypes.has(node.type);
}

/** The prose of an inline tree; inline code keeps its backticks so identifiers stay visible. */
export function inlineText(node: MdNode): string {
  switch (node.type) {
    case "text":
      return node.value ?? "";
    case "inlineCode":
      return `\`${node.value ?? ""}\``;
    case "break":
      return " ";
    case "html":
      return htmlText(node.value ?? "");
    case "image":
    case "imageReference":
    case "mdxTextExpression":
    case "footnoteReference":
      return "";
    default:
      return (node.children ?? []).map(inlineText).join("");
  }
}

function tableRow(row: MdNode): string {
  return (row.children ?? []).map((cell) => normalizeSpace(inlineText(cell))).join(" | ");
}

function linkTexts(node: MdNode): string[] {
  if (node.type === "link") return [detached(normalizeSpace(inlineText(node)))].filter(Boolean);
  return (node.children ?? []).flatMap(linkTexts);
}

const entities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Text of an HTML fragment: tags and comments removed, common entities decoded. */
export function htmlText(html: string): string {
  return (
    html
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " ")
      // Markdown links inside an HTML block are not parsed as links: keep their text only.
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => decodeEntity(all, name))
  );
}

function decodeEntity(all: string, name: string): string {
  if (name.startsWith("#x") || name.startsWith("#X"))
    return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
  return entities[name.toLowerCase()] ?? all;
}

function normalizeSpace(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

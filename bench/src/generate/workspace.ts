/**
 * Writes a synthetic workspace of N sources made of the corpora's own headings and blocks,
 * recombined. File sizes, the MDX share and the frontmatter share follow the corpora. Every
 * identifier in inline code is replaced by one drawn from the corpora's identifiers, weighted by
 * the number of files that use each, so entities recur across sources as often as they do in
 * the corpora. The vocabulary grows with N as Heaps' law has it (about √N): each identifier
 * gets round(√(N / corpus files)) variants, the first the name itself and the others suffixed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pickOne, seededRandom, WeightedPicker, type Random } from "./random.js";
import { identifierPattern, type CorpusSample } from "./sample.js";

export interface GeneratedWorkspace {
  rawDir: string;
  sources: number;
  bytes: number;
  /** Distinct identifiers the sources may use. */
  vocabulary: number;
}

/** Sources per folder, as in a docs site of many sections. */
const folderSize = 50;

class Vocabulary {
  private readonly picker: WeightedPicker<string>;
  private readonly known: Set<string>;
  readonly size: number;

  constructor(
    sample: CorpusSample,
    private readonly variants: number,
  ) {
    const names = sample.identifiers.map((identifier) => identifier.name);
    this.picker = new WeightedPicker(
      names,
      sample.identifiers.map((identifier) => identifier.files),
    );
    this.known = new Set(names);
    this.size = names.length * variants;
  }

  /** Replaces every known identifier in inline code with a drawn one. */
  substitute(text: string, random: Random): string {
    return text.replace(identifierPattern, (whole, name: string) =>
      this.known.has(name) ? `\`${this.draw(random)}\`` : whole,
    );
  }

  private draw(random: Random): string {
    const name = this.picker.pick(random);
    const variant = Math.floor(random() * this.variants);
    return variant === 0 ? name : `${name}-${variant + 1}`;
  }
}

function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, 40).replace(/-+$/, "") || "page";
}

/**
 * Builds one source. Its title ends with the source's number, so no two sources share their
 * enclosing headings. It uses each distinct heading and block of the corpora at most once, and
 * ends early when 20 draws in a row find only used ones. Chunks with the same cache key in one
 * build make the compiler write the same cache file twice at once, which can fail.
 */
function sourceText(
  sample: CorpusSample,
  vocabulary: Vocabulary,
  random: Random,
  mdx: boolean,
  index: number,
) {
  const target = pickOne(random, sample.sizes) * (0.9 + 0.2 * random());
  const used = new Set<string>();
  const draw = (items: string[]): string | undefined => {
    for (let tries = 0; tries < 20; tries++) {
      const item = pickOne(random, items);
      if (used.has(item)) continue;
      used.add(item);
      return vocabulary.substitute(item, random);
    }
    return undefined;
  };
  const heading = (): string | undefined => {
    const text = draw(sample.headings);
    return mdx ? text?.replace(/[<>{}]/g, "") : text;
  };
  const title = `${heading() ?? "Page"} (${index + 1})`;
  const parts =
    random() < sample.frontmatterShare ? [`---\ntitle: "${title.replace(/"/g, "'")}"\n---`] : [];
  parts.push(`# ${title}`);
  const blocks = mdx ? sample.mdxBlocks : sample.markdownBlocks;
  let bytes = parts.join("\n\n").length;
  while (bytes < target) {
    const section = random() < 0.2 ? heading() : undefined;
    const part = section === undefined ? draw(blocks) : `## ${section}`;
    if (part === undefined) break;
    parts.push(part);
    bytes += part.length + 2;
  }
  return { title, text: `${parts.join("\n\n")}\n` };
}

export async function generateWorkspace(
  sample: CorpusSample,
  count: number,
  rawDir: string,
): Promise<GeneratedWorkspace> {
  const random = seededRandom(count);
  const variants = Math.max(1, Math.round(Math.sqrt(count / sample.sizes.length)));
  const vocabulary = new Vocabulary(sample, variants);
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const mdx = random() < sample.mdxShare;
    const { title, text } = sourceText(sample, vocabulary, random, mdx, index);
    const folder = path.join(
      rawDir,
      `section-${String(Math.floor(index / folderSize)).padStart(3, "0")}`,
    );
    if (index % folderSize === 0) await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${slugOf(title)}-${index}.${mdx ? "mdx" : "md"}`), text);
    bytes += Buffer.byteLength(text);
  }
  return { rawDir, sources: count, bytes, vocabulary: vocabulary.size };
}

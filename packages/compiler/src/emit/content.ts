/**
 * link, page by page: each page that write makes is linked, rendered and planned at once. Of each
 * page, only what cluster and the community pages need is kept: its slug, title, type, summary,
 * links and cited sources. So a build keeps one page body at a time, and the rendered text of the
 * few pages being planned, however large the wiki.
 */
import type { PageGraph } from "../cluster.js";
import { linkPages, type TargetResolver } from "../link.js";
import { filesInFlight, JobWindow } from "../limit.js";
import type { LinkStyle } from "../schema/config.js";
import type { OutputPlanner } from "../output/plan.js";
import type { PageSlug, SourcePath } from "../types.js";
import type { Assembled } from "../write/assemble.js";
import { markerPattern, type ListedPage, type Page } from "../write/page.js";
import { renderPage, type Generator } from "./frontmatter.js";
import { applyTemplates, type Templates } from "./templates.js";

export interface LinkedContent {
  graph: PageGraph;
  listed: Map<PageSlug, ListedPage>;
  /** The number of links written into the pages. */
  links: number;
  /** Milliseconds spent making the pages (write), linking them (link) and rendering them (emit). */
  ms: { write: number; link: number; emit: number };
}

export interface ContentOutput {
  resolve: TargetResolver;
  templates: Templates;
  linkStyle: LinkStyle;
  generator: Generator;
  planner: OutputPlanner;
}

export async function linkContent(
  assembled: Assembled,
  output: ContentOutput,
): Promise<LinkedContent> {
  const indexOf = new Map(assembled.slugs.map((slug, index) => [slug, index]));
  const content: LinkedContent = {
    graph: { slugs: assembled.slugs, links: [], citing: new Map() },
    listed: new Map(),
    links: 0,
    ms: { write: 0, link: 0, emit: 0 },
  };
  const pages = assembled.pages();
  // Planning a page waits on the disk (a read of the page there, a write of its staged copy), so
  // pages planned one at a time left the build idle most of that time.
  const planning = new JobWindow(filesInFlight);
  for (let started = performance.now(); ; started = performance.now()) {
    const next = pages.next();
    if (next.done) break;
    const page = next.value;
    const madeAt = performance.now();
    content.ms.write += madeAt - started;
    graphLinks(page, output.resolve, indexOf, content.graph);
    applyTemplates([page], output.templates);
    content.links += linkPages([page], output.resolve, output.linkStyle).length;
    const linkedAt = performance.now();
    content.ms.link += linkedAt - madeAt;
    await planning.add(output.planner.add(`${page.slug}.md`, renderPage(page, output.generator)));
    content.listed.set(page.slug, listedOf(page));
    content.ms.emit += performance.now() - linkedAt;
  }
  const drainedFrom = performance.now();
  await planning.drain();
  content.ms.emit += performance.now() - drainedFrom;
  return content;
}

/**
 * Records the links of a page's generated sections, and the sources it cites when it is an
 * entity or concept page. Links a template adds are left out, so a template changes the pages
 * of its type and no community.
 */
function graphLinks(
  page: Page,
  resolve: TargetResolver,
  indexOf: Map<PageSlug, number>,
  graph: PageGraph,
): void {
  const from = indexOf.get(page.slug)!;
  for (const [, target] of page.body.matchAll(markerPattern)) {
    const slug = resolve(target ?? "");
    const to = slug === undefined ? undefined : indexOf.get(slug);
    if (slug !== undefined && to !== undefined && slug !== page.slug) graph.links.push(from, to);
  }
  if (page.type !== "entity" && page.type !== "concept") return;
  for (const source of page.sources) citeFrom(graph.citing, source.path, from);
}

function citeFrom(citing: Map<string, number[]>, path: SourcePath, page: number): void {
  const group = citing.get(path);
  if (group) group.push(page);
  else citing.set(path, [page]);
}

function listedOf({ slug, title, type, summary }: Page): ListedPage {
  return { slug, title, type, summary };
}

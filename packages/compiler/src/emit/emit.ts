/**
 * link, cluster and emit: links the pages, clusters them, writes the community pages, the index
 * and the contradictions page, renders every page with its frontmatter, and plans the changes to
 * the output folder, with a `log.md` entry when anything changed.
 */
import { countOf } from "../summary.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BuildOptions } from "../build.js";
import type { StageTimer } from "../stage-log.js";
import { clusterPages } from "../cluster.js";
import type { BuildContext } from "../context.js";
import { mapLimit, stageConcurrency } from "../limit.js";
import { findLinks, linkPages, type PageLink } from "../link.js";
import type { BuildInputs } from "../fingerprint.js";
import type { InputChanges } from "../output/changes.js";
import { readManifest, renderManifest, type ManifestFigures } from "../output/manifest.js";
import { planOutput, type OutputPlan } from "../output/plan.js";
import type { Knowledge } from "../resolve/resolve.js";
import type { PageSlug, SourceFacts } from "../types.js";
import type { Assembled } from "../write/assemble.js";
import type { Page } from "../write/page.js";
import {
  keptOverview,
  nameCommunities,
  overviewWriterOf,
  type Community,
  type PreviousCommunities,
} from "./communities.js";
import { renderPage } from "./frontmatter.js";
import { applyTemplates } from "./templates.js";
import { appendLog, buildDate } from "./log-page.js";
import { describeCommunity } from "./overview.js";
import { communityPage, contradictionsPage, indexPage, type CommunityView } from "./pages.js";
import { readPreviousCommunities } from "./previous.js";

export interface EmitResult extends ManifestFigures {
  plan: OutputPlan;
  manifest: string;
}

export async function emitOutput(
  context: BuildContext,
  assembled: Assembled,
  knowledge: Knowledge,
  parsed: SourceFacts[],
  options: BuildOptions,
  timer: StageTimer,
  last: { inputs: BuildInputs; changes: InputChanges },
): Promise<EmitResult> {
  const { config } = options;
  const content = assembled.pages;
  const special = new Set(["index", "contradictions", "log"]);
  const resolve = (target: string): PageSlug | undefined => {
    const [kind, value] = [
      target.slice(0, target.indexOf(":")),
      target.slice(target.indexOf(":") + 1),
    ];
    if (kind === "thing") return assembled.slugOfThing.get(value);
    if (kind === "source") return assembled.slugOfSource.get(value as never);
    return value as PageSlug;
  };
  // The graph comes from the generated sections, without the links a template adds, so a
  // template changes the pages of its type and no community.
  const graph = findLinks(content, resolve);
  applyTemplates(content, options.templates ?? {});
  const links = linkPages(content, resolve, config.linkStyle);
  timer("link", `${countOf(links.length, "link")} between ${countOf(content.length, "page")}`);

  const clustering = clusterPages(content, graph);
  const manifest = await readManifest(options.outDir);
  const previous = await readPreviousCommunities(
    options.outDir,
    manifest,
    config.layout.folders.community,
  );
  const { community: communityFolder, source: sourceFolder } = config.layout.folders;
  const communities = nameCommunities(clustering, previous, communityFolder, sourceFolder);
  timer(
    "cluster",
    `${countOf(communities.length, "community", "communities")}, modularity ${clustering.modularity.toFixed(3)}`,
  );

  const bySlug = new Map(content.map((page) => [page.slug, page]));
  const views = await communityViews(
    context,
    communities,
    previous,
    graph,
    bySlug,
    !onlyRemoved(last.changes),
  );
  const generated = [
    ...views.map((view) => communityPage(view, bySlug)),
    indexPage(views, {
      sources: parsed.length,
      pages: content.length,
      contradictions: knowledge.contradictions.length,
    }),
    contradictionsPage(knowledge.contradictions),
  ];
  const known = new Set<string>([
    ...[...content, ...generated].map((page) => page.slug as string),
    ...special,
  ]);
  linkPages(
    generated,
    (target) => {
      const slug = resolve(target);
      return slug && known.has(slug) ? slug : undefined;
    },
    config.linkStyle,
  );

  const generator = {
    identity: context.provider.identity,
    promptVersion: promptVersionOf(options),
  };
  const files = new Map<string, string>();
  for (const page of [...content, ...generated])
    files.set(`${page.slug}.md`, renderPage(page, generator));
  const plan = await planOutput(options.outDir, files, manifest, options.force);
  context.problems.push(...plan.kept);
  await addLogEntry(options, plan, files, last.changes);
  const singletons = communities.filter((community) => community.members.length === 1).length;
  const figures = {
    pages: files.size,
    communities: communities.length,
    modularity: Number(clustering.modularity.toFixed(4)),
    singletonShare: Number((content.length ? singletons / content.length : 0).toFixed(4)),
    contradictions: knowledge.contradictions.length,
  };
  const rendered = renderManifest(files, last.inputs, figures, plan);
  timer(
    "emit",
    `${countOf(files.size, "file")}, ${plan.writes.size} to write, ${plan.deletes.length} to delete`,
  );
  return { plan, manifest: rendered, ...figures };
}

async function communityViews(
  context: BuildContext,
  communities: Community[],
  previous: PreviousCommunities,
  links: PageLink[],
  pages: Map<PageSlug, Page>,
  /** False when the build learned nothing new: sources were only deleted or renamed. */
  learned: boolean,
): Promise<CommunityView[]> {
  const communityOfSlug = new Map<PageSlug, PageSlug>();
  for (const community of communities)
    for (const member of community.members) communityOfSlug.set(member, community.slug);
  const between = new Map<PageSlug, Map<PageSlug, number>>();
  for (const link of links) {
    const from = communityOfSlug.get(link.from);
    const to = communityOfSlug.get(link.to);
    if (!from || !to || from === to) continue;
    const counts = between.get(from) ?? new Map<PageSlug, number>();
    counts.set(to, (counts.get(to) ?? 0) + 1);
    between.set(from, counts);
  }
  const writer = overviewWriterOf(context.provider.identity, context.promptVersions.overview);
  // A build that learned nothing new makes no model call: communities keep their overviews,
  // and a new one gets an overview only from the cache.
  return mapLimit(communities, stageConcurrency, async (community) => {
    const described =
      keptOverview(community, previous, writer, !learned) ??
      (await describeCommunity(context, community, pages, learned));
    const neighbours = [...(between.get(community.slug) ?? new Map<PageSlug, number>())]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 8)
      .map(([slug]) => slug);
    return { community, ...described, neighbours };
  });
}

/**
 * Adds `log.md` to the plan when this build changes anything else. The log is never deleted; an
 * edited log is kept as it is, like any page edited by hand, until a build with `--force`.
 */
async function addLogEntry(
  options: BuildOptions,
  plan: OutputPlan,
  files: Map<string, string>,
  changes: InputChanges,
): Promise<void> {
  const logFile = "log.md";
  const previous = await readFile(path.join(options.outDir, logFile), "utf8").catch(
    () => undefined,
  );
  const deleted = plan.deletes.indexOf(logFile);
  if (deleted >= 0) plan.deletes.splice(deleted, 1);
  if (!plan.writes.size && !plan.deletes.length && previous !== undefined) {
    files.set(logFile, previous);
    return;
  }
  const text = appendLog(previous, {
    date: buildDate(options.env),
    written: [...plan.writes.keys()].sort(),
    deleted: [...plan.deletes].sort(),
    changes,
  });
  files.set(logFile, text);
  if (!plan.kept.some((problem) => problem.file === logFile)) plan.writes.set(logFile, text);
}

function promptVersionOf(options: BuildOptions): string {
  return Object.entries(options.promptVersions)
    .map(([step, version]) => `${step}:${version}`)
    .join(" ");
}

/** True when the only changes since the last build are sources deleted or renamed. */
function onlyRemoved(changes: InputChanges): boolean {
  const removed = changes.deleted.length + changes.renamed.length > 0;
  const learned =
    changes.firstBuild ||
    changes.edited.length + changes.added.length + changes.prompts.length > 0 ||
    changes.settings ||
    changes.format ||
    changes.provider !== undefined;
  return removed && !learned;
}

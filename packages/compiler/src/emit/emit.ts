/**
 * cluster and emit: clusters the linked pages, writes the community pages, the index and the
 * contradictions page, and plans the rest of the changes to the output folder, with a `log.md`
 * entry when anything changed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BuildOptions } from "../build.js";
import { clusterPages, type PageGraph } from "../cluster.js";
import type { BuildContext } from "../context.js";
import type { BuildInputs } from "../fingerprint.js";
import { mapLimit, stageConcurrency } from "../limit.js";
import { linkPages, type TargetResolver } from "../link.js";
import type { InputChanges } from "../output/changes.js";
import { renderManifest, type Manifest, type ManifestFigures } from "../output/manifest.js";
import type { OutputPlan, OutputPlanner } from "../output/plan.js";
import type { StageTimer } from "../stage-log.js";
import { countOf } from "../summary.js";
import type { LinkStyle } from "../schema/config.js";
import type { Contradiction, PageSlug } from "../types.js";
import type { Page } from "../write/page.js";
import {
  keptOverview,
  nameCommunities,
  overviewWriterOf,
  type Community,
  type PreviousCommunities,
} from "./communities.js";
import type { LinkedContent } from "./content.js";
import { renderPage, type Generator } from "./frontmatter.js";
import { appendLog, buildDate } from "./log-page.js";
import { describeCommunity } from "./overview.js";
import { communityPage, contradictionsPage, indexPage, type CommunityView } from "./pages.js";
import { readPreviousCommunities } from "./previous.js";

export interface EmitResult extends ManifestFigures {
  plan: OutputPlan;
  manifest: string;
}

/** The input of emit from the stages before it. */
export interface EmitInput {
  content: LinkedContent;
  contradictions: Contradiction[];
  sourceCount: number;
  resolve: TargetResolver;
  generator: Generator;
  planner: OutputPlanner;
  manifest: Manifest;
}

export async function emitOutput(
  context: BuildContext,
  input: EmitInput,
  options: BuildOptions,
  timer: StageTimer,
  last: { inputs: BuildInputs; changes: InputChanges },
): Promise<EmitResult> {
  const { config } = options;
  const { content, planner } = input;
  const clustering = clusterPages(content.graph);
  const previous = await readPreviousCommunities(
    options.outDir,
    input.manifest,
    config.layout.folders.community,
  );
  const { community: communityFolder, source: sourceFolder } = config.layout.folders;
  const communities = nameCommunities(clustering, previous, communityFolder, sourceFolder);
  timer(
    "cluster",
    `${countOf(communities.length, "community", "communities")}, modularity ${clustering.modularity.toFixed(3)}`,
  );

  const learned = !onlyRemoved(last.changes);
  const views = await communityViews(context, communities, previous, content, learned);
  const generated = [
    ...views.map((view) => communityPage(view, content.listed)),
    indexPage(views, {
      sources: input.sourceCount,
      pages: content.listed.size,
      contradictions: input.contradictions.length,
    }),
    contradictionsPage(input.contradictions),
  ];
  linkGenerated(generated, input, config.linkStyle);
  for (const page of generated)
    await planner.add(`${page.slug}.md`, renderPage(page, input.generator));
  const plan = await planner.finish();
  await addLogEntry(options, planner, last.changes, input.manifest);
  context.problems.push(...plan.kept);
  const singletons = communities.filter((community) => community.members.length === 1).length;
  const pageCount = content.listed.size;
  const figures = {
    pages: plan.produced.size,
    communities: communities.length,
    modularity: Number(clustering.modularity.toFixed(4)),
    singletonShare: Number((pageCount ? singletons / pageCount : 0).toFixed(4)),
    contradictions: input.contradictions.length,
  };
  const rendered = renderManifest(last.inputs, figures, plan);
  timer(
    "emit",
    `${countOf(plan.produced.size, "file")}, ${plan.writes.length} to write, ${plan.deletes.length} to delete`,
  );
  return { plan, manifest: rendered, ...figures };
}

/** Links the pages emit writes, to pages that exist: the content, these pages and the log. */
function linkGenerated(generated: Page[], input: EmitInput, style: LinkStyle): void {
  const known = new Set<string>([
    ...input.content.listed.keys(),
    ...generated.map((page) => page.slug),
    ...["index", "contradictions", "log"],
  ]);
  const resolve = (target: string) => {
    const slug = input.resolve(target);
    return slug && known.has(slug) ? slug : undefined;
  };
  linkPages(generated, resolve, style);
}

async function communityViews(
  context: BuildContext,
  communities: Community[],
  previous: PreviousCommunities,
  content: LinkedContent,
  /** False when the build learned nothing new: sources were only deleted or renamed. */
  learned: boolean,
): Promise<CommunityView[]> {
  const between = linksBetween(communities, content.graph);
  const writer = overviewWriterOf(context.provider.identity, context.promptVersions.overview);
  // A build that learned nothing new makes no model call: communities keep their overviews,
  // and a new one gets an overview only from the cache.
  return mapLimit(communities, stageConcurrency, async (community) => {
    const described =
      keptOverview(community, previous, writer, !learned) ??
      (await describeCommunity(context, community, content.listed, learned));
    const neighbours = [...(between.get(community.slug) ?? new Map<PageSlug, number>())]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 8)
      .map(([slug]) => slug);
    return { community, ...described, neighbours };
  });
}

/** Counts the links from each community to each other one. */
function linksBetween(
  communities: Community[],
  graph: PageGraph,
): Map<PageSlug, Map<PageSlug, number>> {
  const communityOf = new Map<PageSlug, PageSlug>();
  for (const community of communities)
    for (const member of community.members) communityOf.set(member, community.slug);
  const between = new Map<PageSlug, Map<PageSlug, number>>();
  for (let i = 0; i < graph.links.length; i += 2) {
    const from = communityOf.get(graph.slugs[graph.links[i]!]!);
    const to = communityOf.get(graph.slugs[graph.links[i + 1]!]!);
    if (!from || !to || from === to) continue;
    const counts = between.get(from) ?? new Map<PageSlug, number>();
    counts.set(to, (counts.get(to) ?? 0) + 1);
    between.set(from, counts);
  }
  return between;
}

/**
 * Adds `log.md` to the plan when this build changes anything else. The log is never deleted; an
 * edited log is kept as it is, like any page edited by hand, until a build with `--force`. A
 * `log.md` that no build wrote (a file, folder or link of the user's) is kept and reported.
 */
async function addLogEntry(
  options: BuildOptions,
  planner: OutputPlanner,
  changes: InputChanges,
  manifest: Manifest,
): Promise<void> {
  const { plan } = planner;
  const logFile = "log.md";
  const previous = await readFile(path.join(options.outDir, logFile), "utf8").catch(
    () => undefined,
  );
  const deleted = plan.deletes.indexOf(logFile);
  if (deleted >= 0) plan.deletes.splice(deleted, 1);
  const generated = manifest.files[logFile] !== undefined;
  if (generated && !plan.writes.length && !plan.deletes.length && previous !== undefined) {
    return planner.keep(logFile, previous);
  }
  const text = appendLog(previous, {
    date: buildDate(options.env),
    written: [...plan.writes].sort(),
    deleted: [...plan.deletes].sort(),
    changes,
  });
  // The planner writes the log where nothing is, and keeps whatever the user put there.
  if (!generated) return planner.add(logFile, text);
  if (plan.kept.some((problem) => problem.file === logFile)) planner.keep(logFile, text);
  else await planner.write(logFile, text);
}

/** The prompt version of each step, as the frontmatter records it. */
export function promptVersionOf(options: BuildOptions): string {
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

/**
 * The stages after scan, in order: parse → chunk → analyze → resolve → write → link → cluster →
 * emit. `build.ts` loads this module only when a build runs them, because it pulls in the
 * Markdown parser, the tokenizer and the graph library.
 */
import type { BuildOptions } from "./build.js";
import { cacheDirOf } from "./cache.js";
import { chunkSettings } from "./chunk.js";
import type { BuildContext } from "./context.js";
import { linkContent, type LinkedContent } from "./emit/content.js";
import { emitOutput, promptVersionOf, type EmitResult } from "./emit/emit.js";
import type { Generator } from "./emit/frontmatter.js";
import type { BuildInputs } from "./fingerprint.js";
import { ingestAll } from "./ingest.js";
import type { TargetResolver } from "./link.js";
import type { InputChanges } from "./output/changes.js";
import { stageDirOf } from "./output/commit.js";
import { readManifest } from "./output/manifest.js";
import { OutputPlanner } from "./output/plan.js";
import { SourceStore } from "./prepare.js";
import { resolveAll } from "./resolve/resolve.js";
import { callLine, type StageTimer } from "./stage-log.js";
import { countOf } from "./summary.js";
import type { Contradiction, PageSlug, Source } from "./types.js";
import type { Assembled } from "./write/assemble.js";
import { writeAll } from "./write/write.js";

export interface StagesInput {
  /** The sources as read, after the scan. Parse takes them out of the list as it goes. */
  sources: Source[];
  /** The inputs of this build and what changed since the last one, for the manifest and log. */
  inputs: BuildInputs;
  changes: InputChanges;
}

export interface StagesResult {
  output: EmitResult;
  sourceCount: number;
  chunkCount: number;
}

/** Runs the stages after scan, logging a line for each, and returns what emit planned. */
export async function runStages(
  context: BuildContext,
  options: BuildOptions,
  timer: StageTimer,
  input: StagesInput,
): Promise<StagesResult> {
  const manifest = await readManifest(options.outDir);
  const stageDir = options.check ? undefined : stageDirOf(cacheDirOf(options.outDir));
  const planner = new OutputPlanner(options.outDir, manifest, options.force, stageDir);
  const generator = {
    identity: context.provider.identity,
    promptVersion: promptVersionOf(options),
  };
  // What the content stages make is dropped when they return: emit keeps of each page its
  // title, summary and links, and the contradictions.
  const written = await contentStages(context, options, timer, input.sources, {
    planner,
    generator,
  });
  const output = await emitOutput(
    context,
    { ...written, planner, generator, manifest },
    options,
    timer,
    { inputs: input.inputs, changes: input.changes },
  );
  return { output, sourceCount: written.sourceCount, chunkCount: written.chunkCount };
}

interface ContentResult {
  content: LinkedContent;
  contradictions: Contradiction[];
  resolve: TargetResolver;
  sourceCount: number;
  chunkCount: number;
}

/** Runs parse to link, and plans each page as soon as it is linked. */
async function contentStages(
  context: BuildContext,
  options: BuildOptions,
  timer: StageTimer,
  sources: Source[],
  output: { planner: OutputPlanner; generator: Generator },
): Promise<ContentResult> {
  // The sources, chunks, analyses and claims stay inside `writeStages`, so they can be freed
  // while link goes through the pages.
  const { assembled, ...written } = await writeStages(context, options, timer, sources);
  const resolve = targetResolver(assembled);
  const content = await linkContent(assembled, {
    ...output,
    resolve,
    templates: options.templates ?? {},
    linkStyle: options.config.linkStyle,
  });
  timer.move(content.ms.link, "link");
  timer.move(content.ms.emit, "emit");
  const pages = countOf(assembled.slugs.length, "page");
  timer("write", callLine(context, "write", pages));
  timer("link", `${countOf(content.links, "link")} between ${pages}`);
  return { content, resolve, ...written };
}

interface WriteResult {
  assembled: Assembled;
  contradictions: Contradiction[];
  sourceCount: number;
  chunkCount: number;
}

/** Runs parse → chunk → analyze → resolve → write, up to the pages that link then makes. */
async function writeStages(
  context: BuildContext,
  options: BuildOptions,
  timer: StageTimer,
  sources: Source[],
): Promise<WriteResult> {
  const settings = chunkSettings(
    Math.min(options.config.chunkTokens, options.provider.chunkTokens),
  );
  const store = new SourceStore(cacheDirOf(options.outDir), options.memo?.prepared, options.check);
  // A build of `wiki watch` keeps its sources for the next one.
  const ingest = ingestAll(context, store, sources, settings, {
    keepBlocks: options.memo !== undefined,
  });
  const [{ parsed, chunkCount }, analyzed] = await Promise.all([ingest.prepared, ingest.analyzed]);
  timer.measured(
    "parse",
    `${parsed.length - store.hits} parsed, ${store.hits} unchanged`,
    store.parseMs,
  );
  const cut = `${countOf(context.stats.chunkedSources, "source")} cut into several`;
  timer.measured("chunk", `${countOf(chunkCount, "chunk")}, ${cut}`, store.chunkMs);
  timer("analyze", callLine(context, "analyze", countOf(analyzed.analyses.length, "chunk")));

  const knowledge = await resolveAll(context, analyzed.analyses, parsed);
  timer(
    "resolve",
    callLine(
      context,
      "confirm",
      `${countOf(knowledge.identity.things.size, "thing")}, ${countOf(knowledge.contradictions.length, "contradiction")}`,
    ),
  );

  const assembled = await writeAll(analyzed, ingest.written, knowledge, parsed, options.config);
  const { contradictions } = knowledge;
  return { assembled, contradictions, sourceCount: parsed.length, chunkCount };
}

/** Finds the page of a link target: a thing's key, a source's path or a page's slug. */
function targetResolver(assembled: Assembled): TargetResolver {
  const { slugOfThing, slugOfSource } = assembled;
  return (target) => {
    const split = target.indexOf(":");
    const [kind, value] = [target.slice(0, split), target.slice(split + 1)];
    if (kind === "thing") return slugOfThing.get(value);
    if (kind === "source") return slugOfSource.get(value as never);
    return value as PageSlug;
  };
}

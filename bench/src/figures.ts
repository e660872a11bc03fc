/** The figures of one measured build, derived from its summary, stage lines and process report. */
import type { BuildSummary, StepName } from "@wiki/compiler";
import type { CallTimes } from "./child/clock.js";
import type { ServerFigures } from "./loopback.js";
import type { BuildRun } from "./run-build.js";
import type { StageTimes } from "./stages.js";

export type BuildKind = "cold" | "no-change" | "edit";

export interface BuildFigures {
  workspace: string;
  provider: string;
  kind: BuildKind;
  exitCode: number;
  sources: number;
  chunks: number;
  pages: number;
  /** Model calls by step as the build counts them (the offline extractor counts none). */
  callsByStep: Record<StepName, number>;
  calls: number;
  /** Calls that reached the provider, by step, whatever the provider counts. */
  providerCalls: Record<StepName, number>;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  /** Source size in estimated tokens, ceil(characters / 4): the unit the loopback server uses. */
  sourceTokens: number;
  promptPerSourceToken: number;
  completionPerSourceToken: number;
  cacheHits: number;
  written: number;
  deleted: number;
  /** The build's own duration (`durationMs` of its summary). */
  buildMs: number;
  /** Process wall time, Node start-up and module loading included. */
  processMs: number;
  /** Time during which at least one model call was in flight. */
  modelMs: number;
  outsideModelMs: number;
  /** First model call's start to last call's end, in ms; 0 when the build made no call. */
  modelSpanMs: number;
  /** The call clock of the build process, in full. */
  callTimes: CallTimes;
  stages: StageTimes;
  maxRssMiB: number;
  cpuMs: number;
  errors: number;
  server: ServerFigures | undefined;
  profile: string | undefined;
  /** Reason the build printed no summary. Its counts are then 0 and its stages those it logged. */
  failure: string | undefined;
  /** One-minute load average of the machine when the build ended. */
  loadAverage: number;
}

export interface BuildLabel {
  workspace: string;
  provider: string;
  kind: BuildKind;
  sourceChars: number;
  loadAverage: number;
}

type SummaryFigures = Pick<
  BuildSummary,
  "sources" | "chunks" | "pages" | "llm" | "written" | "deleted" | "durationMs" | "problems"
>;

/** Returns the figures of a build that printed no summary: zero counts, and its stage times. */
function emptySummary(run: BuildRun): SummaryFigures {
  const stagesMs = Object.values(run.stages).reduce((sum, ms) => sum + ms, 0);
  const callsByStep = { analyze: 0, write: 0, confirm: 0, overview: 0 };
  return {
    ...{ sources: 0, chunks: 0, pages: 0, written: 0, deleted: 0, problems: [] },
    llm: {
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      cacheHits: 0,
      retries: 0,
      splits: 0,
      callsByStep,
    },
    durationMs: stagesMs,
  };
}

export function figuresOf(
  label: BuildLabel,
  run: BuildRun,
  server: ServerFigures | undefined,
): BuildFigures {
  const summary = run.summary ?? emptySummary(run);
  const report = run.process;
  const sourceTokens = Math.ceil(label.sourceChars / 4);
  const calls = report.calls;
  return {
    workspace: label.workspace,
    provider: label.provider,
    kind: label.kind,
    exitCode: run.exitCode,
    sources: summary.sources,
    chunks: summary.chunks,
    pages: summary.pages,
    callsByStep: summary.llm.callsByStep,
    calls: summary.llm.calls,
    providerCalls: calls.calls,
    retries: summary.llm.retries,
    promptTokens: summary.llm.promptTokens,
    completionTokens: summary.llm.completionTokens,
    sourceTokens,
    promptPerSourceToken: summary.llm.promptTokens / sourceTokens,
    completionPerSourceToken: summary.llm.completionTokens / sourceTokens,
    cacheHits: summary.llm.cacheHits,
    written: summary.written,
    deleted: summary.deleted,
    buildMs: summary.durationMs,
    processMs: run.processWallMs,
    modelMs: calls.inFlightMs,
    outsideModelMs: summary.durationMs - calls.inFlightMs,
    modelSpanMs: calls.lastEndMs - calls.firstStartMs,
    callTimes: calls,
    stages: run.stages,
    maxRssMiB: report.maxRssKiB / 1024,
    cpuMs: report.userCpuMs + report.systemCpuMs,
    errors: summary.problems.filter((problem) => problem.severity === "error").length,
    failure: run.failure,
    server,
    profile: run.profile,
    loadAverage: label.loadAverage,
  };
}

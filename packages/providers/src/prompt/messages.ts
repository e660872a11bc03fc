/**
 * The chat messages of each step: its prompt template filled with the rendered inputs, and the
 * follow-up that shows the model why its answer could not be used.
 */
import { requiredPlaceholders } from "@wiki/compiler";
import type {
  Analysis,
  Chunk,
  CommunityBrief,
  ContradictionCandidate,
  StepContext,
  StepName,
} from "@wiki/compiler";
import type { RepairOptions } from "../repair/index.js";
import { fillTemplate, renderClaims, renderEntityTypes, renderMembers } from "./render.js";
import type { ChatMessage } from "./tokens.js";
import { renderAnalysis, renderCitedLines } from "./write-input.js";

/** What one step sends, and how its answer is checked. */
export interface StepRequest<S extends StepName = StepName> {
  step: S;
  messages: ChatMessage[];
  repair: RepairOptions;
  /** Origin of the input, for log lines and messages: `docs/a.md lines 1-40`. */
  label: string;
}

/** Longest previous answer quoted back to the model in a retry, in characters. */
const MAX_QUOTED_ANSWER = 4000;

function chunkLabel(chunk: Chunk): string {
  return `${chunk.source} lines ${chunk.lines[0]}-${chunk.lines[1]}`;
}

function userMessage(step: StepName, context: StepContext, values: Record<string, string>) {
  const content = fillTemplate(step, context.prompts[step], values, requiredPlaceholders[step]);
  return [{ role: "user" as const, content }];
}

export function analyzeRequest(chunk: Chunk, context: StepContext): StepRequest<"analyze"> {
  const values = {
    entity_types: renderEntityTypes(context.entityTypes),
    chunk: chunk.text,
    language: context.language,
  };
  return {
    step: "analyze",
    messages: userMessage("analyze", context, values),
    repair: { lineCount: chunk.lineCount },
    label: chunkLabel(chunk),
  };
}

export function writeRequest(
  chunk: Chunk,
  analysis: Analysis,
  context: StepContext,
): StepRequest<"write"> {
  // The write prompt's `{{chunk}}` gets only the lines the claims cite, not the whole chunk.
  const values = {
    analysis: renderAnalysis(analysis),
    chunk: renderCitedLines(chunk, analysis.claims),
    language: context.language,
  };
  return {
    step: "write",
    messages: userMessage("write", context, values),
    repair: { lineCount: chunk.lineCount, claimCount: analysis.claims.length },
    label: chunkLabel(chunk),
  };
}

export function confirmRequest(
  candidate: ContradictionCandidate,
  context: StepContext,
): StepRequest<"confirm"> {
  const values = { claims: renderClaims(candidate), language: context.language };
  const sources = candidate.sides.map((side) => side.source).join(" and ");
  return {
    step: "confirm",
    messages: userMessage("confirm", context, values),
    repair: {},
    label: `${candidate.subject} ${candidate.attribute} in ${sources}`,
  };
}

export function overviewRequest(
  community: CommunityBrief,
  context: StepContext,
): StepRequest<"overview"> {
  const values = { members: renderMembers(community), language: context.language };
  const first = community.members[0]?.title ?? "";
  return {
    step: "overview",
    messages: userMessage("overview", context, values),
    repair: {},
    label: `community of ${community.members.length} pages (${first}, …)`,
  };
}

/** The conversation of a retry: the request, the unusable answer, and what was wrong with it. */
export function retryMessages(request: StepRequest, answer: string, error: string): ChatMessage[] {
  const quoted =
    answer.length > MAX_QUOTED_ANSWER ? `${answer.slice(0, MAX_QUOTED_ANSWER)}…` : answer;
  const correction =
    `Your answer could not be used: ${error}. ` +
    "Answer again with one JSON object in the requested format, and nothing else.";
  return [
    ...request.messages,
    { role: "assistant", content: quoted },
    { role: "user", content: correction },
  ];
}

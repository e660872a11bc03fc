/**
 * The contract between the compiler and a model provider (offline extractor, Ollama,
 * OpenAI-compatible servers). The compiler owns chunking, caching, splitting and reporting;
 * a provider turns one request into one validated answer or a failure that says why.
 */
import type { EntityType } from "./schema/config.js";
import type { Analysis, Overview, Prose, Verdict } from "./steps.js";
import type { Chunk, LineRange, SourcePath } from "./types.js";

/** Token and call counts of one step, added up into the build's `llm` figures. */
export interface Usage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls repeated after a server error or an unusable answer. */
  retries: number;
}

/**
 * Why a step failed: `truncated` (answer cut by the context, or empty) tells the compiler to
 * split the chunk and try again; `invalid` means the answer stayed unusable after one retry;
 * `fatal` (model not found, no server) stops the build.
 */
export type FailureKind = "truncated" | "invalid" | "server" | "fatal" | "aborted";

export type StepResult<T> =
  | { ok: true; value: T; usage: Usage }
  | {
      ok: false;
      kind: FailureKind;
      message: string;
      usage: Usage;
      /** The same call may succeed later (an empty answer), so the failure is not recorded. */
      transient?: boolean;
    };

/** What every step may read besides its own input. */
export interface StepContext {
  signal: AbortSignal;
  /** Entity and concept types with a one-line description each. */
  entityTypes: EntityType[];
  /** Language of the prose the model writes; names stay as written in the source. */
  language: string;
  /** Prompt templates by step, already checked for their placeholders. */
  prompts: Record<"analyze" | "write" | "confirm" | "overview", string>;
}

/** One side of a candidate contradiction, with the lines it rests on. */
export interface ClaimSide {
  source: SourcePath;
  lines: LineRange;
  statement: string;
  value: string;
  conditions: string[];
  /** The raw lines of the source that `lines` spans. */
  excerpt: string;
}

/** Two claims about one subject and attribute that code found to disagree. */
export interface ContradictionCandidate {
  subject: string;
  attribute: string;
  sides: [ClaimSide, ClaimSide];
}

/** A community, as shown to the model for its overview. */
export interface CommunityBrief {
  members: { title: string; summary: string }[];
}

/** Identity of the provider and model, part of every cache key and recorded on every page. */
export interface ProviderIdentity {
  provider: "offline" | "ollama" | "openai";
  model: string;
  /** The model's digest where the server reports one, else empty. */
  digest: string;
  /** Options that change answers (temperature, seed, context size), as a stable string. */
  options: string;
}

export interface Provider {
  readonly identity: ProviderIdentity;
  /** Largest chunk, in tokens, that fits one analyze prompt plus its answer. */
  readonly chunkTokens: number;
  analyze(chunk: Chunk, context: StepContext): Promise<StepResult<Analysis>>;
  write(chunk: Chunk, analysis: Analysis, context: StepContext): Promise<StepResult<Prose>>;
  confirm(candidate: ContradictionCandidate, context: StepContext): Promise<StepResult<Verdict>>;
  /** Returns `null` when the provider writes no overviews (the offline extractor). */
  overview(community: CommunityBrief, context: StepContext): Promise<StepResult<Overview> | null>;
  close(): Promise<void>;
}

export const noUsage = (): Usage => ({
  calls: 0,
  promptTokens: 0,
  completionTokens: 0,
  retries: 0,
});

/**
 * The provider that wrote the output folder, read back from the provider line of its manifest
 * (`ollama llama3.1:8b DIGEST num_ctx=8192 seed=42 temperature=0 chunks 1500`). `wiki build
 * --check` replays that provider's cached answers when no model server answers, and `auto`
 * refuses to replace a model's pages with the offline extractor's.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  FatalBuildError,
  type Logger,
  type Provider,
  type ProviderIdentity,
} from "@wiki/compiler/core";

const manifestName = ".wiki-manifest.json";

export interface LastBuild {
  identity: ProviderIdentity;
  chunkTokens: number;
}

/** Returns the model provider of the last build in `outDir`, or undefined for none or offline. */
export async function lastModelBuild(outDir: string): Promise<LastBuild | undefined> {
  let line: unknown;
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, manifestName), "utf8"));
    line = (manifest as { parts?: { provider?: unknown } }).parts?.provider;
  } catch {
    return undefined;
  }
  return typeof line === "string" ? parseProviderLine(line) : undefined;
}

export function parseProviderLine(line: string): LastBuild | undefined {
  const words = line.split(" ");
  const [provider, model, digest] = words;
  const chunkTokens = Number(words.at(-1));
  if (provider !== "ollama" && provider !== "openai") return undefined;
  if (!model || !digest || words.length < 6 || words.at(-2) !== "chunks") return undefined;
  if (!Number.isInteger(chunkTokens)) return undefined;
  const options = words.slice(3, -2).join(" ");
  return {
    identity: {
      provider,
      model,
      digest: digest === "-" ? "" : digest,
      options: options === "-" ? "" : options,
    },
    chunkTokens,
  };
}

/**
 * Creates a provider with the last build's identity that serves cached answers only: every call that
 * reaches it is an answer the cache lacks, which `--check` reports with its own exit code.
 */
export function replayProvider(last: LastBuild, log: Logger, reason: string): Provider {
  const { provider, model } = last.identity;
  log(
    `${reason}; --check replays the cached answers of ${provider} ${model}, which wrote the pages`,
  );
  const missing = async (): Promise<never> => {
    throw new FatalBuildError(
      `--check needs model answers that are not in the cache, and no model server answered; start the server, or check with --provider offline`,
      "answers-missing",
    );
  };
  return {
    identity: last.identity,
    chunkTokens: last.chunkTokens,
    analyze: missing,
    write: missing,
    confirm: missing,
    overview: missing,
    close: async () => {},
  };
}

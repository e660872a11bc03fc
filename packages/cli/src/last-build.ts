/**
 * Providers of `wiki build --check`, which replays cached model output only. The provider that
 * wrote the output folder is read back from the provider line of its manifest (`ollama
 * llama3.1:8b DIGEST num_ctx=8192 seed=42 temperature=0 chunks 1500`): `--check` replays it when
 * no model server is reachable, and `auto` then stops rather than replace a model's pages.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  FatalBuildError,
  manifestName,
  type Logger,
  type Provider,
  type ProviderIdentity,
} from "@wiki/compiler/core";

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

/** Providers made by `answersOnly`, which need no second wrapping. */
const cacheOnly = new WeakSet<Provider>();

/**
 * Wraps a model provider for `--check`, which may only replay cached answers: a call that would
 * reach the model stops the check with exit code 4 instead of guessing. `fix` ends the message.
 */
export function answersOnly(
  provider: Pick<Provider, "identity" | "chunkTokens" | "close">,
  fix = "run a build first, or check with --provider offline",
): Provider {
  if (provider.identity.provider === "offline" || cacheOnly.has(provider as Provider)) {
    return provider as Provider;
  }
  const missing = async (): Promise<never> => {
    throw new FatalBuildError(
      `--check needs model answers that are not in the cache; ${fix}`,
      "answers-missing",
    );
  };
  const wrapped: Provider = {
    identity: provider.identity,
    chunkTokens: provider.chunkTokens,
    analyze: missing,
    write: missing,
    confirm: missing,
    overview: missing,
    close: () => provider.close(),
  };
  cacheOnly.add(wrapped);
  return wrapped;
}

/** Creates the provider of `--check` with no model server: the last build's, from the cache. */
export function replayProvider(last: LastBuild, log: Logger, reason: string): Provider {
  const { provider, model } = last.identity;
  log(
    `${reason}; --check replays the cached answers of ${provider} ${model}, which wrote the pages`,
  );
  const stub = { ...last, close: async () => {} };
  return answersOnly(
    stub,
    "no model server answered, so start it, or check with --provider offline",
  );
}

/**
 * Picks the provider of a build. `auto` uses Ollama when a server answers and has the model, and
 * otherwise the embedded offline extractor, saying which it used and how to switch. It never
 * lets the extractor replace the pages a model wrote. With no server, `--check` replays the
 * cached answers of the model that wrote the output folder.
 */
import type { Logger, Provider, WikiConfig } from "@wiki/compiler/core";
import { lastModelBuild, replayProvider, type LastBuild } from "./last-build.js";
import { UsageError } from "./usage-error.js";

export interface SelectOptions {
  check: boolean;
  /** The model or host was named on the command line, so falling back would hide a mistake. */
  named: boolean;
  outDir: string;
}

export async function selectProvider(
  config: WikiConfig,
  log: Logger,
  { check, named, outDir }: SelectOptions,
): Promise<Provider> {
  const settings = {
    hosts: config.hosts,
    model: config.model,
    contextTokens: config.contextTokens,
    chunkTokens: config.chunkTokens,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
  };
  if (config.provider === "offline") {
    // The offline entry alone, because the providers' main entry loads every model client.
    const { createOfflineProvider } = await import("@wiki/providers/offline");
    log("provider offline: the embedded extractor, no model server");
    return createOfflineProvider();
  }
  const { createOfflineProvider, createOllamaProvider, createOpenAIProvider, probeOllama } =
    await import("@wiki/providers");
  // `connectTimeoutMs` bounds reaching each server and reading its models, before any model call.
  const options = { inspectTimeoutMs: config.connectTimeoutMs };
  const last = await lastModelBuild(outDir);
  const replayable = check && last?.identity.model === config.model ? last : undefined;
  switch (config.provider) {
    case "ollama":
      return orReplay(() => createOllamaProvider(settings, log, options), replayable, config, log);
    case "openai":
      return orReplay(() => createOpenAIProvider(settings, log, options), replayable, config, log);
    case "auto": {
      const probe = await probeOllama(config.hosts, config.model, config.connectTimeoutMs);
      if (probe.ok) {
        log(
          `provider ollama: ${config.model} on ${config.hosts.join(", ")} (pass --provider offline to build without it)`,
        );
        return createOllamaProvider(settings, log, options);
      }
      if (named) {
        throw new UsageError(
          `${probe.reason}; the build stopped instead of falling back to the offline extractor because --host or --model was given (pass --provider offline to build without a model)`,
        );
      }
      if (replayable) return replayProvider(replayable, log, probe.reason);
      if (last) {
        const { provider, model } = last.identity;
        throw new UsageError(
          `${probe.reason}; the pages in ${outDir} were written by ${provider} ${model}, and the offline extractor would replace them all. Start the model server, or pass --provider offline to rebuild them without a model`,
        );
      }
      const hint = check
        ? ""
        : `; start Ollama and run "ollama pull ${config.model}" to use a model, or pass --provider offline to skip this check`;
      log(`provider offline: the embedded extractor (${probe.reason})${hint}`);
      return createOfflineProvider();
    }
  }
}

/**
 * Creates a model provider. When no server is reachable during `--check` and the same provider
 * and model wrote the output folder, it replays their cached answers instead.
 */
async function orReplay(
  create: () => Promise<Provider>,
  last: LastBuild | undefined,
  config: WikiConfig,
  log: Logger,
): Promise<Provider> {
  try {
    return await create();
  } catch (error) {
    // `last` is given only when its model is the configured one.
    const code = (error as { code?: unknown }).code;
    if (last?.identity.provider !== config.provider || code !== "host-unreachable") throw error;
    return replayProvider(last, log, (error as Error).message);
  }
}

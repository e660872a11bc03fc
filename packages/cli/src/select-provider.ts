/**
 * Picks the provider of a build. `auto` uses Ollama when a server answers and has the model, and
 * otherwise the embedded offline extractor, saying which it used and how to switch.
 */
import type { Logger, Provider, WikiConfig } from "@wiki/compiler/core";
import { UsageError } from "./usage-error.js";

const probeTimeoutMs = 1500;

export interface SelectOptions {
  check: boolean;
  /** The model or host was named on the command line, so falling back would hide a mistake. */
  named: boolean;
}

export async function selectProvider(
  config: WikiConfig,
  log: Logger,
  { check, named }: SelectOptions,
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
  switch (config.provider) {
    case "ollama":
      return createOllamaProvider(settings, log);
    case "openai":
      return createOpenAIProvider(settings, log);
    case "auto": {
      const probe = await probeOllama(config.hosts, config.model, probeTimeoutMs);
      if (probe.ok) {
        log(
          `provider ollama: ${config.model} on ${config.hosts.join(", ")} (pass --provider offline to build without it)`,
        );
        return createOllamaProvider(settings, log);
      }
      if (named) {
        throw new UsageError(
          `${probe.reason}; the build stopped instead of falling back to the offline extractor because --host or --model was given (pass --provider offline to build without a model)`,
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

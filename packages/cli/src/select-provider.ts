/**
 * Picks the provider of a build. `auto` uses Ollama when a server answers and has the model, and
 * otherwise the embedded offline extractor, saying which it used and how to switch.
 */
import type { Logger, Provider, WikiConfig } from "@wiki/compiler";
import {
  createOfflineProvider,
  createOllamaProvider,
  createOpenAIProvider,
  probeOllama,
} from "@wiki/providers";

const probeTimeoutMs = 1500;

export async function selectProvider(
  config: WikiConfig,
  log: Logger,
  check: boolean,
): Promise<Provider> {
  const settings = {
    hosts: config.hosts,
    model: config.model,
    contextTokens: config.contextTokens,
    chunkTokens: config.chunkTokens,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
  };
  switch (config.provider) {
    case "offline":
      log("provider offline: the embedded extractor, no model server");
      return createOfflineProvider();
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
      const hint = check
        ? ""
        : `; start Ollama and run "ollama pull ${config.model}" to use a model, or pass --provider offline to skip this check`;
      log(`provider offline: the embedded extractor (${probe.reason})${hint}`);
      return createOfflineProvider();
    }
  }
}

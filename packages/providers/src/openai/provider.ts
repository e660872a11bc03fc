/**
 * The OpenAI-compatible provider: the same steps, prompts and repair as the Ollama provider,
 * sent to `/v1/chat/completions`. These servers cannot take a context size per request, so the
 * context is the settings' `contextTokens`, else the size the server reports, else an estimate.
 */
import type { Provider } from "@wiki/compiler";
import { chooseContextTokens, fitChunkTokens } from "../prompt/budget.js";
import { ProviderError } from "../pool/call-error.js";
import { defaultTuning, HostPool } from "../pool/host-pool.js";
import { createHttpFetch } from "../pool/http-fetch.js";
import {
  createStepProvider,
  DEFAULT_SEED,
  type ModelSettings,
  type ProviderOptions,
} from "../pool/step-provider.js";
import { settingsHosts } from "../ollama/hosts.js";
import { openaiSender } from "./chat.js";
import { inspectOpenAIHost, type OpenAIHostInfo } from "./inspect.js";

const INSPECT_TIMEOUT_MS = 30_000;

/** Strips the `/v1` that some users write at the end of a base URL. */
function baseUrl(host: string): string {
  return host.replace(/\/v1\/?$/, "");
}

async function inspectAll(
  urls: string[],
  model: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<OpenAIHostInfo[]> {
  const results = await Promise.allSettled(
    urls.map((url) => inspectOpenAIHost(url, model, fetchImpl, timeoutMs)),
  );
  const infos = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const errors = results.flatMap((result) =>
    result.status === "rejected" ? [result.reason as unknown] : [],
  );
  const unexpected = errors.find((error) => !(error instanceof ProviderError));
  if (unexpected !== undefined) throw unexpected;
  if (infos.length === 0) throw errors[0];
  for (const error of errors) log(`leaving out a host: ${(error as ProviderError).message}`);
  return infos;
}

/** Creates the OpenAI-compatible provider; throws a `ProviderError` whose message names the fix. */
export async function createOpenAIProvider(
  settings: ModelSettings,
  log: (line: string) => void = () => {},
  options: ProviderOptions = {},
): Promise<Provider> {
  const http = createHttpFetch();
  try {
    const urls = settingsHosts(settings.hosts).map(baseUrl);
    const inspectTimeout =
      options.inspectTimeoutMs ?? Math.min(INSPECT_TIMEOUT_MS, settings.timeoutMs);
    const infos = await inspectAll(urls, settings.model, http.fetch, inspectTimeout, log);
    const reported = infos.flatMap((info) =>
      info.contextLength === undefined ? [] : [info.contextLength],
    );
    const trained = reported.length > 0 ? Math.min(...reported) : undefined;
    const contextTokens = chooseContextTokens(settings.contextTokens, trained, log);
    const chunkTokens = fitChunkTokens(contextTokens, settings.chunkTokens);
    const seed = settings.seed ?? DEFAULT_SEED;

    const slots = Math.max(1, settings.concurrency);
    const live = infos.map((info) => info.url);
    const pool = new HostPool(live, slots, { ...defaultTuning, ...options.tuning }, log);
    const send = openaiSender({ fetch: http.fetch, model: settings.model, seed });
    const runner = {
      model: settings.model,
      contextTokens,
      timeoutMs: settings.timeoutMs,
      pool,
      send,
      log,
    };
    log(
      `openai: ${settings.model} on ${live.join(", ")}, context ${contextTokens} tokens, ` +
        `chunks up to ${chunkTokens} tokens, ${slots} calls per host`,
    );
    return createStepProvider({
      identity: {
        provider: "openai",
        model: settings.model,
        digest: "",
        options: `context=${contextTokens} seed=${seed} temperature=0`,
      },
      chunkTokens,
      runner,
      close: () => {
        pool.close();
        http.close();
      },
    });
  } catch (error) {
    http.close();
    throw error;
  }
}

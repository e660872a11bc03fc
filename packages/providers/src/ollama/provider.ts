/**
 * The Ollama provider: checks every host once, decides one context size for the build, and
 * runs each step with the native `/api/chat` of the `ollama` client library.
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
import { ollamaSender } from "./chat.js";
import { settingsHosts } from "./hosts.js";
import { inspectHost, type HostInfo } from "./inspect.js";

/** Time limit of the checks made while the provider is created. */
const INSPECT_TIMEOUT_MS = 30_000;

/** Order in which failures of all hosts are reported: the most specific first. */
const errorPriority = ["model-not-found", "model-unsuitable", "server-outdated", "server-error"];

function pickError(errors: ProviderError[]): ProviderError {
  const sorted = [...errors].sort((left, right) => rank(left.code) - rank(right.code));
  const first = sorted[0] as ProviderError;
  if (errors.length === 1 || first.code !== "host-unreachable") return first;
  return new ProviderError("host-unreachable", errors.map((error) => error.message).join("\n"));
}

function rank(code: string): number {
  const index = errorPriority.indexOf(code);
  return index < 0 ? errorPriority.length : index;
}

/** Inspects every host; hosts that fail are left out with a log line, unless all fail. */
async function inspectAll(
  hosts: string[],
  settings: ModelSettings,
  fetchImpl: typeof fetch,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<HostInfo[]> {
  const results = await Promise.allSettled(
    hosts.map((host) => inspectHost(host, settings.model, fetchImpl, timeoutMs)),
  );
  const infos: HostInfo[] = [];
  const errors: ProviderError[] = [];
  for (const result of results) {
    if (result.status === "fulfilled") infos.push(result.value);
    else if (result.reason instanceof ProviderError) errors.push(result.reason);
    else throw result.reason;
  }
  if (infos.length === 0) throw pickError(errors);
  for (const error of errors) log(`leaving out a host: ${error.message}`);
  const digests = new Set(infos.map((info) => info.digest).filter((digest) => digest !== ""));
  if (digests.size > 1) {
    log(
      `model ${settings.model} differs between hosts (digests ${[...digests].join(", ")}); answers may differ`,
    );
  }
  return infos;
}

function smallestContext(infos: HostInfo[]): number | undefined {
  const lengths = infos.flatMap((info) =>
    info.contextLength === undefined ? [] : [info.contextLength],
  );
  return lengths.length > 0 ? Math.min(...lengths) : undefined;
}

/** Creates the Ollama provider; throws a `ProviderError` whose message names the fix. */
export async function createOllamaProvider(
  settings: ModelSettings,
  log: (line: string) => void = () => {},
  options: ProviderOptions = {},
): Promise<Provider> {
  const http = createHttpFetch();
  try {
    const hosts = settingsHosts(settings.hosts);
    const inspectTimeout =
      options.inspectTimeoutMs ?? Math.min(INSPECT_TIMEOUT_MS, settings.timeoutMs);
    const infos = await inspectAll(hosts, settings, http.fetch, inspectTimeout, log);
    const contextTokens = chooseContextTokens(settings.contextTokens, smallestContext(infos), log);
    const chunkTokens = fitChunkTokens(contextTokens, settings.chunkTokens);
    const seed = settings.seed ?? DEFAULT_SEED;
    const thinkingHosts = new Set(infos.filter((info) => info.thinking).map((info) => info.url));
    const urls = infos.map((info) => info.url);

    const slots = Math.max(1, settings.concurrency);
    const pool = new HostPool(urls, slots, { ...defaultTuning, ...options.tuning }, log);
    const send = ollamaSender({
      fetch: http.fetch,
      model: settings.model,
      contextTokens,
      seed,
      thinkingHosts,
    });
    const runner = {
      model: settings.model,
      contextTokens,
      timeoutMs: settings.timeoutMs,
      pool,
      send,
      log,
    };
    const think = thinkingHosts.size > 0 ? " think=false" : "";
    log(
      `ollama: ${settings.model} on ${urls.join(", ")} (server ${infos[0]?.version ?? "?"}), ` +
        `num_ctx ${contextTokens}, chunks up to ${chunkTokens} tokens, ${slots} calls per host`,
    );
    return createStepProvider({
      identity: {
        provider: "ollama",
        model: settings.model,
        digest: infos.find((info) => info.digest !== "")?.digest ?? "",
        options: `num_ctx=${contextTokens} seed=${seed} temperature=0${think}`,
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

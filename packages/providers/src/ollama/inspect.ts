/**
 * Checks one server before a build: that it responds, that it has the model, what the model's
 * trained context length and capabilities are, and the model's digest for the cache identity.
 */
import type { ListResponse, ShowResponse } from "ollama";
import { ProviderError } from "../pool/call-error.js";
import { clientFor, isResponseError, pullFix } from "./client.js";
import { hostVariable } from "./hosts.js";

export interface HostInfo {
  url: string;
  version: string;
  /** Trained context length from `/api/show`; undefined when the server reports none. */
  contextLength: number | undefined;
  capabilities: string[];
  /** Whether the model can think, so that requests send `think: false`. */
  thinking: boolean;
  /** Digest from `/api/tags`; empty when the listing lacks the model. */
  digest: string;
}

/** Oldest server version that accepts a JSON Schema as `format`. */
const minimumVersion = [0, 5, 0];

/** Compares two model names, reading a name without a tag as its `:latest` tag. */
export function sameModel(listed: string, wanted: string): boolean {
  const tagged = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  return tagged(listed) === tagged(wanted);
}

function socketCode(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : String(error);
}

/** Returns the message for a server that did not respond, naming the address and how to change it. */
export function unreachableMessage(url: string, reason: string): string {
  return (
    `no model server answered at ${url} (${reason}). Start it with "ollama serve", or give ` +
    `the address where it runs with --host, ${hostVariable} or the hosts of schema/wiki.yaml`
  );
}

function isOutdated(version: string): boolean {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  if (!parts || parts.every((part) => part === 0)) return false;
  for (let index = 0; index < 3; index += 1) {
    const difference = (parts[index] ?? 0) - (minimumVersion[index] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

function contextLengthOf(show: ShowResponse): number | undefined {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(info)) {
    if (key.endsWith(".context_length") && typeof value === "number" && value > 0) return value;
  }
  return undefined;
}

async function readVersion(
  url: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
  timeoutMs: number,
) {
  try {
    return (await clientFor(url, fetchImpl, signal).version()).version ?? "";
  } catch (error) {
    if (isResponseError(error)) {
      throw new ProviderError(
        "server-error",
        `${url} answered ${error.status_code} to /api/version (${error.error}); check that it is an Ollama server`,
      );
    }
    const reason = signal.aborted ? `no response within ${timeoutMs} ms` : socketCode(error);
    throw new ProviderError("host-unreachable", unreachableMessage(url, reason));
  }
}

async function readShow(url: string, model: string, fetchImpl: typeof fetch, signal: AbortSignal) {
  const client = clientFor(url, fetchImpl, signal);
  try {
    return await client.show({ model });
  } catch (error) {
    if (isResponseError(error) && error.status_code === 404) {
      const listed = await client.list().catch((): ListResponse => ({ models: [] }));
      const names = listed.models.map((entry) => entry.name).join(", ") || "none";
      throw new ProviderError("model-not-found", `${pullFix(model, url)} (models there: ${names})`);
    }
    const reason = isResponseError(error)
      ? `${error.status_code} ${error.error}`
      : socketCode(error);
    throw new ProviderError("server-error", `${url} could not describe model ${model}: ${reason}`);
  }
}

/** Inspects one host for `model`; throws a `ProviderError` that names the fix. */
export async function inspectHost(
  url: string,
  model: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<HostInfo> {
  const signal = AbortSignal.timeout(timeoutMs);
  const version = await readVersion(url, fetchImpl, signal, timeoutMs);
  if (isOutdated(version)) {
    throw new ProviderError(
      "server-outdated",
      `the server at ${url} runs version ${version}; structured answers need 0.5.0 or newer, so update it`,
    );
  }
  const show = await readShow(url, model, fetchImpl, signal);
  const capabilities = Array.isArray(show.capabilities) ? show.capabilities : [];
  if (capabilities.length > 0 && !capabilities.includes("completion")) {
    throw new ProviderError(
      "model-unsuitable",
      `model ${model} on ${url} cannot generate text (capabilities: ${capabilities.join(", ")}); choose a chat model`,
    );
  }
  const listed = await clientFor(url, fetchImpl, signal)
    .list()
    .catch((): ListResponse => ({ models: [] }));
  const entry = listed.models.find((item) => sameModel(item.name ?? item.model, model));
  return {
    url,
    version,
    contextLength: contextLengthOf(show),
    capabilities,
    thinking: capabilities.includes("thinking"),
    digest: entry?.digest ?? "",
  };
}

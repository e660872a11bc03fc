/**
 * Checks an OpenAI-compatible server before a build: that it responds, that `/v1/models` lists
 * the model when the server has that listing, and the context size when the server reports it
 * (llama.cpp's `/props`).
 */
import { ProviderError } from "../pool/call-error.js";
import { errorMessageOf } from "./chat.js";

export interface OpenAIHostInfo {
  url: string;
  /** Context size the server runs with; undefined when it does not report one. */
  contextLength: number | undefined;
}

type Json = { [key: string]: unknown };

const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

async function getJson(url: string, fetchImpl: typeof fetch, signal: AbortSignal) {
  const response = await fetchImpl(url, { headers: { accept: "application/json" }, signal });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

function unreachable(
  url: string,
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): ProviderError {
  const code = (error as { code?: unknown }).code;
  const reason = signal.aborted
    ? `no response within ${timeoutMs} ms`
    : typeof code === "string"
      ? code
      : String(error);
  return new ProviderError(
    "host-unreachable",
    `no model server answered at ${url} (${reason}); start it, or set the hosts of schema/wiki.yaml to its address`,
  );
}

async function checkModel(
  url: string,
  model: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
) {
  const listing = await getJson(`${url}/v1/models`, fetchImpl, signal);
  if (listing.status === 404) return;
  if (listing.status !== 200) {
    const message = errorMessageOf(listing.text);
    throw new ProviderError(
      "server-error",
      `${url} answered ${listing.status} to /v1/models: ${message}`,
    );
  }
  const data =
    isJson(listing.body) && Array.isArray(listing.body["data"]) ? listing.body["data"] : [];
  const ids = data.flatMap((entry) =>
    isJson(entry) && typeof entry["id"] === "string" ? [entry["id"]] : [],
  );
  const tagged = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  if (ids.length === 0 || ids.some((id) => id === model || tagged(id) === tagged(model))) return;
  throw new ProviderError(
    "model-not-found",
    `model ${model} is not served at ${url} (models there: ${ids.join(", ")}); load it on the server or set model in schema/wiki.yaml`,
  );
}

/** llama.cpp's `/props` gives the context size it was started with. */
async function readContext(url: string, fetchImpl: typeof fetch, signal: AbortSignal) {
  const props = await getJson(`${url}/props`, fetchImpl, signal).catch(() => undefined);
  const settings = isJson(props?.body) ? props.body["default_generation_settings"] : undefined;
  const size = isJson(settings) ? settings["n_ctx"] : undefined;
  return typeof size === "number" && size > 0 ? size : undefined;
}

/** Inspects one OpenAI-compatible host; throws a `ProviderError` that names the fix. */
export async function inspectOpenAIHost(
  url: string,
  model: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<OpenAIHostInfo> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await checkModel(url, model, fetchImpl, signal);
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw unreachable(url, error, signal, timeoutMs);
  }
  return { url, contextLength: await readContext(url, fetchImpl, signal) };
}

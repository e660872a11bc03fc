/** A quick check, for `--provider auto`, that a server responds and has the model. */
import { createHttpFetch } from "../pool/http-fetch.js";
import { ProviderError } from "../pool/call-error.js";
import { settingsHosts } from "./hosts.js";
import { clientFor, isResponseError, pullFix } from "./client.js";
import { sameModel, unreachableMessage } from "./inspect.js";

export type ProbeResult = { ok: true } | { ok: false; reason: string };

async function probeHost(host: string, model: string, fetchImpl: typeof fetch, timeoutMs: number) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const listed = await clientFor(host, fetchImpl, signal).list();
    const found = (listed.models ?? []).some((entry) =>
      sameModel(entry.name ?? entry.model, model),
    );
    return found ? undefined : pullFix(model, host);
  } catch (error) {
    if (isResponseError(error))
      return `${host} answered ${error.status_code} to /api/tags: ${error.error}`;
    const code = (error as { code?: unknown }).code;
    const reason = signal.aborted
      ? `no response within ${timeoutMs} ms`
      : typeof code === "string"
        ? code
        : String(error);
    return unreachableMessage(host, reason);
  }
}

/** Returns ok when at least one host responds within `timeoutMs` and lists `model`. */
export async function probeOllama(
  hosts: string[],
  model: string,
  timeoutMs: number,
): Promise<ProbeResult> {
  const http = createHttpFetch();
  try {
    const urls = settingsHosts(hosts);
    const reasons = await Promise.all(
      urls.map((host) => probeHost(host, model, http.fetch, timeoutMs)),
    );
    if (reasons.some((reason) => reason === undefined)) return { ok: true };
    return { ok: false, reason: reasons.join("; ") };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, reason: error.message };
    throw error;
  } finally {
    http.close();
  }
}

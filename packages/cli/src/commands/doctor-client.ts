/**
 * The `ollama` client as the doctor uses it: a time limit on every request, error bodies kept
 * off the console, and the readings of `/api/show` and of failures that the check lines print.
 */
import { Ollama, type ShowResponse } from "ollama";

/** Returns a client whose every request stops after `timeoutMs` or when `signal` aborts. */
export function clientFor(host: string, timeoutMs: number, signal?: AbortSignal): Ollama {
  const timed = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signals = [
      AbortSignal.timeout(timeoutMs),
      ...(signal ? [signal] : []),
      ...(init?.signal ? [init.signal] : []),
    ];
    const response = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
    return jsonErrors(response);
  };
  return new Ollama({ host, fetch: timed });
}

/**
 * Rewrites a non-JSON error body as `{"error": text}`: the client library prints to the console
 * when it reads a plain-text error body, and the doctor's output must stay its own.
 */
async function jsonErrors(response: Response): Promise<Response> {
  if (response.ok || response.headers.get("content-type")?.includes("application/json"))
    return response;
  const text = (await response.text()).trim();
  const body = JSON.stringify({ error: text || `status ${response.status}` });
  const headers = { "content-type": "application/json" };
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

export function contextLengthOf(show: ShowResponse): number | undefined {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(info)) {
    if (key.endsWith(".context_length") && typeof value === "number" && value > 0) return value;
  }
  return undefined;
}

/** Returns whether two model names are the same; a name without a tag means its `:latest` tag. */
export function sameModel(listed: string, wanted: string): boolean {
  const tagged = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  return tagged(listed) === tagged(wanted);
}

/** Says why a request failed: the timeout, the server's status and message, or the socket error. */
export function reasonOf(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `timed out after ${timeoutMs} ms`;
  if (error.name === "AbortError") return "cancelled before the server responded";

  const status = (error as { status_code?: unknown }).status_code;
  if (typeof status === "number") return `status ${status}: ${error.message}`;
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const detail = typeof cause?.message === "string" ? cause.message : undefined;
  if (code !== undefined) return detail === undefined ? code : `${code} (${detail})`;
  return detail === undefined ? error.message : `${error.message}: ${detail}`;
}

/** Returns `text` on one line, cut after 80 characters. */
export function flatten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}...` : flat;
}

export const excerpt = (text: string): string => JSON.stringify(flatten(text));

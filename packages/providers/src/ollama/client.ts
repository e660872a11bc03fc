/**
 * The `ollama` client library wired to our own fetch: no 5-minute header limit, a signal per
 * call, and error bodies turned into JSON so the library reports the server's message.
 */
import { Ollama } from "ollama";
import { CallError, statusError } from "../pool/call-error.js";

/** Errors of the `ollama` library for a non-2xx response carry the status here. */
interface ResponseErrorShape {
  error: string;
  status_code: number;
}

export function isResponseError(error: unknown): error is ResponseErrorShape {
  return (
    error instanceof Error &&
    typeof (error as Partial<ResponseErrorShape>).status_code === "number" &&
    typeof (error as Partial<ResponseErrorShape>).error === "string"
  );
}

/** Rewrites a non-JSON error body as `{"error": text}`. */
async function jsonErrorBody(response: Response): Promise<Response> {
  if (response.ok || response.headers.get("content-type")?.includes("application/json"))
    return response;
  const text = (await response.text()).trim();
  const body = JSON.stringify({
    error: text || response.statusText || `status ${response.status}`,
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: { "content-type": "application/json" },
  });
}

/** Creates a client whose requests all follow `signal`, besides the library's own abort signal. */
export function clientFor(host: string, fetchImpl: typeof fetch, signal: AbortSignal): Ollama {
  const bound = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signals = init?.signal ? [init.signal, signal] : [signal];
    const response = await fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
    return jsonErrorBody(response);
  };
  return new Ollama({ host, fetch: bound as typeof fetch });
}

/**
 * Turns a status response of the server into a `CallError`. Other errors pass through
 * unchanged, so the caller can tell a timeout from a cancelled build.
 */
export function serverError(
  error: unknown,
  model: string,
  host: string,
  signal: AbortSignal,
): unknown {
  if (signal.aborted || !isResponseError(error)) return error;
  if (error.status_code === 404) {
    return new CallError("fatal", `${pullFix(model, host)} (404 ${error.error})`, 404);
  }
  return statusError(error.status_code, error.error, model);
}

/** Returns the message for a model that a server does not have, with the command that fixes it. */
export function pullFix(model: string, host: string): string {
  return `model ${model} is not on the server at ${host}; pull it with: ollama pull ${model}`;
}

/** Sorts an error line inside a 200 stream by what the caller does next. */
export function streamError(message: string): CallError {
  if (/exceed|context (size|length|window)|too long/i.test(message)) {
    return new CallError("truncated", `the server stopped generating: ${message}`);
  }
  return new CallError("retry", `the server reported an error while generating: ${message}`);
}

/**
 * What went wrong with one call to a model server, sorted by what the caller does next:
 * `retry` goes to another host or waits, `timeout` and `aborted` end the call, `truncated`
 * makes the compiler split the chunk, `fatal` stops the build.
 */

export type CallErrorKind = "retry" | "timeout" | "aborted" | "truncated" | "fatal";

export class CallError extends Error {
  constructor(
    readonly kind: CallErrorKind,
    message: string,
    /** HTTP status when the server responded, else undefined. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "CallError";
  }
}

/** Stable codes of errors raised while a provider is created. */
export type ProviderErrorCode =
  | "host-unreachable"
  | "host-invalid"
  | "model-not-found"
  | "model-unsuitable"
  | "server-outdated"
  | "server-error"
  | "context-too-small";

/** An error that stops a provider from being created; `code` is stable, and the message names the fix. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Network error codes after which the same request may succeed on a retry. */
const transientCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
]);

/** Statuses after which the same request may succeed later or on another host. */
const transientStatuses = new Set([408, 425, 429, 499, 500, 502, 503, 504]);

/** Converts a status response into a call error; the message keeps the server's own words. */
export function statusError(status: number, serverMessage: string, model: string): CallError {
  const detail = serverMessage.trim() || `status ${status}`;
  if (transientStatuses.has(status)) return new CallError("retry", `${status} ${detail}`, status);
  if (isContextOverflow(status, detail)) return new CallError("truncated", detail, status);
  if (status === 404) {
    return new CallError("fatal", `model ${model} was not found (404 ${detail})`, status);
  }
  return new CallError(
    "fatal",
    `the server rejected the request with ${status}: ${detail}`,
    status,
  );
}

/** Servers that reject a prompt longer than their context respond 400 with words like these. */
function isContextOverflow(status: number, detail: string): boolean {
  return (
    status === 400 && /exceed|context (size|length|window)|too long|too many tokens/i.test(detail)
  );
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * Sorts an error thrown while calling a host. `timeout` and `build` are the signals of the call:
 * whichever fired decides between `timeout` and `aborted`.
 */
export function classifyError(
  error: unknown,
  signals: { timeout: AbortSignal; build: AbortSignal; timeoutMs: number },
): CallError {
  if (error instanceof CallError) return error;
  if (signals.build.aborted) return new CallError("aborted", "the build was cancelled");
  if (signals.timeout.aborted) {
    return new CallError(
      "timeout",
      `timed out after ${signals.timeoutMs} ms without a complete answer; raise timeoutMs for slow hardware`,
    );
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && transientCodes.has(code))
    return new CallError("retry", `${code} ${message}`);
  return new CallError("retry", message);
}

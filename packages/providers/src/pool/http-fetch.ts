/**
 * A `fetch` built on `node:http`. Node 20's built-in `fetch` (undici) fails with "fetch failed"
 * when response headers take longer than its `headersTimeout` of 300 000 ms, and a model on a
 * CPU can work longer than that before it sends the first byte. `node:http` sets no such limit,
 * so the only limits are the caller's AbortSignal and the server. Keep-alive sockets are pooled
 * per fetch and freed by `close`.
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

export interface HttpFetch {
  fetch: typeof fetch;
  /** Destroys pooled sockets; requests in flight fail. */
  close(): void;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

function headersOf(message: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function requestHeaders(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function bodyOf(init: RequestInit | undefined): string | Uint8Array | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError("the model server client sends only string or byte request bodies");
}

function toResponse(message: http.IncomingMessage): Response {
  const status = message.statusCode ?? 500;
  const hasBody = !nullBodyStatuses.has(status);
  if (!hasBody) message.resume();
  const body = hasBody ? (Readable.toWeb(message) as ReadableStream<Uint8Array>) : null;
  return new Response(body, {
    status,
    statusText: message.statusMessage ?? "",
    headers: headersOf(message),
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The request was aborted", "AbortError");
}

/** Creates a fetch that sends requests with `node:http` or `node:https`. */
export function createHttpFetch(): HttpFetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true }),
  };

  const fetchOverHttp = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const signal = init?.signal ?? undefined;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return Promise.reject(new TypeError(`unsupported protocol ${url.protocol} in ${url.href}`));
    }
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Response>((resolve, reject) => {
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(url, {
        method: init?.method ?? "GET",
        headers: requestHeaders(init),
        agent: agents[url.protocol as "http:" | "https:"],
      });
      const onAbort = () => request.destroy(signal ? abortReason(signal) : undefined);
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("close", () => signal?.removeEventListener("abort", onAbort));
      request.on("error", reject);
      request.on("response", (message) => resolve(toResponse(message)));
      request.end(bodyOf(init));
    });
  };

  return {
    fetch: fetchOverHttp as typeof fetch,
    close: () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

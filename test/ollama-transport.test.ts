import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpFetch } from "../packages/providers/src/pool/http-fetch.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Starts a server that sends its headers after `delayMs`, then streams two lines 100 ms apart. */
async function slowServer(delayMs: number): Promise<string> {
  const server = http.createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      response.write('{"part":1}\n');
      setTimeout(() => response.end('{"part":2}\n'), 100);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Dispatcher = {
  constructor: new (options: { headersTimeout: number }) => { close(): Promise<void> };
};

/** Node's built-in fetch with a short `headersTimeout`, standing in for its 5-minute default. */
async function builtinFetchWithHeadersTimeout(url: string, headersTimeout: number) {
  await fetch(url).catch(() => undefined);
  const global = (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")];
  const Agent = (global as Dispatcher).constructor;
  const dispatcher = new Agent({ headersTimeout });
  try {
    await fetch(url, { dispatcher } as RequestInit);
    return "answered";
  } catch (error) {
    return String((error as Error & { cause?: { code?: string } }).cause?.code);
  } finally {
    await dispatcher.close();
  }
}

describe("http fetch", () => {
  it("waits for headers longer than a headers timeout", async () => {
    const url = await slowServer(1_500);
    const transport = createHttpFetch();
    const response = await transport.fetch(url, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    transport.close();
    expect(text).toBe('{"part":1}\n{"part":2}\n');
  });

  it("differs from the built-in fetch, which gives up on slow headers", async () => {
    const url = await slowServer(1_500);
    expect(await builtinFetchWithHeadersTimeout(url, 300)).toBe("UND_ERR_HEADERS_TIMEOUT");
  });

  it("aborts while waiting for headers", async () => {
    const url = await slowServer(5_000);
    const transport = createHttpFetch();
    const started = Date.now();
    const request = transport.fetch(url, { signal: AbortSignal.timeout(200) });
    await expect(request).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(1_000);
    transport.close();
  });

  it("aborts while the body streams", async () => {
    const url = await slowServer(0);
    const transport = createHttpFetch();
    const controller = new AbortController();
    const response = await transport.fetch(url, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toBeDefined();
    transport.close();
  });

  it("rejects a connection refused with its code", async () => {
    const url = await slowServer(0);
    await closers.splice(0)[0]?.();
    const transport = createHttpFetch();
    await expect(transport.fetch(url)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    transport.close();
  });
});

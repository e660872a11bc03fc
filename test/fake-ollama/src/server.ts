/**
 * A loopback model server for tests and benchmarks that speaks Ollama's HTTP API and the
 * OpenAI-compatible chat API. It returns rule-based JSON for the four structured steps.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleChat, type ServerContext } from "./chat.js";
import { HttpError, readJson, sendJson } from "./http.js";
import {
  defaultModels,
  findModel,
  openaiModelsBody,
  serveModels,
  showBody,
  tagsBody,
} from "./models.js";
import { ollamaChat } from "./ollama-chat.js";
import { openaiChat } from "./openai-chat.js";
import { SlotPool } from "./slots.js";
import type { FakeOllama, FakeOllamaOptions, FakeRequest, FakeStats } from "./types.js";

export type * from "./types.js";

/** The version `/api/version` reports. */
export const fakeVersion = "0.12.0";

function emptyStats(): FakeStats {
  return {
    requests: {},
    steps: { analyze: 0, write: 0, confirm: 0, overview: 0, other: 0 },
    serviceUnavailable: 0,
    slotBusyMs: [],
    simulatedBusyNs: 0,
    peakActive: 0,
    log: [],
  };
}

function checkedNumber(name: string, value: number | undefined, fallback: number, minimum: number) {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < minimum) {
    throw new RangeError(`invalid ${name}: ${value}; expected a number of at least ${minimum}`);
  }
  return result;
}

function contextOf(options: FakeOllamaOptions, closing: AbortSignal): ServerContext {
  const stats = emptyStats();
  const slots = Math.floor(checkedNumber("slots", options.slots, 4, 1));
  const queueLimit = Math.floor(checkedNumber("queueLimit", options.queueLimit, 512, 0));
  let chatIndex = 0;
  return {
    models: serveModels(options.models ?? defaultModels),
    pool: new SlotPool(slots, queueLimit, stats),
    stats,
    promptTokensPerSecond: checkedNumber(
      "promptTokensPerSecond",
      options.promptTokensPerSecond,
      1000,
      1e-9,
    ),
    generateTokensPerSecond: checkedNumber(
      "generateTokensPerSecond",
      options.generateTokensPerSecond,
      40,
      1e-9,
    ),
    timeScale: checkedNumber("timeScale", options.timeScale, 0, 0),
    nextFault: (request: FakeRequest) => {
      const index = chatIndex++;
      return options.faults?.(request, index) ?? options.script?.[index];
    },
    closing,
    log: options.log ?? (() => {}),
  };
}

async function show(context: ServerContext, request: IncomingMessage, response: ServerResponse) {
  const body = await readJson(request);
  const name = body["model"] ?? body["name"];
  const model = findModel(context.models, name);
  if (!model) return sendJson(response, 404, { error: `model '${String(name)}' not found` });
  sendJson(response, 200, showBody(model));
}

async function route(context: ServerContext, request: IncomingMessage, response: ServerResponse) {
  const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
  const key = `${request.method} ${path}`;
  context.stats.requests[path] = (context.stats.requests[path] ?? 0) + 1;
  switch (key) {
    case "GET /":
    case "HEAD /":
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      return void response.end("Ollama is running");
    case "GET /api/version":
      return sendJson(response, 200, { version: fakeVersion });
    case "GET /api/tags":
      return sendJson(response, 200, tagsBody(context.models));
    case "POST /api/show":
      return show(context, request, response);
    case "POST /api/chat":
      return handleChat(context, ollamaChat, request, response);
    case "GET /v1/models":
      return sendJson(response, 200, openaiModelsBody(context.models));
    case "POST /v1/chat/completions":
      return handleChat(context, openaiChat, request, response);
    default:
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("404 page not found");
  }
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const closing = new AbortController();
  const context = contextOf(options, closing.signal);
  const server = createServer((request, response) => {
    route(context, request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      context.log(`${request.method} ${request.url} failed with status ${status}: ${message}`);
      if (response.headersSent) return void response.destroy();
      sendJson(response, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const close = (): Promise<void> => {
    closing.abort(new Error("the fake model server closed"));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    return closed;
  };
  return { url: `http://127.0.0.1:${port}`, port, stats: context.stats, close };
}

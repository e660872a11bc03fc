/**
 * The life of one chat request on either endpoint: record it, apply its fault, check the model,
 * wait for a slot, simulate the generation and send it whole or as a stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promptTokensOf, stepOf } from "./answer.js";
import type { ChatRequest, Dialect } from "./dialect.js";
import { generate } from "./generation.js";
import { clientGone, HttpError, readJson, sendJson, sleep, untilAborted } from "./http.js";
import { findModel, type ServedModel } from "./models.js";
import { sendGeneration } from "./send.js";
import type { SlotPool } from "./slots.js";
import type { Fault, FakeRequest, FakeStats, RequestLogEntry } from "./types.js";

/** What every chat request shares: models, slots, figures, speeds and faults. */
export interface ServerContext {
  models: ServedModel[];
  pool: SlotPool;
  stats: FakeStats;
  promptTokensPerSecond: number;
  generateTokensPerSecond: number;
  timeScale: number;
  /** Returns the fault of the next chat request and counts it. */
  nextFault(request: FakeRequest): Fault | undefined;
  /** Aborts when the server closes. */
  closing: AbortSignal;
  log: (line: string) => void;
}

/** The busy message of Ollama when its request queue is full. */
export const busyMessage = "server busy, please try again.  maximum pending requests exceeded";

function record(context: ServerContext, request: ChatRequest, dialect: Dialect): RequestLogEntry {
  const step = stepOf(request.schema);
  context.stats.steps[step] += 1;
  const entry: RequestLogEntry = {
    endpoint: dialect.endpoint,
    model: request.model,
    step,
    options: request.options,
    think: request.think,
    formatPresent: request.format !== undefined,
    format: request.format,
    stream: request.stream,
    promptTokens: promptTokensOf(request.messages),
    status: 0,
    doneReason: "",
  };
  context.stats.log.push(entry);
  return entry;
}

function sendError(
  context: ServerContext,
  response: ServerResponse,
  entry: RequestLogEntry,
  answer: { status: number; body: unknown },
): void {
  entry.status = answer.status;
  if (answer.status === 503) context.stats.serviceUnavailable += 1;
  sendJson(response, answer.status, answer.body);
}

/** Applies a fault that replaces the whole response, and returns whether there was one. */
async function answerFault(
  context: ServerContext,
  fault: Fault | undefined,
  response: ServerResponse,
  entry: RequestLogEntry,
  dialect: Dialect,
  signal: AbortSignal,
): Promise<boolean> {
  if (fault?.reset) {
    response.socket?.destroy();
    return true;
  }
  if (fault?.hang) {
    await untilAborted(signal);
    return true;
  }
  if (fault?.status === undefined) return false;
  const message = fault.status === 503 ? busyMessage : `injected error with status ${fault.status}`;
  const body = fault.body ?? dialect.errorBody(fault.status, message);
  sendError(context, response, entry, { status: fault.status, body });
  return true;
}

function fakeRequest(dialect: Dialect, request: ChatRequest, entry: RequestLogEntry): FakeRequest {
  return {
    endpoint: dialect.endpoint,
    model: request.model,
    step: entry.step,
    messages: request.messages,
    options: request.options,
    think: request.think,
    format: request.format,
    stream: request.stream,
  };
}

async function serveInSlot(
  context: ServerContext,
  dialect: Dialect,
  request: ChatRequest,
  response: ServerResponse,
  run: {
    model: ServedModel;
    fault: Fault | undefined;
    signal: AbortSignal;
    entry: RequestLogEntry;
  },
): Promise<void> {
  const { model, fault, signal, entry } = run;
  await sleep(fault?.delayMs ?? 0, signal);
  const generation = generate({
    messages: request.messages,
    schema: request.schema,
    promptTokens: entry.promptTokens,
    ...dialect.limits(request, model),
    thinking: dialect.thinks(request, model),
    fault,
    promptTokensPerSecond: context.promptTokensPerSecond,
    generateTokensPerSecond: context.generateTokensPerSecond,
  });
  context.stats.simulatedBusyNs += generation.durations.total;
  entry.status = fault?.streamError !== undefined && !request.stream ? 500 : 200;
  entry.doneReason = fault?.streamError !== undefined ? "" : generation.doneReason;

  const streamError = fault?.streamError;
  await sendGeneration(dialect, request, response, {
    generation,
    streamError,
    signal,
    timeScale: context.timeScale,
  });
}

async function serveChat(
  context: ServerContext,
  dialect: Dialect,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const signal = clientGone(response, context.closing);
  const request = dialect.parse(await readJson(incoming));
  const entry = record(context, request, dialect);
  const fault = context.nextFault(fakeRequest(dialect, request, entry));
  if (await answerFault(context, fault, response, entry, dialect, signal)) return;

  const model = findModel(context.models, request.model);
  if (!model) {
    const body = dialect.errorBody(404, dialect.notFoundMessage(request.model));
    return sendError(context, response, entry, { status: 404, body });
  }
  const rejected = dialect.reject(request, model, entry.promptTokens);
  if (rejected) return sendError(context, response, entry, rejected);
  const waiting = context.pool.acquire(signal);
  if (!waiting) {
    return sendError(context, response, entry, {
      status: 503,
      body: dialect.errorBody(503, busyMessage),
    });
  }
  const lease = await waiting;
  try {
    await serveInSlot(context, dialect, request, response, { model, fault, signal, entry });
  } finally {
    lease.release();
  }
}

/** Serves one chat request; an aborted client or a closing server ends it quietly. */
export async function handleChat(
  context: ServerContext,
  dialect: Dialect,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    await serveChat(context, dialect, incoming, response);
  } catch (error) {
    if (response.destroyed || context.closing.aborted) return;
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    context.log(`${dialect.endpoint} failed with status ${status}: ${message}`);
    if (response.headersSent) response.destroy();
    else sendJson(response, status, dialect.errorBody(status, message));
  }
}

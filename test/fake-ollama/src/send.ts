/**
 * Sends a planned generation, whole or as a stream, waiting out its simulated durations
 * multiplied by the time scale.
 */
import type { ServerResponse } from "node:http";
import type { ChatRequest, Dialect, PieceKind } from "./dialect.js";
import { piecesOf, type Generation } from "./generation.js";
import { sendJson, sleep } from "./http.js";

export interface SendPlan {
  generation: Generation;
  /** Message of an injected error that ends the stream after half of the answer. */
  streamError: string | undefined;
  signal: AbortSignal;
  timeScale: number;
}

/** Converts simulated nanoseconds to the real milliseconds waited. */
function scaled(plan: SendPlan, nanoseconds: number): number {
  return (nanoseconds / 1e6) * plan.timeScale;
}

function piecesOfAnswer(generation: Generation): { piece: string; kind: PieceKind }[] {
  return [
    ...piecesOf(generation.thinking).map((piece) => ({ piece, kind: "thinking" as const })),
    ...piecesOf(generation.content).map((piece) => ({ piece, kind: "content" as const })),
  ];
}

/** Sends the pieces at the simulated generation speed, in batches at least 5 ms apart. */
async function streamAnswer(
  dialect: Dialect,
  request: ChatRequest,
  response: ServerResponse,
  plan: SendPlan,
): Promise<void> {
  const pieces = piecesOfAnswer(plan.generation);
  const sentPieces = plan.streamError === undefined ? pieces : pieces.slice(0, pieces.length / 2);
  const pieceMs =
    pieces.length > 0 ? scaled(plan, plan.generation.durations.eval) / pieces.length : 0;

  response.writeHead(200, { "content-type": dialect.contentType, "cache-control": "no-cache" });
  const started = performance.now();
  let sent = 0;
  while (sent < sentPieces.length) {
    const due = pieceMs <= 0 ? sentPieces.length : (performance.now() - started) / pieceMs;
    for (; sent < Math.min(sentPieces.length, due); sent += 1) {
      const next = sentPieces[sent];
      if (next) dialect.streamPiece(response, request, next.piece, next.kind);
    }
    if (sent < sentPieces.length) await sleep(Math.max(5, pieceMs), plan.signal);
  }
  if (plan.streamError !== undefined) dialect.streamError(response, plan.streamError);
  else dialect.streamEnd(response, request, plan.generation);
}

/**
 * Sends the answer. A stream starts after the load and prompt evaluation time; a whole answer
 * comes after the total time, or at once as a 500 when an error was injected.
 */
export async function sendGeneration(
  dialect: Dialect,
  request: ChatRequest,
  response: ServerResponse,
  plan: SendPlan,
): Promise<void> {
  const { load, promptEval, total } = plan.generation.durations;
  if (request.stream) {
    await sleep(scaled(plan, load + promptEval), plan.signal);
    await streamAnswer(dialect, request, response, plan);
  } else if (plan.streamError !== undefined) {
    sendJson(response, 500, dialect.errorBody(500, plan.streamError));
  } else {
    await sleep(scaled(plan, total), plan.signal);
    dialect.sendWhole(response, request, plan.generation);
  }
}

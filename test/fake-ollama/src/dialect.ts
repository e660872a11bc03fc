/** The parts of a chat request and answer that differ between `/api/chat` and `/v1`. */
import type { ServerResponse } from "node:http";
import type { Generation } from "./generation.js";
import type { ServedModel } from "./models.js";
import type { ChatEndpoint, ChatMessage } from "./types.js";

/** A chat request reduced to what the server needs, whatever its wire format. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  options: Record<string, unknown>;
  think: unknown;
  /** The format field as sent: `format` or `response_format`. */
  format: unknown;
  /** The JSON schema inside the format, `"json"`, or `undefined`. */
  schema: unknown;
  stream: boolean;
}

/** Where one streamed piece belongs. */
export type PieceKind = "thinking" | "content";

export interface Dialect {
  endpoint: ChatEndpoint;
  /** Reads the request body; throws an `HttpError` when it is invalid. */
  parse(body: Record<string, unknown>): ChatRequest;
  errorBody(status: number, message: string): unknown;
  notFoundMessage(model: string): string;
  /** Returns an error to send before the request takes a slot, or `undefined`. */
  reject(request: ChatRequest, model: ServedModel, promptTokens: number): ChatRejection | undefined;
  /** Context size and answer limit of the request, in tokens. */
  limits(request: ChatRequest, model: ServedModel): { contextTokens: number; maxTokens: number };
  /** Whether the model thinks for this request. */
  thinks(request: ChatRequest, model: ServedModel): boolean;
  contentType: string;
  sendWhole(response: ServerResponse, request: ChatRequest, generation: Generation): void;
  streamPiece(response: ServerResponse, request: ChatRequest, piece: string, kind: PieceKind): void;
  streamEnd(response: ServerResponse, request: ChatRequest, generation: Generation): void;
  streamError(response: ServerResponse, message: string): void;
}

export interface ChatRejection {
  status: number;
  body: unknown;
}

export function createdAt(): string {
  return new Date().toISOString();
}

/**
 * Public types of the fake model server: its options, the faults a test can inject, and the
 * figures it records. The server imports nothing outside `node:` built-ins.
 */

/** A model the server lists and serves. */
export interface FakeModel {
  /** Name with its tag, e.g. `llama3.1:8b`. A request may omit a `:latest` tag. */
  name: string;
  /** 64 hex digits; derived from the name when absent. */
  digest?: string;
  /** Trained context length in tokens, reported by `/api/show` and used as the `/v1` context. */
  contextLength?: number;
  /** Whether the model can think, which adds `thinking` to its capabilities and responses. */
  thinking?: boolean;
}

/**
 * A deviation from the normal answer of one chat request. Fields combine: `{ delayMs: 50,
 * content: "{" }` sends a broken JSON after a delay.
 */
export interface Fault {
  /** Answer this status at once, with `body` or a standard error body. */
  status?: 400 | 404 | 500 | 503;
  /** Body sent with `status`: an object is sent as JSON, a string as it is. */
  body?: unknown;
  /** Destroy the socket before answering. */
  reset?: boolean;
  /** Never answer, until the client aborts or the server closes. */
  hang?: boolean;
  /** Wait this long, in real milliseconds, after the request gets a slot. */
  delayMs?: number;
  /** Answer this exact content in place of the rule-based answer. */
  content?: string;
  /** Send a 200 stream that ends with an error line carrying this message. */
  streamError?: string;
  /** Report this `done_reason` (`finish_reason` on `/v1`) whatever the answer. */
  doneReason?: "stop" | "length";
  /** Report this `prompt_eval_count` (`prompt_tokens` on `/v1`). */
  promptEvalCount?: number;
  /** Answer empty content. */
  empty?: boolean;
}

/** The four structured steps the server recognizes from the JSON schema of a request. */
export type StepKind = "analyze" | "write" | "confirm" | "overview" | "other";

export type ChatEndpoint = "/api/chat" | "/v1/chat/completions";

export interface ChatMessage {
  role: string;
  content: string;
}

/** One chat request, as passed to the `faults` hook. */
export interface FakeRequest {
  endpoint: ChatEndpoint;
  model: string;
  step: StepKind;
  messages: ChatMessage[];
  /** `options` on `/api/chat`; the sampling fields (`max_tokens`, `temperature`, ...) on `/v1`. */
  options: Record<string, unknown>;
  think: unknown;
  /** `format` on `/api/chat`; `response_format` on `/v1`. */
  format: unknown;
  stream: boolean;
}

export interface FakeOllamaOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Requests served in parallel. Default 4. */
  slots?: number;
  /** Requests that may wait for a slot; one more gets a 503. Default 512. */
  queueLimit?: number;
  /** Simulated prompt evaluation speed in tokens per second. Default 1000. */
  promptTokensPerSecond?: number;
  /** Simulated generation speed in tokens per second. Default 40. */
  generateTokensPerSecond?: number;
  /** Factor applied to simulated durations before waiting them out. Default 0: no wait. */
  timeScale?: number;
  /** Models served. Default: `llama3.1:8b` with a context length of 131072, no thinking. */
  models?: FakeModel[];
  /** Fault of the chat request number `index` (0-based, both chat endpoints counted). */
  faults?: (request: FakeRequest, index: number) => Fault | undefined;
  /** Faults of the first chat requests, in order; `faults` takes precedence when it returns one. */
  script?: Fault[];
  /** Receives one line per error the server catches and answers with an error status. */
  log?: (line: string) => void;
}

/** One chat request as recorded in `stats.log`. */
export interface RequestLogEntry {
  endpoint: ChatEndpoint;
  model: string;
  step: StepKind;
  options: Record<string, unknown>;
  think: unknown;
  formatPresent: boolean;
  format: unknown;
  stream: boolean;
  /** Estimated prompt tokens before any truncation. */
  promptTokens: number;
  /** HTTP status sent, 0 while the request is pending or when the socket was reset. */
  status: number;
  /** `done_reason` or `finish_reason` sent, empty when no answer was sent. */
  doneReason: string;
}

export interface FakeStats {
  /** Requests by path, e.g. `{"/api/chat": 3, "/api/tags": 1}`. */
  requests: Record<string, number>;
  /** Chat requests by recognized step. */
  steps: Record<StepKind, number>;
  /** 503 answers sent, for a full queue or an injected fault. */
  serviceUnavailable: number;
  /** Measured milliseconds each slot spent serving requests. */
  slotBusyMs: number[];
  /** Simulated nanoseconds of work, summed over all answered chat requests. */
  simulatedBusyNs: number;
  /** Largest number of requests served at the same time. */
  peakActive: number;
  /** Chat requests in arrival order. */
  log: RequestLogEntry[];
}

export interface FakeOllama {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  port: number;
  /** Live figures, updated as requests arrive and finish. */
  stats: FakeStats;
  /** Stops listening and destroys open connections, including hanging requests. */
  close(): Promise<void>;
}

/** A failure the fake server can inject instead of answering. */
export type FakeFault = "429" | "500" | "timeout" | "malformed";

export interface FakeServerOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /**
   * Time from a request's arrival to its answer's first byte, however
   * long the answer takes to prepare: the whole latency of a JSON
   * answer, the time to first token of a stream (whose events then follow
   * at once). @default 0
   */
  latencyMs?: number;
  /** Pause between the deltas of a streamed answer. @default 0 */
  streamDeltaDelayMs?: number;
  /** Completion tokens of each chat answer. @default 16 */
  outputTokens?: number;
  /** Share of requests that fail, from 0 to 1. @default 0 */
  faultRate?: number;
  /** Which failures to draw from, evenly. @default ["429", "500"] */
  faults?: FakeFault[];
  /** Retry-After sent with injected 429s, in seconds. @default 1 */
  retryAfterSeconds?: number;
  /** Seed of the fault draws, so a run can be repeated. @default 1 */
  seed?: number;
  /** Dimensions of fake embeddings. @default 64 */
  embeddingDimensions?: number;
  /**
   * Scripted chat replies: given the last user message, the reply text;
   * `undefined` falls back to the generated reply.
   */
  reply?: (lastUserMessage: string) => string | undefined;
  /**
   * The only bearer token OpenAI routes accept; others get a 401 in
   * OpenAI's format. Any token is accepted when absent.
   */
  apiKey?: string;
}

export type ResolvedFakeServerOptions = Required<
  Omit<FakeServerOptions, "reply" | "apiKey">
> &
  Pick<FakeServerOptions, "reply" | "apiKey">;

export function resolveFakeServerOptions(
  options: FakeServerOptions,
): ResolvedFakeServerOptions {
  return {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 0,
    streamDeltaDelayMs: options.streamDeltaDelayMs ?? 0,
    outputTokens: options.outputTokens ?? 16,
    faultRate: options.faultRate ?? 0,
    faults: options.faults ?? ["429", "500"],
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    seed: options.seed ?? 1,
    embeddingDimensions: options.embeddingDimensions ?? 64,
    reply: options.reply,
    apiKey: options.apiKey,
  };
}

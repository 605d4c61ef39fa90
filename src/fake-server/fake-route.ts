import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  FakeFault,
  ResolvedFakeServerOptions,
} from "./fake-server-options.js";

/** What a route handler gets for one request. */
export interface FakeRequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  /** The raw request body. */
  body: Buffer;
  /** Named groups of the route's path pattern (e.g. `modelId`). */
  pathParameters: Record<string, string>;
  options: ResolvedFakeServerOptions;
  /** Waits the pause between two deltas of a stream. */
  pauseBetweenDeltas: () => Promise<void>;
}

/** One endpoint of a vendor's wire protocol. */
export interface FakeRoute {
  method: "POST" | "GET";
  /** Matched against the URL path; named groups become path parameters. */
  path: RegExp;
  /** The vendor whose error format injected faults use. */
  vendor: "openai" | "bedrock";
  /**
   * Reads the request and works out the whole answer, success or error.
   * The server sends it once the configured latency has passed since the
   * request arrived, so that work happens within the latency rather than
   * after it: answers due together leave together, as from a real server.
   */
  prepare(context: FakeRequestContext): FakeReply;
}

/** Sends an answer prepared by a route; a stream may pause in between. */
export type FakeReply = () => void | Promise<void>;

/** Writes an injected failure in the route vendor's own error format. */
export type FaultWriter = (
  fault: Exclude<FakeFault, "timeout">,
  context: FakeRequestContext,
) => void;

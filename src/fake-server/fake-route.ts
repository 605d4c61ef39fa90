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
  /** Waits the configured latency; the server calls it before each route. */
  delay: () => Promise<void>;
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
  handle(context: FakeRequestContext): Promise<void>;
}

/** Writes an injected failure in the route vendor's own error format. */
export type FaultWriter = (
  fault: Exclude<FakeFault, "timeout">,
  context: FakeRequestContext,
) => void;

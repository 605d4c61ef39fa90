import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { FmopsError } from "../errors/fmops-error.js";
import { bedrockRoutes, writeBedrockFault } from "./bedrock-routes.js";
import type {
  FakeReply,
  FakeRequestContext,
  FakeRoute,
  FaultWriter,
} from "./fake-route.js";
import {
  type FakeServerOptions,
  resolveFakeServerOptions,
} from "./fake-server-options.js";
import { FaultInjector } from "./fault-injector.js";
import { openAiRoutes, writeOpenAiFault } from "./openai-routes.js";
import { writeJson } from "./write-json.js";

export interface FakeServerStats {
  /** Requests received, by route vendor and path. */
  requests: number;
  faults: number;
}

export interface RunningFakeServer {
  /** `http://127.0.0.1:PORT`; OpenAI clients use `${url}/v1`. */
  url: string;
  stats: FakeServerStats;
  close(): Promise<void>;
}

const FAULT_WRITERS: Record<FakeRoute["vendor"], FaultWriter> = {
  openai: writeOpenAiFault,
  bedrock: writeBedrockFault,
};

/**
 * A local server that speaks the OpenAI and Bedrock wire protocols with
 * deterministic answers, configurable latency and injected faults. Tests
 * and benchmarks point the real SDKs at it; nothing leaves the machine.
 */
export async function startFakeServer(
  options: FakeServerOptions = {},
): Promise<RunningFakeServer> {
  const resolved = resolveFakeServerOptions(options);
  const faults = new FaultInjector(
    resolved.faultRate,
    resolved.faults,
    resolved.seed,
  );
  const stats: FakeServerStats = { requests: 0, faults: 0 };
  const routes = [...openAiRoutes, ...bedrockRoutes];
  const server = createServer((request, response) => {
    stats.requests += 1;
    handleRequest(request, response, routes, resolved, faults, stats).catch(
      (error: unknown) => failInternally(response, error),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE" ? "the port is in use" : error.message;
      reject(
        new FmopsError(
          "USAGE",
          `fake server: cannot listen on ${resolved.host}:${resolved.port}: ${reason}; choose another --port`,
          { cause: error },
        ),
      );
    });
    server.listen(resolved.port, resolved.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${resolved.host}:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  routes: readonly FakeRoute[],
  options: ReturnType<typeof resolveFakeServerOptions>,
  faults: FaultInjector,
  stats: FakeServerStats,
): Promise<void> {
  const dueMs = performance.now() + options.latencyMs;
  const path = new URL(request.url ?? "/", "http://fake").pathname;
  const match = findRoute(routes, request.method ?? "GET", path);
  const body = await readBody(request);
  if (match === null) {
    writeJson(response, 404, {
      error: { message: `no fake route for ${request.method} ${path}` },
    });
    return;
  }
  const pauseBetweenDeltas = () =>
    options.streamDeltaDelayMs > 0
      ? sleep(options.streamDeltaDelayMs)
      : Promise.resolve();
  const context: FakeRequestContext = {
    request,
    response,
    body,
    pathParameters: match.parameters,
    options,
    pauseBetweenDeltas,
  };
  const fault = faults.next();
  if (fault !== null) stats.faults += 1;
  if (fault === "timeout") return; // never answer; the client's timeout fires
  const reply: FakeReply =
    fault === null
      ? match.route.prepare(context)
      : () => FAULT_WRITERS[match.route.vendor](fault, context);
  await waitUntil(dueMs);
  await reply();
}

/** Sleeps until `performance.now()` reaches `dueMs`, rounded up to whole milliseconds. */
function waitUntil(dueMs: number): Promise<void> {
  const waitMs = Math.ceil(dueMs - performance.now());
  return waitMs > 0 ? sleep(waitMs) : Promise.resolve();
}

function findRoute(routes: readonly FakeRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.path.exec(path);
    if (found !== null) {
      const parameters: Record<string, string> = {};
      for (const [name, value] of Object.entries(found.groups ?? {})) {
        parameters[name] = decodeURIComponent(value);
      }
      return { route, parameters };
    }
  }
  return null;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts)));
    request.on("error", reject);
  });
}

function failInternally(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeJson(response, 500, { error: { message: `fake server: ${message}` } });
}

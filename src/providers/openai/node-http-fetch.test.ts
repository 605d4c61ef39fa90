import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { nodeHttpFetch } from "./node-http-fetch.js";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

async function serve(handler: Handler): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (part: string) => {
      body += part;
    });
    request.on("end", () => resolve(body));
  });
}

describe("nodeHttpFetch", () => {
  it("sends method, headers and body, and returns status, headers and body", async () => {
    const url = await serve(async (request, response) => {
      const body = await readBody(request);
      response.setHeader("x-request-id", "req-1");
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(201, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          method: request.method,
          authorization: request.headers.authorization,
          body,
        }),
      );
    });

    const response = await nodeHttpFetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: new Headers({ Authorization: "Bearer k" }),
      body: '{"model":"m"}',
    });

    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({
      method: "POST",
      authorization: "Bearer k",
      body: '{"model":"m"}',
    });
  });

  it("unpacks a gzip body and gives no body for 204", async () => {
    const url = await serve((request, response) => {
      if (request.url === "/empty") {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(200, { "content-encoding": "gzip" });
      response.end(gzipSync("data: hello\n\n"));
    });

    expect(await (await nodeHttpFetch(`${url}/zipped`)).text()).toBe(
      "data: hello\n\n",
    );
    const empty = await nodeHttpFetch(`${url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("rejects with the signal's reason when aborted before the answer", async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const reason = new Error("deadline");
    const pending = nodeHttpFetch(url, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);

    await expect(pending).rejects.toBe(reason);
  });

  it("errors the body with the signal's reason when aborted mid-stream", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n");
    });
    const controller = new AbortController();
    const response = await nodeHttpFetch(url, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value ?? []).toString()).toBe("data: first\n\n");

    const reason = new DOMException("stopped", "AbortError");
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it("fails a refused connection as fetch does, the socket error as cause", async () => {
    const url = await serve(() => {});
    await new Promise((resolve) => server?.close(resolve));
    server = null;

    const failure = await nodeHttpFetch(url).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect((failure as { cause: { code: string } }).cause.code).toBe(
      "ECONNREFUSED",
    );
  });

  it("errors a body that breaks off with TypeError terminated", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("partial");
      setTimeout(() => response.socket?.destroy(), 10);
    });

    const response = await nodeHttpFetch(url);
    const failure = await response.text().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("terminated");
  });

  it("hands the socket back when a body that arrived whole is cancelled unread", async () => {
    let connections = 0;
    const url = await serve((_request, response) => {
      response.end("x".repeat(16 * 1024));
    });
    server?.on("connection", () => {
      connections += 1;
    });

    const first = await nodeHttpFetch(url);
    // Let the whole body arrive, then give up on it without reading.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await nodeHttpFetch(url);
    await second.text();

    expect(connections).toBe(1);
  });

  it("follows a redirect as the built-in fetch does, sending once", async () => {
    const hits: string[] = [];
    const url = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        hits.push(`${request.method} ${request.url} ${body}`);
        if (request.url === "/old") {
          response.writeHead(307, { location: "/new" }).end();
        } else if (request.url === "/other") {
          response.writeHead(303, { location: "/new" }).end();
        } else {
          response.end(`at ${request.url}`);
        }
      });
    });

    const kept = await nodeHttpFetch(`${url}/old`, {
      method: "POST",
      body: "{}",
    });
    const changed = await nodeHttpFetch(`${url}/other`, {
      method: "POST",
      body: "{}",
    });

    expect(await kept.text()).toBe("at /new");
    expect(await changed.text()).toBe("at /new");
    // 307 keeps the method and body; 303 asks for a GET without one.
    expect(hits).toEqual([
      "POST /old {}",
      "POST /new {}",
      "POST /other {}",
      "GET /new ",
    ]);
  });
});

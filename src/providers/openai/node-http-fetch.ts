import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";

/** Statuses whose response has no body; `Response` refuses one for them. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Statuses that `fetch` follows; handing them to it keeps its rules. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * `fetch` for the openai SDK over `node:http` and `node:https` with their
 * keep-alive agents. Node's built-in fetch spends more CPU per request
 * than the SDK itself does (web streams, signal bookkeeping); at hundreds
 * of calls a second that is what bounds a run. Everything it does not
 * need — bodies other than text, the request a redirect asks for — goes
 * to the built-in fetch.
 *
 * What it keeps of fetch's contract: an abort rejects with (or errors the
 * body with) the signal's reason; a failed connection rejects with
 * `TypeError("fetch failed")` and a body that breaks off errors with
 * `TypeError("terminated")`, each with the socket error as its cause.
 */
export async function nodeHttpFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  const body = init.body;
  const isTextBody =
    body === undefined || body === null || typeof body === "string";
  if (input instanceof Request || !isTextBody) return fetch(input, init);
  const url = new URL(input);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fetch(input, init);
  }
  const response = await send(url, init);
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(status) || location === undefined) {
    return toResponse(response, init.signal ?? null);
  }
  response.destroy();
  const target = new URL(location, url);
  return fetch(target, redirectedInit(init, status, url, target));
}

/**
 * The request a redirect asks for, by fetch's rules: 303, and 301 or 302
 * after a POST, become a GET without a body; credentials stay behind when
 * the redirect leaves the origin. The built-in fetch sends it and follows
 * any further redirect.
 */
function redirectedInit(
  init: RequestInit,
  status: number,
  from: URL,
  to: URL,
): RequestInit {
  const method = (init.method ?? "GET").toUpperCase();
  const isNowGet =
    status === 303
      ? method !== "GET" && method !== "HEAD"
      : (status === 301 || status === 302) && method === "POST";
  const headers = new Headers(init.headers);
  if (isNowGet) {
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (from.origin !== to.origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  return isNowGet
    ? { ...init, method: "GET", body: null, headers }
    : { ...init, headers };
}

/** Headers that describe a body, dropped when a redirect drops the body. */
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];

/** Headers that carry credentials, kept from another origin. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

function send(url: URL, init: RequestInit): Promise<http.IncomingMessage> {
  const signal = init.signal ?? null;
  signal?.throwIfAborted();
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: init.method ?? "GET",
      headers: plainHeaders(init.headers),
    });
    const onAbort = () => request.destroy(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    request.once("response", (response) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(response);
    });
    request.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(
        signal?.aborted === true
          ? signal.reason
          : new TypeError("fetch failed", { cause: error }),
      );
    });
    request.end(init.body ?? undefined);
  });
}

function plainHeaders(headers: RequestInit["headers"]): Record<string, string> {
  const plain: Record<string, string> = {};
  // The SDK hands over a `Headers` already: read it rather than copy it.
  const readable = headers instanceof Headers ? headers : new Headers(headers);
  readable.forEach((value, name) => {
    plain[name] = value;
  });
  return plain;
}

function toResponse(
  response: http.IncomingMessage,
  signal: AbortSignal | null,
): Response {
  const status = response.statusCode ?? 0;
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let at = 0; at + 1 < raw.length; at += 2) {
    headers.append(raw[at] as string, raw[at + 1] as string);
  }
  if (NULL_BODY_STATUSES.has(status)) {
    response.resume();
    return new Response(null, { status, headers });
  }
  const body = bodyStream(response, decoded(response), signal);
  return new Response(body, { status, headers });
}

/**
 * The body as the server sent it, unpacked. No `accept-encoding` is sent,
 * so a server compresses only on its own initiative.
 */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  if (decoder === null) return response;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** A web stream over `source`, read only as fast as its reader asks. */
function bodyStream(
  response: http.IncomingMessage,
  source: Readable,
  signal: AbortSignal | null,
): ReadableStream<Uint8Array> {
  let isSettled = false;
  const onAbort = () => settle(() => controller.error(signal?.reason));
  let controller: ReadableStreamDefaultController<Uint8Array>;
  // Ends the stream once, whichever comes first; nothing is read after.
  const settle = (end: () => void) => {
    if (isSettled) return;
    isSettled = true;
    signal?.removeEventListener("abort", onAbort);
    end();
    // A body that arrived whole is drained, so its socket goes back to
    // the pool; one still arriving is cut off.
    if (response.complete) source.resume();
    else response.destroy();
  };
  const breakOff = (cause: unknown) =>
    settle(() => controller.error(new TypeError("terminated", { cause })));

  return new ReadableStream<Uint8Array>({
    start(started) {
      controller = started;
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      source.on("data", (chunk: Buffer) => {
        if (isSettled) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.once("end", () => settle(() => controller.close()));
      source.on("error", breakOff);
      response.once("close", () => {
        if (!response.complete) breakOff(new Error("aborted"));
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      settle(() => {});
    },
  });
}

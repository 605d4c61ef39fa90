import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "openai";
import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { mapOpenAiError } from "./map-openai-error.js";
import type { OpenAiCallContext } from "./openai-call-context.js";

const API_KEY = "sk-map-test-5b9d0a7e33";
const CONTEXT: OpenAiCallContext = {
  modelId: "gpt-4o-mini",
  url: "https://api.openai.com/v1/chat/completions",
  apiKey: API_KEY,
};

function statusError(
  status: number,
  headers: Record<string, string> = {},
  error: object = { message: "failed", type: "server_error" },
): APIError {
  return APIError.generate(status, { error }, undefined, new Headers(headers));
}

function mapped(error: unknown, context = CONTEXT): ProviderCallError {
  const result = mapOpenAiError(error, context);
  expect(result).toBeInstanceOf(ProviderCallError);
  return result as ProviderCallError;
}

describe("mapOpenAiError for HTTP statuses", () => {
  it.each([
    [400, "bad_request", false],
    [401, "auth", false],
    [403, "auth", false],
    [404, "bad_request", false],
    [408, "timeout", true],
    [409, "bad_request", true],
    [429, "rate_limit", true],
    [500, "server", true],
    [503, "server", true],
  ] as const)(
    "maps %i to %s (retryable: %s)",
    (status, errorClass, isRetryable) => {
      const error = mapped(statusError(status));
      expect(error.errorClass).toBe(errorClass);
      expect(error.isRetryable).toBe(isRetryable);
      expect(error.statusCode).toBe(status);
      expect(error.provider).toBe("openai");
      expect(error.modelId).toBe("gpt-4o-mini");
      expect(error.url).toBe(CONTEXT.url);
    },
  );

  it("prefers retry-after-ms over Retry-After seconds", () => {
    const error = mapped(
      statusError(429, { "retry-after-ms": "1500", "retry-after": "2" }),
    );
    expect(error.retryAfterMs).toBe(1_500);
    expect(error.message).toContain("retry after 1500 ms");
  });

  it("reads Retry-After seconds alone", () => {
    expect(mapped(statusError(429, { "retry-after": "7" })).retryAfterMs).toBe(
      7_000,
    );
  });

  it("keeps the error body as OpenAI sent it", () => {
    const error = mapped(
      statusError(400, {}, { message: "bad", type: "invalid_request_error" }),
    );
    expect(JSON.parse(error.responseBody ?? "")).toEqual({
      error: { message: "bad", type: "invalid_request_error" },
    });
  });

  it("treats an error event inside a stream as a retryable server error", () => {
    const inStream = new APIError(
      undefined,
      { message: "overloaded", type: "server_error" },
      undefined,
      new Headers(),
    );
    const error = mapped(inStream);
    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBeNull();
  });
});

describe("mapOpenAiError for failures without a status", () => {
  it("maps the SDK's timeout to a retryable timeout", () => {
    const error = mapped(new APIConnectionTimeoutError());
    expect(error.errorClass).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });

  it("maps a failed connection to a retryable network error, with its cause", () => {
    const refused = Object.assign(
      new Error("connect ECONNREFUSED 127.0.0.1:9"),
      {
        code: "ECONNREFUSED",
      },
    );
    const fetchFailure = new TypeError("fetch failed", { cause: refused });
    const error = mapped(
      new APIConnectionError({
        message: "Connection error.",
        cause: fetchFailure,
      }),
    );
    expect(error.errorClass).toBe("network");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("maps a body that broke off to a retryable network error", () => {
    const error = mapped(new TypeError("terminated"));
    expect(error.errorClass).toBe("network");
  });

  it("maps unparsable JSON to a retryable bad_response", () => {
    const error = mapped(new SyntaxError("Unexpected end of JSON input"));
    expect(error.errorClass).toBe("bad_response");
    expect(error.isRetryable).toBe(true);
  });

  it("maps a cancel to aborted and a timed-out signal to timeout", () => {
    const cancelled = mapped(new APIUserAbortError(), {
      ...CONTEXT,
      abortSignal: AbortSignal.abort(),
    });
    const timedOut = mapped(new APIUserAbortError(), {
      ...CONTEXT,
      abortSignal: AbortSignal.abort(
        new DOMException("deadline passed", "TimeoutError"),
      ),
    });
    expect([cancelled.errorClass, cancelled.isRetryable]).toEqual([
      "aborted",
      false,
    ]);
    expect([timedOut.errorClass, timedOut.isRetryable]).toEqual([
      "timeout",
      true,
    ]);
  });

  it("returns errors that are not failed calls unchanged", () => {
    const bug = new RangeError("index out of range");
    expect(mapOpenAiError(bug, CONTEXT)).toBe(bug);
  });

  it("returns a ProviderCallError as it is", () => {
    const original = mapped(statusError(500));
    expect(mapOpenAiError(original, CONTEXT)).toBe(original);
  });
});

describe("API key redaction", () => {
  it("removes a key a server echoed from the message and the body", () => {
    const echoed = statusError(
      401,
      {},
      {
        message: `Incorrect API key provided: ${API_KEY}`,
        type: "invalid_request_error",
      },
    );
    const error = mapped(echoed);
    expect(error.message).not.toContain(API_KEY);
    expect(error.responseBody).not.toContain(API_KEY);
    expect(error.message).toContain("[redacted]");
  });
});

import {
  AccessDeniedException,
  BedrockRuntimeServiceException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import {
  type BedrockErrorContext,
  mapBedrockError,
} from "./map-bedrock-error.js";

const CONTEXT: BedrockErrorContext = {
  modelId: "amazon.nova-lite-v1:0",
  url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse",
};

function metadata(httpStatusCode: number) {
  return { $metadata: { httpStatusCode } };
}

/** Attaches raw response headers the way the SDK's deserializer does. */
function withHeaders<T extends object>(
  error: T,
  headers: Record<string, string>,
): T {
  Object.defineProperty(error, "$response", {
    value: { statusCode: 429, headers, body: undefined },
  });
  return error;
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
}

describe("mapBedrockError for Bedrock's exceptions", () => {
  it.each([
    [
      new ThrottlingException({ message: "slow down", ...metadata(429) }),
      "rate_limit",
      true,
    ],
    [
      new ServiceUnavailableException({ message: "busy", ...metadata(503) }),
      "server",
      true,
    ],
    [
      new ModelTimeoutException({ message: "slow model", ...metadata(408) }),
      "timeout",
      true,
    ],
    [
      new ValidationException({ message: "bad field", ...metadata(400) }),
      "bad_request",
      false,
    ],
    [
      new AccessDeniedException({ message: "no access", ...metadata(403) }),
      "auth",
      false,
    ],
    [
      new ResourceNotFoundException({ message: "no model", ...metadata(404) }),
      "bad_request",
      false,
    ],
  ])("classifies %s", (error, errorClass, isRetryable) => {
    const mapped = mapBedrockError(error, CONTEXT);

    expect(mapped.errorClass).toBe(errorClass);
    expect(mapped.isRetryable).toBe(isRetryable);
    expect(mapped.statusCode).toBe(error.$metadata.httpStatusCode);
    expect(mapped.provider).toBe("bedrock");
    expect(mapped.url).toBe(CONTEXT.url);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toContain(error.message);
  });

  it("falls back on the HTTP status for an exception it does not know", () => {
    const error = new BedrockRuntimeServiceException({
      name: "BrandNewException",
      $fault: "server",
      message: "new",
      ...metadata(503),
    });

    const mapped = mapBedrockError(error, CONTEXT);

    expect(mapped.errorClass).toBe("server");
    expect(mapped.isRetryable).toBe(true);
  });

  it("reads Retry-After (seconds) from the raw response", () => {
    const error = withHeaders(
      new ThrottlingException({ message: "slow down", ...metadata(429) }),
      { "retry-after": "5" },
    );

    expect(mapBedrockError(error, CONTEXT).retryAfterMs).toBe(5_000);
  });

  it("prefers retry-after-ms when a proxy sends it", () => {
    const error = withHeaders(
      new ThrottlingException({ message: "slow down", ...metadata(429) }),
      { "retry-after-ms": "250", "retry-after": "5" },
    );

    expect(mapBedrockError(error, CONTEXT).retryAfterMs).toBe(250);
  });

  it("has no Retry-After when the response carried none", () => {
    const error = new ThrottlingException({ message: "x", ...metadata(429) });

    expect(mapBedrockError(error, CONTEXT).retryAfterMs).toBeNull();
  });
});

describe("mapBedrockError for failures on this side", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND"])(
    "calls %s a retryable network error",
    (code) => {
      const mapped = mapBedrockError(networkError(code), CONTEXT);

      expect(mapped.errorClass).toBe("network");
      expect(mapped.isRetryable).toBe(true);
    },
  );

  it("finds a socket error wrapped as the cause", () => {
    const wrapped = new Error("stream canceled", {
      cause: networkError("ECONNREFUSED"),
    });

    expect(mapBedrockError(wrapped, CONTEXT).errorClass).toBe("network");
  });

  it("calls the handler's TimeoutError a retryable timeout", () => {
    const error = Object.assign(new Error("socket timed out"), {
      name: "TimeoutError",
    });

    const mapped = mapBedrockError(error, CONTEXT);

    expect(mapped.errorClass).toBe("timeout");
    expect(mapped.isRetryable).toBe(true);
  });

  it("tells the user where credentials come from when none are found", () => {
    const error = Object.assign(
      new Error("Could not load credentials from any providers"),
      { name: "CredentialsProviderError" },
    );

    const mapped = mapBedrockError(error, CONTEXT);

    expect(mapped.errorClass).toBe("auth");
    expect(mapped.isRetryable).toBe(false);
    expect(mapped.message).toMatch(/AWS_ACCESS_KEY_ID/);
  });

  it("asks for a region when none resolves", () => {
    const mapped = mapBedrockError(new Error("Region is missing"), CONTEXT);

    expect(mapped.errorClass).toBe("bad_request");
    expect(mapped.message).toMatch(/AWS_REGION/);
  });

  it("calls an unknown failure after the answer began a bad_response", () => {
    const error = new Error("Truncated event message received.");

    const mapped = mapBedrockError(error, { ...CONTEXT, hasResponse: true });

    expect(mapped.errorClass).toBe("bad_response");
    expect(mapped.isRetryable).toBe(true);
    expect(mapped.statusCode).toBe(200);
  });

  it("calls an unknown failure before any answer a bad_request", () => {
    const mapped = mapBedrockError(new Error("odd input"), CONTEXT);

    expect(mapped.errorClass).toBe("bad_request");
    expect(mapped.isRetryable).toBe(false);
  });
});

describe("mapBedrockError for aborts", () => {
  it("calls an abort by the caller aborted, whatever the error", () => {
    const controller = new AbortController();
    controller.abort();

    const mapped = mapBedrockError(networkError("ECONNRESET"), {
      ...CONTEXT,
      abortSignal: controller.signal,
    });

    expect(mapped.errorClass).toBe("aborted");
    expect(mapped.isRetryable).toBe(false);
  });

  it("calls an abort whose reason is a TimeoutError a retryable timeout", () => {
    const controller = new AbortController();
    controller.abort(new DOMException("too slow", "TimeoutError"));

    const mapped = mapBedrockError(new Error("Request aborted"), {
      ...CONTEXT,
      abortSignal: controller.signal,
    });

    expect(mapped.errorClass).toBe("timeout");
    expect(mapped.isRetryable).toBe(true);
  });

  it("recognises the HTTP handler's AbortError without a signal", () => {
    const error = Object.assign(new Error("Request aborted"), {
      name: "AbortError",
    });

    expect(mapBedrockError(error, CONTEXT).errorClass).toBe("aborted");
  });
});

it("passes a ProviderCallError through unchanged", () => {
  const error = new ProviderCallError("already mapped", {
    provider: "bedrock",
    modelId: "m",
    errorClass: "server",
    isRetryable: true,
  });

  expect(mapBedrockError(error, CONTEXT)).toBe(error);
});

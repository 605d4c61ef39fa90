import { describe, expect, it } from "vitest";
import {
  abortedCallError,
  badResponseError,
  thrownCallError,
} from "./call-errors.js";

const MODEL = { provider: "module", modelId: "reader" };

describe("thrownCallError", () => {
  it("treats a plain error as a server failure not worth retrying", () => {
    const cause = new Error("index offline");
    const error = thrownCallError(MODEL, cause);

    expect(error.message).toBe('module model "reader" threw: index offline');
    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(false);
    expect(error.statusCode).toBeNull();
    expect(error.cause).toBe(cause);
  });

  it("classifies an error that carries an HTTP status by that status", () => {
    const rateLimited = Object.assign(new Error("slow down"), { status: 429 });
    const unauthorised = Object.assign(new Error("bad key"), { status: 401 });

    expect(thrownCallError(MODEL, rateLimited)).toMatchObject({
      errorClass: "rate_limit",
      statusCode: 429,
      isRetryable: true,
    });
    expect(thrownCallError(MODEL, unauthorised)).toMatchObject({
      errorClass: "auth",
      statusCode: 401,
      isRetryable: false,
    });
  });

  it("ignores a status that is not an HTTP error code", () => {
    const error = Object.assign(new Error("odd"), { status: "failed" });

    expect(thrownCallError(MODEL, error).errorClass).toBe("server");
    expect(thrownCallError(MODEL, "a thrown string").message).toBe(
      'module model "reader" threw: a thrown string',
    );
  });
});

describe("abortedCallError", () => {
  it("tells a deliberate stop from a timeout", () => {
    const stopped = abortedCallError(MODEL, AbortSignal.abort());
    const timedOut = abortedCallError(
      MODEL,
      AbortSignal.abort(new DOMException("too slow", "TimeoutError")),
    );

    expect(stopped).toMatchObject({
      errorClass: "aborted",
      isRetryable: false,
    });
    expect(stopped.message).toBe(
      'module model "reader": the call was cancelled',
    );
    expect(timedOut).toMatchObject({
      errorClass: "timeout",
      isRetryable: true,
    });
  });
});

describe("badResponseError", () => {
  it("keeps the body and is not retried", () => {
    const error = badResponseError(MODEL, "stdout is not JSON", "14 days");

    expect(error).toMatchObject({
      errorClass: "bad_response",
      isRetryable: false,
      responseBody: "14 days",
      provider: "module",
      modelId: "reader",
    });
  });
});

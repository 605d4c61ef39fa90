import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "openai";
import {
  errorClassOfStatus,
  isRetryableStatus,
  ProviderCallError,
  type ProviderCallErrorDetails,
  parseRetryAfterMs,
} from "../../errors/provider-call-error.js";
import { type OpenAiCallContext, redactApiKey } from "./openai-call-context.js";

/** How a failure reads, and what a retry policy needs to know of it. */
interface Classification
  extends Pick<
    ProviderCallErrorDetails,
    "errorClass" | "isRetryable" | "statusCode" | "retryAfterMs"
  > {
  summary: string;
  responseBody?: string | null;
}

/**
 * Turns what the openai SDK (or fetch beneath it) threw into a
 * `ProviderCallError` a retry policy can act on. Errors that are not a
 * failed call, such as bugs in fmops, come back unchanged.
 */
export function mapOpenAiError(
  error: unknown,
  context: OpenAiCallContext,
): Error {
  if (error instanceof ProviderCallError) return error;
  const classification = classify(error, context);
  if (classification === null) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const { summary, responseBody, ...details } = classification;
  const message = `openai ${context.modelId}: ${summary} (${context.url})`;
  return new ProviderCallError(
    redactApiKey(message, context),
    {
      provider: "openai",
      modelId: context.modelId,
      url: context.url,
      responseBody:
        typeof responseBody === "string"
          ? redactApiKey(responseBody, context)
          : null,
      ...details,
    },
    { cause: error },
  );
}

function classify(
  error: unknown,
  context: OpenAiCallContext,
): Classification | null {
  // The SDK reports the caller's abort in several shapes (a user-abort
  // error, a bare AbortError, or a stream that just ends); the signal is
  // the one reliable witness.
  if (context.abortSignal?.aborted === true) {
    return classifyAbort(context.abortSignal.reason);
  }
  if (error instanceof APIUserAbortError) return classifyAbort(undefined);
  if (error instanceof APIConnectionTimeoutError) {
    return retryable("timeout", `no answer in time (${error.message})`);
  }
  if (error instanceof APIConnectionError) {
    return retryable("network", `connection failed (${describeCause(error)})`);
  }
  if (error instanceof APIError) return classifyApiError(error);
  if (error instanceof SyntaxError) {
    return retryable("bad_response", `response is not JSON (${error.message})`);
  }
  if (isBrokenConnection(error)) {
    return retryable(
      "network",
      `connection broke off (${describeCause(error)})`,
    );
  }
  return null;
}

function retryable(
  errorClass: Classification["errorClass"],
  summary: string,
): Classification {
  return { errorClass, isRetryable: true, summary };
}

/**
 * `AbortSignal.timeout()` and timers that abort with a `TimeoutError`
 * mean the call ran out of time, which a retry may fix; any other reason
 * is a cancel (Ctrl-C, a stopped run), which it must not.
 */
function classifyAbort(reason: unknown): Classification {
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return retryable("timeout", `call timed out (${reason.message})`);
  }
  return { errorClass: "aborted", isRetryable: false, summary: "call aborted" };
}

function classifyApiError(error: APIError): Classification {
  const responseBody =
    error.error === undefined ? null : JSON.stringify({ error: error.error });
  // An error event inside a stream comes after a 200 and has no status of
  // its own; OpenAI sends these for server-side failures.
  if (error.status === undefined) {
    return {
      ...retryable("server", `error inside the stream: ${error.message}`),
      responseBody,
    };
  }
  const retryAfterMs =
    error.headers === undefined ? null : parseRetryAfterMs(error.headers);
  return {
    errorClass: errorClassOfStatus(error.status),
    isRetryable: isRetryableStatus(error.status),
    statusCode: error.status,
    retryAfterMs,
    responseBody,
    summary:
      retryAfterMs === null
        ? error.message
        : `${error.message} (retry after ${retryAfterMs} ms)`,
  };
}

/** undici's "terminated" and socket errors when a body read breaks off. */
function isBrokenConnection(error: unknown): error is TypeError {
  if (!(error instanceof TypeError)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return error.message === "terminated" || typeof cause?.code === "string";
}

/** fetch hides the useful part (ECONNREFUSED…) down its `cause` chain. */
function describeCause(error: Error): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 4) {
    if (current.message !== "" && !messages.includes(current.message)) {
      messages.push(current.message);
    }
    current = current.cause;
  }
  return messages.join(": ");
}

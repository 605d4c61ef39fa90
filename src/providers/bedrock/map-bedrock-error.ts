import { BedrockRuntimeServiceException } from "@aws-sdk/client-bedrock-runtime";
import {
  errorClassOfStatus,
  isRetryableStatus,
  ProviderCallError,
  type ProviderErrorClass,
  parseRetryAfterMs,
} from "../../errors/provider-call-error.js";

/** What an error needs besides itself to be reported well. */
export interface BedrockErrorContext {
  modelId: string;
  /** The address called, for the message; `null` when unknown. */
  url: string | null;
  /**
   * The caller's signal: a failure that follows its abort is reported as
   * `aborted` (or `timeout` when the signal's reason is a TimeoutError).
   */
  abortSignal?: AbortSignal | undefined;
  /**
   * Whether the server had begun to answer. An error the SDK cannot name
   * is then a response that could not be read (`bad_response`); before
   * that, a request that could not be made (`bad_request`).
   */
  hasResponse?: boolean;
  /** The body as received, when the caller read it before failing. */
  responseBody?: string | null;
}

interface Classification {
  errorClass: ProviderErrorClass;
  isRetryable: boolean;
}

/** Bedrock's modelled exceptions, by the name the SDK gives them. */
const SERVICE_ERRORS: Record<string, Classification> = {
  ThrottlingException: { errorClass: "rate_limit", isRetryable: true },
  ServiceUnavailableException: { errorClass: "server", isRetryable: true },
  InternalServerException: { errorClass: "server", isRetryable: true },
  ModelNotReadyException: { errorClass: "server", isRetryable: true },
  ModelTimeoutException: { errorClass: "timeout", isRetryable: true },
  // The model failed on this input; sending it again fails the same way.
  ModelErrorException: { errorClass: "server", isRetryable: false },
  ModelStreamErrorException: { errorClass: "server", isRetryable: false },
  // An account quota, not a momentary rate: waiting seconds does not help.
  ServiceQuotaExceededException: {
    errorClass: "rate_limit",
    isRetryable: false,
  },
  ValidationException: { errorClass: "bad_request", isRetryable: false },
  ResourceNotFoundException: { errorClass: "bad_request", isRetryable: false },
  ConflictException: { errorClass: "bad_request", isRetryable: false },
  AccessDeniedException: { errorClass: "auth", isRetryable: false },
  UnrecognizedClientException: { errorClass: "auth", isRetryable: false },
  InvalidSignatureException: { errorClass: "auth", isRetryable: false },
  ExpiredTokenException: { errorClass: "auth", isRetryable: false },
};

/** Node socket errors: the request may not have reached Bedrock at all. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET",
]);

/**
 * Turns whatever a Bedrock call threw into a ProviderCallError that says
 * what went wrong and whether a retry makes sense. Errors that already are
 * ProviderCallErrors pass through unchanged.
 */
export function mapBedrockError(
  error: unknown,
  context: BedrockErrorContext,
): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (context.abortSignal?.aborted === true || isNamed(error, "AbortError")) {
    return abortedError(error, context);
  }
  if (error instanceof BedrockRuntimeServiceException) {
    return serviceError(error, context);
  }
  return clientSideError(error, context);
}

function abortedError(
  error: unknown,
  context: BedrockErrorContext,
): ProviderCallError {
  const reason: unknown = context.abortSignal?.reason;
  if (isNamed(reason, "TimeoutError")) {
    return callError("the caller's time limit ran out", context, error, {
      errorClass: "timeout",
      isRetryable: true,
    });
  }
  return callError("aborted", context, error, {
    errorClass: "aborted",
    isRetryable: false,
  });
}

function serviceError(
  error: BedrockRuntimeServiceException,
  context: BedrockErrorContext,
): ProviderCallError {
  const statusCode = error.$metadata.httpStatusCode ?? null;
  const classification = SERVICE_ERRORS[error.name] ?? {
    errorClass: statusCode === null ? "server" : errorClassOfStatus(statusCode),
    isRetryable: statusCode === null || isRetryableStatus(statusCode),
  };
  const status = statusCode === null ? "" : ` (HTTP ${statusCode})`;
  return callError(
    `${error.name}${status}: ${error.message}`,
    context,
    error,
    classification,
    {
      statusCode,
      responseBody: JSON.stringify({ message: error.message }),
      retryAfterMs: retryAfterMsOf(error),
    },
  );
}

function clientSideError(
  error: unknown,
  context: BedrockErrorContext,
): ProviderCallError {
  // The SDK appends a multi-line hint about hidden fields; the first line
  // is the cause.
  const text = error instanceof Error ? error.message : String(error);
  const message = text.split("\n", 1)[0] ?? text;
  if (isNamed(error, "CredentialsProviderError")) {
    return callError(
      `no AWS credentials: ${message}; set AWS_ACCESS_KEY_ID and ` +
        "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or another source of the " +
        "standard AWS chain",
      context,
      error,
      { errorClass: "auth", isRetryable: false },
    );
  }
  // The SDK raises a plain Error with this text when no region resolves.
  if (message.startsWith("Region is missing")) {
    return callError(
      "no AWS region: set `region` in the model's settings or AWS_REGION",
      context,
      error,
      { errorClass: "bad_request", isRetryable: false },
    );
  }
  return transportError(error, message, context);
}

function transportError(
  error: unknown,
  message: string,
  context: BedrockErrorContext,
): ProviderCallError {
  if (isNamed(error, "TimeoutError") || errorCodeOf(error) === "ETIMEDOUT") {
    return callError(`timed out: ${message}`, context, error, {
      errorClass: "timeout",
      isRetryable: true,
    });
  }
  if (NETWORK_ERROR_CODES.has(errorCodeOf(error) ?? "")) {
    return callError(`network error: ${message}`, context, error, {
      errorClass: "network",
      isRetryable: true,
    });
  }
  if (context.hasResponse === true || hasAnswered(error)) {
    // A garbled answer is usually a one-off; the same request may succeed.
    return callError(
      `unreadable response: ${message}`,
      context,
      error,
      {
        errorClass: "bad_response",
        isRetryable: true,
      },
      {
        statusCode: statusCodeOf(error) ?? (context.hasResponse ? 200 : null),
        responseBody: bodyTextOf(error) ?? context.responseBody ?? null,
      },
    );
  }
  return callError(`request failed: ${message}`, context, error, {
    errorClass: "bad_request",
    isRetryable: false,
  });
}

function callError(
  what: string,
  context: BedrockErrorContext,
  cause: unknown,
  classification: Classification,
  response: {
    statusCode?: number | null;
    responseBody?: string | null;
    retryAfterMs?: number | null;
  } = {},
): ProviderCallError {
  return new ProviderCallError(
    `bedrock ${context.modelId}: ${what}`,
    {
      provider: "bedrock",
      modelId: context.modelId,
      url: context.url,
      ...classification,
      ...response,
    },
    { cause },
  );
}

/** Bedrock itself sends no Retry-After, but proxies in front of it may. */
function retryAfterMsOf(error: BedrockRuntimeServiceException): number | null {
  const headers = error.$response?.headers ?? {};
  return parseRetryAfterMs({ get: (name) => headers[name] });
}

function isNamed(value: unknown, name: string): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    value.name === name
  );
}

/** The Node error code of an error or of its cause (HTTP handlers wrap). */
function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 3; depth += 1) {
    if (typeof current !== "object" || current === null) return undefined;
    if ("code" in current && typeof current.code === "string") {
      if (NETWORK_ERROR_CODES.has(current.code)) return current.code;
      if (current.code === "ETIMEDOUT") return current.code;
    }
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * The SDK stamps an answer it could not deserialise with the HTTP status
 * (`$metadata`) and, for JSON, the text it failed on (`$responseBodyText`).
 */
function hasAnswered(error: unknown): boolean {
  return bodyTextOf(error) !== null || statusCodeOf(error) !== null;
}

function bodyTextOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const text: unknown = Reflect.get(error, "$responseBodyText");
  return typeof text === "string" ? text : null;
}

function statusCodeOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const metadata: unknown = Reflect.get(error, "$metadata");
  if (typeof metadata !== "object" || metadata === null) return null;
  const statusCode: unknown = Reflect.get(metadata, "httpStatusCode");
  return typeof statusCode === "number" ? statusCode : null;
}

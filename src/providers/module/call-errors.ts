import {
  errorClassOfStatus,
  isRetryableStatus,
  ProviderCallError,
} from "../../errors/index.js";
import type { ChatModel } from "../../spec/index.js";

/** The model a failed call belongs to. */
export type CallingModel = Pick<ChatModel, "provider" | "modelId">;

/**
 * A call stopped through its abort signal. A signal from
 * `AbortSignal.timeout` means the call ran too long, which may pass on
 * another try; any other reason is a deliberate stop such as Ctrl-C.
 */
export function abortedCallError(
  model: CallingModel,
  signal: AbortSignal,
): ProviderCallError {
  const isTimeout = isTimeoutReason(signal.reason);
  const what = isTimeout ? "the call timed out" : "the call was cancelled";
  return new ProviderCallError(
    `${describeModel(model)}: ${what}`,
    {
      provider: model.provider,
      modelId: model.modelId,
      errorClass: isTimeout ? "timeout" : "aborted",
      isRetryable: isTimeout,
    },
    { cause: signal.reason },
  );
}

/**
 * An error thrown by a team's function or chain. Code that fails usually
 * fails again, so it is not retried, unless the error carries an HTTP
 * status (as the OpenAI and Anthropic SDK errors do) that says otherwise.
 */
export function thrownCallError(
  model: CallingModel,
  error: unknown,
): ProviderCallError {
  const statusCode = statusCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderCallError(
    `${describeModel(model)} threw: ${message}`,
    {
      provider: model.provider,
      modelId: model.modelId,
      errorClass:
        statusCode === null ? "server" : errorClassOfStatus(statusCode),
      statusCode,
      isRetryable: statusCode !== null && isRetryableStatus(statusCode),
    },
    { cause: error },
  );
}

/** An answer fmops cannot read; sending the same request again will not help. */
export function badResponseError(
  model: CallingModel,
  problem: string,
  responseBody: string | null,
): ProviderCallError {
  return new ProviderCallError(`${describeModel(model)}: ${problem}`, {
    provider: model.provider,
    modelId: model.modelId,
    errorClass: "bad_response",
    responseBody,
    isRetryable: false,
  });
}

/** `module model "reader"`, the way messages name a model. */
export function describeModel(model: CallingModel): string {
  return `${model.provider} model "${model.modelId}"`;
}

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}

function statusCodeOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status: unknown = (error as { status?: unknown }).status;
  const isHttpStatus =
    typeof status === "number" &&
    Number.isInteger(status) &&
    status >= 400 &&
    status <= 599;
  return isHttpStatus ? status : null;
}

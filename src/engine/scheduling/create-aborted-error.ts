import { ProviderCallError } from "../../errors/provider-call-error.js";

/**
 * The error of a call its caller aborted (a case timeout, Ctrl-C): class
 * `aborted`, never retried, with the abort reason as its cause.
 */
export function createAbortedError(
  provider: string,
  modelId: string,
  reason: unknown,
): ProviderCallError {
  const because = reason instanceof Error ? `: ${reason.message}` : "";
  return new ProviderCallError(
    `${provider}: call aborted${because}`,
    { provider, modelId, errorClass: "aborted", isRetryable: false },
    { cause: reason },
  );
}

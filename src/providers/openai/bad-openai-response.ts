import { ProviderCallError } from "../../errors/provider-call-error.js";
import { type OpenAiCallContext, redactApiKey } from "./openai-call-context.js";

/**
 * A response that parsed but is not what the API promises (no choices,
 * no vectors, vectors of the wrong length). Retryable: servers behind
 * load balancers return such garbage now and then.
 */
export function badOpenAiResponse(
  context: OpenAiCallContext,
  problem: string,
  received: unknown,
): ProviderCallError {
  const body = JSON.stringify(received) ?? String(received);
  return new ProviderCallError(
    redactApiKey(
      `openai ${context.modelId}: unexpected response, ${problem} ` +
        `(${context.url})`,
      context,
    ),
    {
      provider: "openai",
      modelId: context.modelId,
      errorClass: "bad_response",
      url: context.url,
      responseBody: redactApiKey(body, context),
      isRetryable: true,
    },
  );
}

import type { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";

/** Response headers of one command, filled in once its answer arrives. */
export interface CapturedHeaders {
  /** Lower-case header names; empty until the answer arrives. */
  headers: Record<string, string>;
}

/**
 * Keeps the raw response headers of one InvokeModel call, which the SDK
 * does not return: Bedrock states billed token counts there.
 */
export function captureResponseHeaders(
  command: InvokeModelCommand,
): CapturedHeaders {
  const captured: CapturedHeaders = { headers: {} };
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      captured.headers = headersOf(result.response);
      return result;
    },
    { step: "deserialize", name: "fmopsCaptureResponseHeaders" },
  );
  return captured;
}

function headersOf(response: unknown): Record<string, string> {
  if (typeof response !== "object" || response === null) return {};
  const headers: unknown = Reflect.get(response, "headers");
  if (typeof headers !== "object" || headers === null) return {};
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string") result[name.toLowerCase()] = value;
  }
  return result;
}

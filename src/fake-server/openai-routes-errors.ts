import type { ServerResponse } from "node:http";
import { writeJson } from "./write-json.js";

/** The inner object of OpenAI's `{ "error": { … } }` response body. */
export interface OpenAiErrorDetails {
  message: string;
  /** e.g. `invalid_request_error`, `server_error`, `requests`. */
  type: string;
  /** The request field at fault, when there is one. */
  param?: string | null;
  /** A machine-readable code such as `rate_limit_exceeded`. */
  code?: string | null;
}

/** Writes an error the way the OpenAI API does: status plus `{ error }`. */
export function writeOpenAiError(
  response: ServerResponse,
  status: number,
  details: OpenAiErrorDetails,
  headers: Record<string, string> = {},
): void {
  const error = {
    message: details.message,
    type: details.type,
    param: details.param ?? null,
    code: details.code ?? null,
  };
  writeJson(response, status, { error }, headers);
}

/** A 400 `invalid_request_error`, OpenAI's answer to a malformed request. */
export function writeInvalidRequest(
  response: ServerResponse,
  message: string,
  param: string | null,
): void {
  writeOpenAiError(response, 400, {
    message,
    type: "invalid_request_error",
    param,
  });
}

import type { FakeRequestContext } from "./fake-route.js";
import { writeOpenAiError } from "./openai-routes-errors.js";

/** True when the server takes any key, or the request carries its key. */
export function isAuthorized(context: FakeRequestContext): boolean {
  const expectedKey = context.options.apiKey;
  if (expectedKey === undefined) return true;
  return context.request.headers.authorization === `Bearer ${expectedKey}`;
}

/**
 * OpenAI's 401. Like the real API it shows only the ends of a wrong key,
 * so the message never repeats a whole secret.
 */
export function writeUnauthorized(context: FakeRequestContext): void {
  const header = context.request.headers.authorization ?? "";
  const receivedKey = header.replace(/^Bearer\s+/i, "");
  const message =
    receivedKey === ""
      ? "No API key was sent. Pass it in the Authorization header as " +
        "'Bearer YOUR_KEY'."
      : `Incorrect API key provided: ${maskKey(receivedKey)}.`;
  writeOpenAiError(context.response, 401, {
    message,
    type: "invalid_request_error",
    code: receivedKey === "" ? null : "invalid_api_key",
  });
}

function maskKey(key: string): string {
  if (key.length <= 8) return "*".repeat(key.length);
  return `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}`;
}

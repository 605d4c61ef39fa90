import type { ServerResponse } from "node:http";
import type { FaultWriter } from "./fake-route.js";
import { writeOpenAiError } from "./openai-routes-errors.js";

/** Injected failures in the OpenAI API's own formats. */
export const writeOpenAiFault: FaultWriter = (fault, context) => {
  const { response, options } = context;
  if (fault === "429") {
    const seconds = options.retryAfterSeconds;
    writeOpenAiError(
      response,
      429,
      {
        message:
          "Rate limit reached on requests per minute. Please try again in " +
          `${seconds}s.`,
        type: "requests",
        code: "rate_limit_exceeded",
      },
      {
        "retry-after": String(seconds),
        "retry-after-ms": String(seconds * 1_000),
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": `${seconds}s`,
      },
    );
    return;
  }
  if (fault === "500") {
    writeOpenAiError(response, 500, {
      message: "The server had an error while processing your request.",
      type: "server_error",
    });
    return;
  }
  if (asksForStream(context.body)) writeBrokenStream(context.response);
  else writeBrokenJson(context.response);
};

function asksForStream(body: Buffer): boolean {
  try {
    const fields = JSON.parse(body.toString("utf8")) as { stream?: unknown };
    return fields.stream === true;
  } catch {
    return false;
  }
}

/** A 200 whose JSON body stops half-way. */
function writeBrokenJson(response: ServerResponse): void {
  const body = '{"id":"chatcmpl-broken","object":"chat.completion","choices":[';
  response.writeHead(200, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

/** A stream whose second event carries JSON cut off mid-string. */
function writeBrokenStream(response: ServerResponse): void {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
  });
  const chunk = '{"id":"chatcmpl-broken","object":"chat.completion.chunk",';
  response.write(
    `data: ${chunk}"choices":[{"index":0,"delta":{"role":"assistant"}}]}\n\n`,
  );
  response.end(
    `data: ${chunk}"choices":[{"index":0,"delta":{"content":"the\n\n`,
  );
}

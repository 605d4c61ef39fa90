import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { afterEach, describe, expect, it } from "vitest";
import { fakeEmbedding, fakeReply } from "./fake-content.js";
import type { FakeServerOptions } from "./fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "./start-fake-server.js";

let server: RunningFakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(
  path: string,
  body: unknown,
  options: FakeServerOptions = {},
): Promise<Response> {
  server = await startFakeServer(options);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

interface ConverseReply {
  output: { message: { content: { text: string }[] } };
  stopReason: string;
  usage: { outputTokens: number };
}

interface TitanReply {
  embedding: number[];
  embeddingsByType: { float: number[] };
  inputTextTokenCount: number;
}

interface CohereReply {
  embeddings: number[][];
  response_type: string;
  texts: string[];
}

interface ErrorReply {
  message: string;
}

async function jsonOf<Body>(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

/** Splits an event stream body at each message's stated total length. */
function decodeEvents(bytes: Uint8Array) {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events: { headers: Record<string, unknown>; payload: unknown }[] = [];
  for (let offset = 0; offset < bytes.byteLength; ) {
    const totalLength = view.getUint32(offset);
    const message = codec.decode(bytes.subarray(offset, offset + totalLength));
    const headers = Object.fromEntries(
      Object.entries(message.headers).map(([name, h]) => [name, h.value]),
    );
    events.push({ headers, payload: JSON.parse(toUtf8(message.body)) });
    offset += totalLength;
  }
  return events;
}

// "the policy" is 2 o200k tokens and "the travel budget" 3: 5 in all.
const CONVERSE_BODY = {
  system: [{ text: "the policy" }],
  messages: [{ role: "user", content: [{ text: "the travel budget" }] }],
};

describe("Bedrock Converse routes", () => {
  it("answers Converse with the fake reply and its usage", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse",
      CONVERSE_BODY,
      { outputTokens: 6 },
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      output: {
        message: {
          role: "assistant",
          content: [{ text: fakeReply("the travel budget", 6) }],
        },
      },
      stopReason: "end_turn",
      usage: { inputTokens: 5, outputTokens: 6, totalTokens: 11 },
      metrics: { latencyMs: 0 },
    });
  });

  it("stops at inferenceConfig.maxTokens and says so", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse",
      { ...CONVERSE_BODY, inferenceConfig: { maxTokens: 3 } },
      { outputTokens: 16 },
    );
    const body = await jsonOf<ConverseReply>(response);

    // The generated words are one token each, so 3 tokens are 3 words.
    expect(body.output.message.content[0]?.text).toBe(
      fakeReply("the travel budget", 3),
    );
    expect(body.stopReason).toBe("max_tokens");
    expect(body.usage.outputTokens).toBe(3);
  });

  it("streams events the SDK codec decodes, in Bedrock's order", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse-stream",
      CONVERSE_BODY,
      { outputTokens: 8 },
    );
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.amazon.eventstream",
    );
    const events = decodeEvents(new Uint8Array(await response.arrayBuffer()));

    const types = events.map((event) => event.headers[":event-type"]);
    // 8 words cut into at most 4 deltas of 2 words each.
    expect(types).toEqual([
      "messageStart",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockStop",
      "messageStop",
      "metadata",
    ]);
    for (const event of events) {
      expect(event.headers[":message-type"]).toBe("event");
      expect(event.headers[":content-type"]).toBe("application/json");
    }
    const text = events
      .filter((event) => event.headers[":event-type"] === "contentBlockDelta")
      .map((event) => (event.payload as { delta: { text: string } }).delta.text)
      .join("");
    expect(text).toBe(fakeReply("the travel budget", 8));
    expect(events[0]?.payload).toEqual({ role: "assistant" });
    expect(events[6]?.payload).toEqual({ stopReason: "end_turn" });
    expect(events[7]?.payload).toEqual({
      usage: { inputTokens: 5, outputTokens: 8, totalTokens: 13 },
      metrics: { latencyMs: 0 },
    });
  });

  it("uses the scripted reply for the last user message", async () => {
    const response = await post(
      "/model/anthropic.claude-3-haiku/converse",
      CONVERSE_BODY,
      {
        reply: (text) =>
          text === "the travel budget" ? "Ten days." : undefined,
      },
    );
    const body = await jsonOf<ConverseReply>(response);

    expect(body.output.message.content[0]?.text).toBe("Ten days.");
  });

  it("refuses a conversation that does not start with the user", async () => {
    const response = await post("/model/amazon.nova-lite-v1%3A0/converse", {
      messages: [{ role: "assistant", content: [{ text: "the answer" }] }],
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "ValidationException",
    );
    expect((await jsonOf<ErrorReply>(response)).message).toMatch(
      /messages\.0\.role/,
    );
  });

  it("refuses a body that is not JSON", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse",
      "{not json",
    );

    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "ValidationException",
    );
  });
});

describe("Bedrock InvokeModel embedding routes", () => {
  it("embeds with Titan v2 at the requested dimensions", async () => {
    const response = await post(
      "/model/amazon.titan-embed-text-v2%3A0/invoke",
      { inputText: "the travel budget", dimensions: 256, normalize: true },
    );
    const body = await jsonOf<TitanReply>(response);

    expect(body.embedding).toEqual(fakeEmbedding("the travel budget", 256));
    expect(body.embeddingsByType.float).toEqual(body.embedding);
    expect(body.inputTextTokenCount).toBe(3);
    expect(response.headers.get("x-amzn-bedrock-input-token-count")).toBe("3");
  });

  it("embeds with Titan v1 at its fixed 1536 dimensions", async () => {
    const response = await post("/model/amazon.titan-embed-text-v1/invoke", {
      inputText: "the policy",
    });
    const body = await jsonOf<TitanReply>(response);

    expect(body.embedding).toHaveLength(1_536);
    expect(body.inputTextTokenCount).toBe(2);
  });

  it("refuses Titan v1 fields it does not know", async () => {
    const response = await post("/model/amazon.titan-embed-text-v1/invoke", {
      inputText: "the policy",
      dimensions: 256,
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "ValidationException",
    );
  });

  it("embeds a Cohere batch in order, with the token count in a header", async () => {
    const texts = ["the policy", "the travel budget"];
    const response = await post("/model/cohere.embed-english-v3/invoke", {
      texts,
      input_type: "search_document",
    });
    const body = await jsonOf<CohereReply>(response);

    expect(body.response_type).toBe("embeddings_floats");
    expect(body.texts).toEqual(texts);
    expect(body.embeddings).toEqual(
      texts.map((text) => fakeEmbedding(text, 1_024)),
    );
    expect(response.headers.get("x-amzn-bedrock-input-token-count")).toBe("5");
  });

  it("answers an unknown model with ResourceNotFoundException", async () => {
    const response = await post("/model/amazon.titan-embed-g9/invoke", {
      inputText: "the policy",
    });

    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "ResourceNotFoundException",
    );
  });
});

describe("writeBedrockFault", () => {
  it("throttles with 429, ThrottlingException and Retry-After", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse",
      CONVERSE_BODY,
      { faultRate: 1, faults: ["429"], retryAfterSeconds: 3 },
    );

    expect(response.status).toBe(429);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "ThrottlingException",
    );
    expect(response.headers.get("retry-after")).toBe("3");
    expect(typeof (await jsonOf<ErrorReply>(response)).message).toBe("string");
  });

  it("fails with 500 InternalServerException", async () => {
    const response = await post(
      "/model/cohere.embed-english-v3/invoke",
      { texts: ["the policy"], input_type: "search_query" },
      { faultRate: 1, faults: ["500"] },
    );

    expect(response.status).toBe(500);
    expect(response.headers.get("x-amzn-errortype")).toBe(
      "InternalServerException",
    );
  });

  it("answers 200 with a body that is not JSON when malformed", async () => {
    const response = await post(
      "/model/amazon.nova-lite-v1%3A0/converse",
      CONVERSE_BODY,
      { faultRate: 1, faults: ["malformed"] },
    );

    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { fakeReply } from "../../fake-server/fake-content.js";
import type { FakeServerOptions } from "../../fake-server/fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../../fake-server/start-fake-server.js";
import type { ChatRequest } from "../../spec/chat-model.js";
import { BedrockChatModel } from "./bedrock-chat-model.js";
import { withFakeAwsEnvironment } from "./fake-aws-environment.test-support.js";

withFakeAwsEnvironment();

let server: RunningFakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startModel(
  serverOptions: FakeServerOptions = {},
  isStreaming = true,
): Promise<BedrockChatModel> {
  server = await startFakeServer(serverOptions);
  return new BedrockChatModel(
    {
      alias: "nova",
      provider: "bedrock",
      model: "amazon.nova-lite-v1:0",
      settings: { endpoint: server.url },
    },
    { stream: isStreaming },
  );
}

// "the policy" is 2 o200k tokens and "the travel budget" 3: 5 in all.
function requestFor(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    messages: [
      { role: "system", content: "the policy" },
      { role: "user", content: "the travel budget" },
    ],
    question: "the travel budget",
    passages: [],
    ...overrides,
  };
}

async function callError(
  promise: Promise<unknown>,
): Promise<ProviderCallError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe("BedrockChatModel over ConverseStream", () => {
  it("joins the streamed text and reports usage and time to first token", async () => {
    const model = await startModel({ outputTokens: 12, latencyMs: 5 });

    const response = await model.generate(requestFor());

    expect(response.text).toBe(fakeReply("the travel budget", 12));
    expect(response.usage).toEqual({ inputTokens: 5, outputTokens: 12 });
    expect(response.finishReason).toBe("stop");
    expect(response.costUsd).toBeNull();
    expect(response.timeToFirstTokenMs).not.toBeNull();
    // The first delta arrives before the last one, so before the end.
    expect(response.timeToFirstTokenMs).toBeLessThanOrEqual(response.latencyMs);
  });

  it("sends maxOutputTokens as maxTokens and reports a cut answer", async () => {
    const model = await startModel({ outputTokens: 16 });

    const response = await model.generate(requestFor({ maxOutputTokens: 4 }));

    expect(response.text).toBe(fakeReply("the travel budget", 4));
    expect(response.usage.outputTokens).toBe(4);
    expect(response.finishReason).toBe("length");
  });

  it("merges consecutive user messages into one turn", async () => {
    const model = await startModel({ outputTokens: 3 });

    const response = await model.generate(
      requestFor({
        messages: [
          { role: "user", content: "the policy" },
          { role: "user", content: "the travel budget" },
        ],
      }),
    );

    // One user turn with two text blocks; the fake replies to them joined.
    expect(response.text).toBe(fakeReply("the policy\nthe travel budget", 3));
    expect(response.usage.inputTokens).toBe(5);
  });
});

describe("BedrockChatModel over Converse", () => {
  it("answers in one piece with no time to first token", async () => {
    const model = await startModel({ outputTokens: 7 }, false);

    const response = await model.generate(requestFor());

    expect(response.text).toBe(fakeReply("the travel budget", 7));
    expect(response.usage).toEqual({ inputTokens: 5, outputTokens: 7 });
    expect(response.timeToFirstTokenMs).toBeNull();
    expect(response.finishReason).toBe("stop");
  });
});

describe("BedrockChatModel failures", () => {
  it.each([true, false])(
    "maps a throttle to a retryable rate_limit with Retry-After (stream %s)",
    async (isStreaming) => {
      const model = await startModel(
        { faultRate: 1, faults: ["429"], retryAfterSeconds: 2 },
        isStreaming,
      );

      const error = await callError(model.generate(requestFor()));

      expect(error.errorClass).toBe("rate_limit");
      expect(error.isRetryable).toBe(true);
      expect(error.statusCode).toBe(429);
      expect(error.retryAfterMs).toBe(2_000);
      expect(error.provider).toBe("bedrock");
      expect(error.modelId).toBe("amazon.nova-lite-v1:0");
      expect(error.message).toMatch(/ThrottlingException \(HTTP 429\)/);
    },
  );

  it("maps InternalServerException to a retryable server error", async () => {
    const model = await startModel({ faultRate: 1, faults: ["500"] });

    const error = await callError(model.generate(requestFor()));

    expect(error.errorClass).toBe("server");
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBe(500);
    expect(error.url).toBe(
      `${server?.url}/model/amazon.nova-lite-v1%3A0/converse-stream`,
    );
  });

  it.each([true, false])(
    "maps an unreadable 200 to a retryable bad_response (stream %s)",
    async (isStreaming) => {
      const model = await startModel(
        { faultRate: 1, faults: ["malformed"] },
        isStreaming,
      );

      const error = await callError(model.generate(requestFor()));

      expect(error.errorClass).toBe("bad_response");
      expect(error.isRetryable).toBe(true);
      expect(error.statusCode).toBe(200);
    },
  );

  it("maps a ValidationException to a bad_request not worth retrying", async () => {
    const model = await startModel();

    // Bedrock takes temperatures from 0 to 1 only.
    const error = await callError(
      model.generate(requestFor({ temperature: 1.5 })),
    );

    expect(error.errorClass).toBe("bad_request");
    expect(error.isRetryable).toBe(false);
    expect(error.statusCode).toBe(400);
  });

  it("stops waiting when the caller aborts", async () => {
    const model = await startModel({ faultRate: 1, faults: ["timeout"] });
    const controller = new AbortController();

    const pending = model.generate(
      requestFor({ abortSignal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    const error = await callError(pending);

    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
  });

  it("stops reading a stream when the caller aborts midway", async () => {
    // First delta at 10 ms, then three more 50 ms apart: the abort at
    // 80 ms lands between them.
    const model = await startModel({
      latencyMs: 10,
      streamDeltaDelayMs: 50,
      outputTokens: 40,
    });
    const controller = new AbortController();

    const pending = model.generate(
      requestFor({ abortSignal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 80);
    const error = await callError(pending);

    expect(error.errorClass).toBe("aborted");
  });

  it("calls an abort by timeout signal a retryable timeout", async () => {
    const model = await startModel({ faultRate: 1, faults: ["timeout"] });

    const error = await callError(
      model.generate(requestFor({ abortSignal: AbortSignal.timeout(20) })),
    );

    expect(error.errorClass).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });
});

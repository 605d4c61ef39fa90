import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { fakeReply } from "../../fake-server/fake-content.js";
import type { FakeServerOptions } from "../../fake-server/fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../../fake-server/start-fake-server.js";
import type { ChatRequest } from "../../spec/chat-model.js";
import type { ModelSpec } from "../../spec/experiment.js";
import {
  OpenAiChatModel,
  type OpenAiChatModelOptions,
} from "./openai-chat-model.js";

const API_KEY = "sk-fmops-test-7f3a9c2e1b5d";
const QUESTION = "How many leave days?";
const REQUEST: ChatRequest = {
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: QUESTION },
  ],
  question: QUESTION,
  passages: [],
};

let server: RunningFakeServer | undefined;
let rawServer: Server | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  rawServer?.closeAllConnections();
  await new Promise((resolve) => rawServer?.close(resolve) ?? resolve(null));
  rawServer = undefined;
});

async function modelOnFakeServer(
  serverOptions: FakeServerOptions = {},
  modelOptions: OpenAiChatModelOptions = {},
  spec: Partial<ModelSpec> = {},
): Promise<OpenAiChatModel> {
  server = await startFakeServer(serverOptions);
  return modelAt(`${server.url}/v1`, modelOptions, spec);
}

function modelAt(
  baseUrl: string,
  modelOptions: OpenAiChatModelOptions = {},
  spec: Partial<ModelSpec> = {},
): OpenAiChatModel {
  return new OpenAiChatModel(
    {
      alias: "mini",
      provider: "openai",
      model: "gpt-4o-mini",
      settings: { baseUrl },
      ...spec,
    },
    { env: { OPENAI_API_KEY: API_KEY }, ...modelOptions },
  );
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

describe("OpenAiChatModel, streaming (the default)", () => {
  it("returns the text, the server's usage and a time to first token", async () => {
    const model = await modelOnFakeServer({ outputTokens: 10, latencyMs: 5 });
    const response = await model.generate(REQUEST);

    expect(model.provider).toBe("openai");
    expect(model.modelId).toBe("gpt-4o-mini");
    expect(response.text).toBe(fakeReply(QUESTION, 10));
    // 4 + 5 prompt tokens ("You are terse.", the question); 10 generated.
    expect(response.usage).toEqual({
      inputTokens: 9,
      outputTokens: 10,
      cachedInputTokens: 0,
    });
    expect(response.finishReason).toBe("stop");
    expect(response.costUsd).toBeNull();
    expect(response.timeToFirstTokenMs).not.toBeNull();
    expect(response.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(response.timeToFirstTokenMs).toBeLessThanOrEqual(response.latencyMs);
  });

  it("times the first content delta, not the role chunk", async () => {
    let tick = 0;
    const model = await modelOnFakeServer(
      { outputTokens: 10 },
      { now: () => tick++ },
    );
    const response = await model.generate(REQUEST);
    // The clock is read at the start (0), at the first text delta (1) and
    // at the end (2); later deltas and the role chunk do not read it.
    expect(response.timeToFirstTokenMs).toBe(1);
    expect(response.latencyMs).toBe(2);
  });

  it("cuts at maxOutputTokens and reports finish reason length", async () => {
    const model = await modelOnFakeServer({ outputTokens: 16 });
    const response = await model.generate({ ...REQUEST, maxOutputTokens: 4 });
    expect(response.text).toBe("review is in section");
    expect(response.usage.outputTokens).toBe(4);
    expect(response.finishReason).toBe("length");
  });

  it("takes temperature and max tokens from the spec when the request has none", async () => {
    const model = await modelOnFakeServer(
      { outputTokens: 16 },
      {},
      { maxOutputTokens: 3, temperature: 0 },
    );
    const response = await model.generate(REQUEST);
    expect(response.text).toBe(fakeReply(QUESTION, 3));
    expect(response.finishReason).toBe("length");
  });

  it("passes temperature through: an invalid one is the server's 400", async () => {
    const model = await modelOnFakeServer();
    const error = await callError(
      model.generate({ ...REQUEST, temperature: 3 }),
    );
    expect(error.errorClass).toBe("bad_request");
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.responseBody).toContain('"param":"temperature"');
    expect(error.url).toBe(`${server?.url}/v1/chat/completions`);
  });

  it("reports input tokens served from the prompt cache", async () => {
    const model = await modelOnFakeServer();
    const longRequest: ChatRequest = {
      ...REQUEST,
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: " leave".repeat(1_100) },
      ],
    };
    await model.generate(longRequest);
    const repeat = await model.generate(longRequest);
    // 1,104 prompt tokens, cached in whole steps of 128: 1,024.
    expect(repeat.usage).toMatchObject({
      inputTokens: 1_104,
      cachedInputTokens: 1_024,
    });
  });

  it("counts tokens itself when a server streams no usage", async () => {
    const baseUrl = await startRawServer(
      sse([
        [{ index: 0, delta: { role: "assistant" } }],
        [{ index: 0, delta: { content: "Twenty days." } }],
        [{ index: 0, delta: {}, finish_reason: "stop" }],
      ]),
    );
    const response = await modelAt(baseUrl).generate(REQUEST);
    expect(response.text).toBe("Twenty days.");
    // o200k: 9 prompt tokens as above; "Twenty days." is 3 tokens.
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 3 });
  });
});

describe("OpenAiChatModel with stream: false", () => {
  it("calls the JSON endpoint and has no time to first token", async () => {
    const model = await modelOnFakeServer(
      { outputTokens: 10 },
      { stream: false },
    );
    const response = await model.generate(REQUEST);
    expect(response.text).toBe(fakeReply(QUESTION, 10));
    expect(response.usage).toEqual({
      inputTokens: 9,
      outputTokens: 10,
      cachedInputTokens: 0,
    });
    expect(response.timeToFirstTokenMs).toBeNull();
    expect(response.finishReason).toBe("stop");
  });

  it("reports finish reason length at the token limit", async () => {
    const model = await modelOnFakeServer({}, { stream: false });
    const response = await model.generate({ ...REQUEST, maxOutputTokens: 2 });
    expect(response.text).toBe(fakeReply(QUESTION, 2));
    expect(response.finishReason).toBe("length");
  });
});

describe("OpenAiChatModel failures", () => {
  it("maps a 429 to a retryable rate_limit with the server's wait", async () => {
    const model = await modelOnFakeServer({
      faultRate: 1,
      faults: ["429"],
      retryAfterSeconds: 2,
    });
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("rate_limit");
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(2_000);
    expect(error.isRetryable).toBe(true);
    expect(error.responseBody).toContain("rate_limit_exceeded");
  });

  it("maps a 500 to a retryable server error", async () => {
    const model = await modelOnFakeServer({ faultRate: 1, faults: ["500"] });
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("server");
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
  });

  it.each([
    ["a stream", true],
    ["a JSON body", false],
  ])("maps a malformed %s to a retryable bad_response", async (_, isStream) => {
    const model = await modelOnFakeServer(
      { faultRate: 1, faults: ["malformed"] },
      { stream: isStream },
    );
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("bad_response");
    expect(error.isRetryable).toBe(true);
  });

  it("maps a stream cut off before its finish reason to bad_response", async () => {
    const baseUrl = await startRawServer(
      sse([[{ index: 0, delta: { content: "Twenty" } }]], false),
    );
    const error = await callError(modelAt(baseUrl).generate(REQUEST));
    expect(error.errorClass).toBe("bad_response");
    expect(error.message).toContain("without a finish reason");
  });

  it("maps JSON without choices to a retryable bad_response", async () => {
    const baseUrl = await startRawServer(
      JSON.stringify({ object: "chat.completion", choices: [] }),
      "application/json",
    );
    const model = modelAt(baseUrl, { stream: false });
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("bad_response");
    expect(error.isRetryable).toBe(true);
    expect(error.responseBody).toContain('"choices":[]');
  });

  it("maps a server that never answers to a retryable timeout", async () => {
    const model = await modelOnFakeServer(
      { faultRate: 1, faults: ["timeout"] },
      { timeoutMs: 50 },
    );
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });

  it("maps the engine's timeout signal to a retryable timeout", async () => {
    const model = await modelOnFakeServer({
      faultRate: 1,
      faults: ["timeout"],
    });
    const error = await callError(
      model.generate({ ...REQUEST, abortSignal: AbortSignal.timeout(30) }),
    );
    expect(error.errorClass).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });

  it("maps a cancel before the call to a non-retryable aborted", async () => {
    const model = await modelOnFakeServer();
    const error = await callError(
      model.generate({ ...REQUEST, abortSignal: AbortSignal.abort() }),
    );
    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
    expect(server?.stats.requests).toBe(0);
  });

  it("maps a cancel in mid-stream to aborted, not to a short answer", async () => {
    const controller = new AbortController();
    let clockReads = 0;
    // The clock's second read is at the first text delta: cancel there.
    const now = () => {
      clockReads += 1;
      if (clockReads === 2) controller.abort();
      return 0;
    };
    const model = await modelOnFakeServer({ outputTokens: 40 }, { now });
    const error = await callError(
      model.generate({ ...REQUEST, abortSignal: controller.signal }),
    );
    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
  });

  it("maps a refused connection to a retryable network error", async () => {
    const closed = await startFakeServer();
    await closed.close();
    const error = await callError(
      modelAt(`${closed.url}/v1`).generate(REQUEST),
    );
    expect(error.errorClass).toBe("network");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("maps a rejected key to a non-retryable auth error", async () => {
    server = await startFakeServer({ apiKey: "sk-the-right-key-0000" });
    const error = await callError(
      modelAt(`${server.url}/v1`).generate(REQUEST),
    );
    expect(error.errorClass).toBe("auth");
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
  });

  it("names the missing key variable and makes no request", async () => {
    server = await startFakeServer();
    const model = new OpenAiChatModel(
      {
        alias: "mini",
        provider: "openai",
        model: "gpt-4o-mini",
        settings: { baseUrl: `${server.url}/v1`, apiKeyEnv: "TEAM_OPENAI_KEY" },
      },
      { env: { OPENAI_API_KEY: API_KEY } },
    );
    const error = await callError(model.generate(REQUEST));
    expect(error.errorClass).toBe("auth");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain("TEAM_OPENAI_KEY");
    expect(server.stats.requests).toBe(0);
  });
});

describe("API key secrecy", () => {
  it("never shows the key in any error", async () => {
    const errors: ProviderCallError[] = [];
    const faults = ["429", "500", "malformed", "timeout"] as const;
    for (const fault of faults) {
      const model = await modelOnFakeServer(
        { faultRate: 1, faults: [fault], apiKey: API_KEY },
        { timeoutMs: 50 },
      );
      errors.push(await callError(model.generate(REQUEST)));
      await server?.close();
      server = undefined;
    }
    server = await startFakeServer({ apiKey: "sk-another-key-0000" });
    errors.push(await callError(modelAt(`${server.url}/v1`).generate(REQUEST)));

    expect(errors.map((error) => error.errorClass)).toEqual([
      "rate_limit",
      "server",
      "bad_response",
      "timeout",
      "auth",
    ]);
    for (const error of errors) {
      const shown = [
        error.message,
        error.responseBody,
        error.url,
        error.stack,
        String(error.cause),
      ].join("\n");
      expect(shown).not.toContain(API_KEY);
    }
  });
});

/** A bare server that answers every request with `body` as it is. */
async function startRawServer(
  body: string,
  contentType = "text/event-stream",
): Promise<string> {
  rawServer = createServer((_request, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.end(body);
  });
  await new Promise<void>((resolve) =>
    rawServer?.listen(0, "127.0.0.1", resolve),
  );
  const { port } = rawServer.address() as AddressInfo;
  return `http://127.0.0.1:${port}/v1`;
}

/** Server-sent events for `chunks`, each a list of choices. */
function sse(chunks: object[][], isDone = true): string {
  const base = { id: "chatcmpl-1", object: "chat.completion.chunk" };
  const events = chunks.map(
    (choices) => `data: ${JSON.stringify({ ...base, choices })}\n\n`,
  );
  return events.join("") + (isDone ? "data: [DONE]\n\n" : "");
}

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/fmops-error.js";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { fakeEmbedding } from "../../fake-server/fake-content.js";
import type { FakeServerOptions } from "../../fake-server/fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../../fake-server/start-fake-server.js";
import {
  BedrockEmbeddingModel,
  type BedrockEmbeddingModelOptions,
} from "./bedrock-embedding-model.js";
import { withFakeAwsEnvironment } from "./fake-aws-environment.test-support.js";

withFakeAwsEnvironment();

let server: RunningFakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startModel(
  modelId: string,
  options: BedrockEmbeddingModelOptions = {},
  serverOptions: FakeServerOptions = {},
  batchSize?: number,
): Promise<BedrockEmbeddingModel> {
  server = await startFakeServer(serverOptions);
  return new BedrockEmbeddingModel(
    {
      id: `bedrock:${modelId}`,
      provider: "bedrock",
      model: modelId,
      settings: { endpoint: server.url, batchSize },
    },
    options,
  );
}

/** Float32 keeps about 7 significant digits of the fake's float64 values. */
function expectCloseVectors(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => {
    expect(value).toBeCloseTo(expected[index] ?? Number.NaN, 6);
  });
}

// "the policy" is 2 o200k tokens, "the travel budget" 3, "the report" 2.
const TEXTS = ["the policy", "the travel budget", "the report"];

describe("BedrockEmbeddingModel with Titan", () => {
  it("embeds each text with Titan v2 at 1024 dimensions by default", async () => {
    const model = await startModel("amazon.titan-embed-text-v2:0");

    const response = await model.embed({ texts: TEXTS });

    expect(model.dimensions).toBe(1_024);
    expect(response.embeddings).toHaveLength(3);
    response.embeddings.forEach((vector, index) => {
      expectCloseVectors(vector, fakeEmbedding(TEXTS[index] ?? "", 1_024));
    });
    expect(response.usage.inputTokens).toBe(7);
    expect(response.costUsd).toBeNull();
    // One request per text.
    expect(server?.stats.requests).toBe(3);
  });

  it("asks Titan v2 for the configured dimensions", async () => {
    const model = await startModel("amazon.titan-embed-text-v2:0", {
      dimensions: 256,
    });

    const response = await model.embed({ texts: ["the policy"] });

    expect(model.dimensions).toBe(256);
    expectCloseVectors(
      response.embeddings[0] ?? new Float32Array(),
      fakeEmbedding("the policy", 256),
    );
  });

  it("embeds with Titan v1 at 1536 dimensions", async () => {
    const model = await startModel("amazon.titan-embed-text-v1");

    const response = await model.embed({ texts: ["the report"] });

    expect(model.dimensions).toBe(1_536);
    expectCloseVectors(
      response.embeddings[0] ?? new Float32Array(),
      fakeEmbedding("the report", 1_536),
    );
    expect(response.usage.inputTokens).toBe(2);
  });

  it("refuses dimensions the model does not offer", () => {
    const create = () =>
      new BedrockEmbeddingModel(
        {
          id: "bedrock:amazon.titan-embed-text-v1",
          provider: "bedrock",
          model: "amazon.titan-embed-text-v1",
          settings: { endpoint: "http://127.0.0.1:9" },
        },
        { dimensions: 512 },
      );

    expect(create).toThrow(FmopsError);
    expect(create).toThrow(/dimensions 512 is not offered; expected 1536/);
  });
});

describe("BedrockEmbeddingModel with Cohere", () => {
  it("sends up to 96 texts a request and keeps their order", async () => {
    const texts = Array.from({ length: 100 }, (_, index) => `text ${index}`);
    const model = await startModel(
      "cohere.embed-english-v3",
      {},
      {},
      texts.length,
    );

    const response = await model.embed({ texts });

    expect(model.dimensions).toBe(1_024);
    expect(response.embeddings).toHaveLength(100);
    expectCloseVectors(
      response.embeddings[99] ?? new Float32Array(),
      fakeEmbedding("text 99", 1_024),
    );
    // 96 texts, then 4.
    expect(server?.stats.requests).toBe(2);
  });

  it("takes the billed tokens from Bedrock's header", async () => {
    // A server whose count differs from any local estimate.
    const billing = createServer((_request, response) => {
      const body = JSON.stringify({
        id: "one",
        embeddings: [new Array(1_024).fill(0.5)],
        response_type: "embeddings_floats",
        texts: ["the policy"],
      });
      response.writeHead(200, {
        "content-type": "application/json",
        "x-amzn-bedrock-input-token-count": "42",
      });
      response.end(body);
    });
    await new Promise<void>((resolve) =>
      billing.listen(0, "127.0.0.1", resolve),
    );
    const { port } = billing.address() as AddressInfo;
    const model = new BedrockEmbeddingModel({
      id: "bedrock:cohere.embed-multilingual-v3",
      provider: "bedrock",
      model: "cohere.embed-multilingual-v3",
      settings: { endpoint: `http://127.0.0.1:${port}` },
    });

    try {
      const response = await model.embed({ texts: ["the policy"] });

      expect(response.usage.inputTokens).toBe(42);
      expect(model.maxBatchSize).toBe(96);
    } finally {
      billing.closeAllConnections();
      await new Promise((resolve) => billing.close(resolve));
    }
  });
});

describe("BedrockEmbeddingModel failures", () => {
  it("refuses a model it cannot call", () => {
    expect(
      () =>
        new BedrockEmbeddingModel({
          id: "bedrock:amazon.titan-embed-g9",
          provider: "bedrock",
          model: "amazon.titan-embed-g9",
          settings: {},
        }),
    ).toThrow(/no embedding model "amazon.titan-embed-g9"/);
  });

  it("maps a throttled request to a retryable rate_limit", async () => {
    const model = await startModel(
      "amazon.titan-embed-text-v2:0",
      {},
      { faultRate: 1, faults: ["429"], retryAfterSeconds: 1 },
    );

    const error = await model.embed({ texts: TEXTS }).catch((e) => e);

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.errorClass).toBe("rate_limit");
    expect(error.retryAfterMs).toBe(1_000);
    expect(error.url).toBe(
      `${server?.url}/model/amazon.titan-embed-text-v2%3A0/invoke`,
    );
  });

  it("maps a body that is not JSON to bad_response and keeps the body", async () => {
    const model = await startModel(
      "cohere.embed-english-v3",
      {},
      { faultRate: 1, faults: ["malformed"] },
    );

    const error = await model.embed({ texts: TEXTS }).catch((e) => e);

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.errorClass).toBe("bad_response");
    expect(error.statusCode).toBe(200);
    expect(error.responseBody).toMatch(/^\{"output"/);
  });

  it("reports an abort as aborted", async () => {
    const model = await startModel(
      "amazon.titan-embed-text-v1",
      {},
      { faultRate: 1, faults: ["timeout"] },
    );
    const controller = new AbortController();

    const pending = model.embed({
      texts: TEXTS,
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e) => e);

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.errorClass).toBe("aborted");
  });
});

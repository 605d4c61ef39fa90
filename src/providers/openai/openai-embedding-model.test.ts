import { afterEach, describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/fmops-error.js";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import {
  fakeEmbedding,
  fakePromptTokens,
} from "../../fake-server/fake-content.js";
import type { FakeServerOptions } from "../../fake-server/fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "../../fake-server/start-fake-server.js";
import type { ProviderSettings } from "../../spec/experiment.js";
import {
  OpenAiEmbeddingModel,
  type OpenAiEmbeddingModelOptions,
} from "./openai-embedding-model.js";

const API_KEY = "sk-fmops-embed-test-91c4e2";
const TEXTS = ["annual leave", "remote work", "security review"];

let server: RunningFakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function createModel(
  model: string,
  serverOptions: FakeServerOptions = {},
  modelOptions: OpenAiEmbeddingModelOptions = {},
  settings: ProviderSettings = {},
): Promise<OpenAiEmbeddingModel> {
  server = await startFakeServer(serverOptions);
  return OpenAiEmbeddingModel.create(
    {
      id: `openai:${model}`,
      provider: "openai",
      model,
      settings: { baseUrl: `${server.url}/v1`, ...settings },
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

/** What the fake server's vector becomes once stored as float32. */
function expectedVector(text: string, dimensions: number): Float32Array {
  return Float32Array.from(fakeEmbedding(text, dimensions));
}

describe("OpenAiEmbeddingModel vectors", () => {
  it("decodes base64 vectors to exactly the server's values", async () => {
    const model = await createModel("text-embedding-3-small");
    const response = await model.embed({ texts: TEXTS });

    expect(model.provider).toBe("openai");
    expect(model.dimensions).toBe(1_536);
    expect(response.embeddings).toEqual(
      TEXTS.map((text) => expectedVector(text, 1_536)),
    );
    // "annual leave", "remote work" and "security review": 2 tokens each.
    expect(response.usage.inputTokens).toBe(6);
    expect(response.usage.inputTokens).toBe(fakePromptTokens(TEXTS));
    expect(response.costUsd).toBeNull();
  });

  it("reads float arrays to the same values", async () => {
    const model = await createModel(
      "text-embedding-3-small",
      {},
      { encodingFormat: "float", dimensions: 32 },
    );
    const response = await model.embed({ texts: TEXTS });
    expect(response.embeddings).toEqual(
      TEXTS.map((text) => expectedVector(text, 32)),
    );
  });

  it("asks text-embedding-3 models for shortened vectors", async () => {
    const model = await createModel(
      "text-embedding-3-large",
      {},
      { dimensions: 256 },
    );
    const response = await model.embed({ texts: ["annual leave"] });
    expect(model.dimensions).toBe(256);
    expect(response.embeddings[0]).toEqual(expectedVector("annual leave", 256));
  });
});

describe("OpenAiEmbeddingModel dimensions", () => {
  it("probes an unknown model once before the first insert", async () => {
    const model = await createModel("nomic-embed-text", {
      embeddingDimensions: 48,
    });
    expect(model.dimensions).toBe(48);
    expect(server?.stats.requests).toBe(1);
    const response = await model.embed({ texts: TEXTS });
    expect(response.embeddings[2]).toEqual(
      expectedVector("security review", 48),
    );
  });

  it("takes a declared length without probing", async () => {
    const model = await createModel(
      "nomic-embed-text",
      { embeddingDimensions: 48 },
      { dimensions: 48 },
    );
    expect(model.dimensions).toBe(48);
    expect(server?.stats.requests).toBe(0);
  });

  it("rejects vectors of another length than promised", async () => {
    // ada-002 is fixed at 1,536; this server answers with 64 dimensions.
    const model = await createModel("text-embedding-ada-002");
    const error = await callError(model.embed({ texts: TEXTS }));
    expect(error.errorClass).toBe("bad_response");
    expect(error.message).toContain("64 dimensions, expected 1536");
  });

  it("refuses to shorten ada-002 vectors", async () => {
    await expect(
      createModel("text-embedding-ada-002", {}, { dimensions: 512 }),
    ).rejects.toThrow(/always returns 1536 dimensions/);
  });
});

describe("OpenAiEmbeddingModel batches", () => {
  it("defaults to 256 texts per call", async () => {
    const model = await createModel("text-embedding-3-small");
    expect(model.maxBatchSize).toBe(256);
  });

  it("takes its batch size from settings and refuses larger batches", async () => {
    const model = await createModel(
      "text-embedding-3-small",
      {},
      { dimensions: 8 },
      { batchSize: 2 },
    );
    expect(model.maxBatchSize).toBe(2);
    const twoTexts = await model.embed({ texts: TEXTS.slice(0, 2) });
    expect(twoTexts.embeddings).toHaveLength(2);
    await expect(model.embed({ texts: TEXTS })).rejects.toThrow(FmopsError);
    await expect(model.embed({ texts: TEXTS })).rejects.toThrow(
      /at most 2 texts per call/,
    );
  });

  it("rejects a batch size above OpenAI's 2,048", async () => {
    await expect(
      createModel("text-embedding-3-small", {}, {}, { batchSize: 5_000 }),
    ).rejects.toThrow(/from 1 to 2048/);
  });

  it("sends nothing for an empty batch", async () => {
    const model = await createModel("text-embedding-3-small");
    const response = await model.embed({ texts: [] });
    expect(response.embeddings).toEqual([]);
    expect(server?.stats.requests).toBe(0);
  });
});

describe("OpenAiEmbeddingModel failures", () => {
  it("maps a 429 with its Retry-After", async () => {
    const model = await createModel(
      "text-embedding-3-small",
      { faultRate: 1, faults: ["429"], retryAfterSeconds: 3 },
      { dimensions: 8 },
    );
    const error = await callError(model.embed({ texts: TEXTS }));
    expect(error.errorClass).toBe("rate_limit");
    expect(error.retryAfterMs).toBe(3_000);
    expect(error.url).toBe(`${server?.url}/v1/embeddings`);
    expect(error.message).not.toContain(API_KEY);
  });

  it("maps a malformed body to a retryable bad_response", async () => {
    const model = await createModel(
      "text-embedding-3-small",
      { faultRate: 1, faults: ["malformed"] },
      { dimensions: 8 },
    );
    const error = await callError(model.embed({ texts: TEXTS }));
    expect(error.errorClass).toBe("bad_response");
    expect(error.isRetryable).toBe(true);
  });

  it("maps a cancel to aborted", async () => {
    const model = await createModel(
      "text-embedding-3-small",
      {},
      { dimensions: 8 },
    );
    const error = await callError(
      model.embed({ texts: TEXTS, abortSignal: AbortSignal.abort() }),
    );
    expect(error.errorClass).toBe("aborted");
    expect(error.isRetryable).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatRequest, ChatResponse } from "../spec/chat-model.js";
import type { EmbedResponse } from "../spec/embedding-model.js";
import type { ModelSpec, ProviderSettings } from "../spec/experiment.js";
import {
  inMemoryStorePath,
  openResultsStore,
} from "../store/open-results-store.js";
import type { ResultsStore } from "../store/results-store.js";
import { ResponseCache } from "./response-cache.js";

const openAiSpec: ModelSpec = {
  alias: "mini",
  provider: "openai",
  model: "gpt-4o-mini",
  temperature: 0,
  maxOutputTokens: 256,
  settings: { baseUrl: "http://localhost:8000/v1", apiKeyEnv: "TEAM_KEY" },
};

const readerSpec: ModelSpec = {
  alias: "reader",
  provider: "local",
  model: "extractive",
};

const request: ChatRequest = {
  messages: [
    { role: "system", content: "Answer from the context." },
    { role: "user", content: "Context: leave.md\nHow many vacation days?" },
  ],
  question: "How many vacation days?",
  passages: [
    { chunkId: "leave.md#0", documentId: "leave.md", text: "25 days a year" },
  ],
  temperature: 0,
  maxOutputTokens: 256,
};

const response: ChatResponse = {
  text: "25 days",
  usage: { inputTokens: 812, outputTokens: 9, cachedInputTokens: 512 },
  latencyMs: 640.5,
  timeToFirstTokenMs: 210.25,
  finishReason: "stop",
  costUsd: null,
};

let store: ResultsStore;
let cache: ResponseCache;

beforeEach(() => {
  store = openResultsStore(inMemoryStorePath);
  cache = new ResponseCache(store);
});

afterEach(() => {
  store.close();
});

describe("ResponseCache.keyFor", () => {
  it("gives equal requests the same sha256 key, whatever their key order", () => {
    const key = cache.keyFor(openAiSpec, request);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const reordered: ChatRequest = {
      maxOutputTokens: 256,
      temperature: 0,
      passages: request.passages,
      question: request.question,
      messages: request.messages.map(({ content, role }) => ({
        content,
        role,
      })),
    };
    expect(cache.keyFor({ ...openAiSpec }, reordered)).toBe(key);
  });

  it("ignores the abort signal, which changes on every call", () => {
    const withSignal = {
      ...request,
      abortSignal: new AbortController().signal,
    };
    expect(cache.keyFor(openAiSpec, withSignal)).toBe(
      cache.keyFor(openAiSpec, request),
    );
  });

  it.each<[string, ModelSpec, ChatRequest]>([
    ["temperature", openAiSpec, { ...request, temperature: 0.7 }],
    ["output limit", openAiSpec, { ...request, maxOutputTokens: 64 }],
    [
      "messages",
      openAiSpec,
      {
        ...request,
        messages: [{ role: "user", content: "How many sick days?" }],
      },
    ],
    ["model", { ...openAiSpec, model: "gpt-4o" }, request],
    ["provider", { ...openAiSpec, provider: "bedrock" }, request],
  ])("changes with the %s", (_, spec, changed) => {
    expect(cache.keyFor(spec, changed)).not.toBe(
      cache.keyFor(openAiSpec, request),
    );
  });

  it.each<[string, ProviderSettings]>([
    ["baseUrl", { baseUrl: "http://gpu-2:8000/v1" }],
    ["region", { region: "eu-west-1" }],
    ["endpoint", { endpoint: "http://127.0.0.1:4010" }],
    ["command", { command: ["python", "answer.py", "--beam", "4"] }],
    ["modulePath", { modulePath: "/repo/models/other.js" }],
    ["exportName", { exportName: "strictModel" }],
  ])("changes with the %s setting alone", (_, changedSetting) => {
    const base: ModelSpec = {
      alias: "custom",
      provider: "module",
      model: "house-model",
      settings: {
        baseUrl: "http://localhost:8000/v1",
        command: ["python", "answer.py"],
        modulePath: "/repo/models/house.js",
      },
    };
    const changed = {
      ...base,
      settings: { ...base.settings, ...changedSetting },
    };
    expect(cache.keyFor(changed, request)).not.toBe(
      cache.keyFor(base, request),
    );
  });

  it("takes the spec's parameters when the request leaves them out", () => {
    const bare = { ...request, temperature: undefined };
    expect(cache.keyFor(openAiSpec, bare)).toBe(
      cache.keyFor(openAiSpec, request),
    );
    const warmer = { ...openAiSpec, temperature: 1 };
    expect(cache.keyFor(warmer, bare)).not.toBe(
      cache.keyFor(openAiSpec, request),
    );
  });

  it("keys a local reader by its passages, which it reads", () => {
    const otherPassages = {
      ...request,
      passages: [
        { chunkId: "leave.md#1", documentId: "leave.md", text: "30 days" },
      ],
    };
    expect(cache.keyFor(readerSpec, otherPassages)).not.toBe(
      cache.keyFor(readerSpec, request),
    );
    // A remote model is sent the messages alone, which did not change.
    expect(cache.keyFor(openAiSpec, otherPassages)).toBe(
      cache.keyFor(openAiSpec, request),
    );
  });

  it("never lets the API key's variable or its value into the key", () => {
    const variable = "FMOPS_RESPONSE_CACHE_TEST_KEY";
    const withoutKey = {
      ...openAiSpec,
      settings: { baseUrl: "http://localhost:8000/v1" },
    };
    const keyed = (apiKeyEnv: string) =>
      cache.keyFor(
        { ...openAiSpec, settings: { ...withoutKey.settings, apiKeyEnv } },
        request,
      );
    process.env[variable] = "sk-first-secret";
    try {
      const first = keyed(variable);
      process.env[variable] = "sk-second-secret";
      expect(keyed(variable)).toBe(first);
      expect(keyed("OTHER_KEY")).toBe(first);
      expect(cache.keyFor(withoutKey, request)).toBe(first);
    } finally {
      delete process.env[variable];
    }
  });
});

describe("ResponseCache get and put", () => {
  it("answers null for a request never cached", () => {
    expect(cache.get(cache.keyFor(openAiSpec, request))).toBeNull();
  });

  it("reads back a response with its original latency and usage", () => {
    const key = cache.keyFor(openAiSpec, request);
    cache.put(key, "openai", "gpt-4o-mini", response);
    expect(cache.get(key)).toEqual(response);
    // A second reader of the same store sees it too.
    expect(new ResponseCache(store).get(key)).toEqual(response);
  });

  it("keeps a response without cached-token usage as it was", () => {
    const key = cache.keyFor(readerSpec, request);
    const plain: ChatResponse = {
      ...response,
      usage: { inputTokens: 40, outputTokens: 3 },
      timeToFirstTokenMs: null,
      costUsd: 0,
    };
    cache.put(key, "local", "extractive", plain);
    expect(cache.get(key)).toStrictEqual(plain);
  });

  it("stores the response's fields alone, never secrets beside them", () => {
    const key = cache.keyFor(openAiSpec, request);
    const withExtras = Object.assign({}, response, {
      headers: { authorization: "Bearer sk-live-secret" },
    });
    cache.put(key, "openai", "gpt-4o-mini", withExtras);
    const stored = store.getCachedResponse(key) ?? "";
    expect(stored).not.toContain("sk-live-secret");
    expect(stored).not.toContain("TEAM_KEY");
    expect(JSON.parse(stored)).toEqual(response);
  });

  it("reports an entry it cannot read as a store error naming the key", () => {
    store.putCachedResponse({
      key: "damaged",
      provider: "openai",
      modelId: "gpt-4o-mini",
      responseJson: '{"text":42}',
    });
    expect(() => cache.get("damaged")).toThrow(
      expect.objectContaining({
        code: "STORE_ERROR",
        message: expect.stringContaining(
          "Response cache entry damaged cannot be read (text: ",
        ),
      }),
    );
  });
});

describe("ResponseCache embeddings", () => {
  const embedResponse: EmbedResponse = {
    embeddings: [
      new Float32Array([1, 0, -2, 0.5]),
      new Float32Array([0.1, Math.PI, -1e-8, 3.4e38]),
    ],
    usage: { inputTokens: 14 },
    latencyMs: 88.25,
    costUsd: null,
  };

  it("answers null for texts never cached", () => {
    expect(cache.getEmbeddings("never")).toBeNull();
  });

  it("reads back every float32 exactly, with latency and usage", () => {
    cache.putEmbeddings("k", "openai", "text-embedding-3-small", embedResponse);
    expect(cache.getEmbeddings("k")).toEqual(embedResponse);
  });

  it("writes each vector's little-endian float32 bytes in base64", () => {
    const [first] = embedResponse.embeddings;
    if (first === undefined) throw new Error("no first vector");
    const single = { ...embedResponse, embeddings: [first] };
    cache.putEmbeddings("k", "openai", "text-embedding-3-small", single);
    // 1, 0, -2, 0.5 are 3F800000, 0, C0000000, 3F000000: bytes
    // 00 00 80 3F | 00 00 00 00 | 00 00 00 C0 | 00 00 00 3F.
    expect(store.getCachedResponse("k")).toBe(
      '{"embeddings":["AACAPwAAAAAAAADAAAAAPw=="],"usage":{"inputTokens":14},' +
        '"latencyMs":88.25,"costUsd":null}',
    );
  });

  it("writes only a vector's own part of a shared buffer", () => {
    const shared = new Float32Array([9, 1, 0, -2, 0.5, 9]);
    const view = shared.subarray(1, 5);
    const response = { ...embedResponse, embeddings: [view] };
    cache.putEmbeddings(
      "k",
      "bedrock",
      "amazon.titan-embed-text-v2:0",
      response,
    );
    const [vector] = cache.getEmbeddings("k")?.embeddings ?? [];
    expect(Array.from(vector ?? [])).toEqual([1, 0, -2, 0.5]);
  });

  it("reports an entry that is not an embedding response", () => {
    cache.put("chat", "openai", "gpt-4o-mini", response);
    expect(() => cache.getEmbeddings("chat")).toThrow(
      "Response cache entry chat cannot be read (embeddings: ",
    );
  });
});

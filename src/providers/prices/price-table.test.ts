import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { PriceTable } from "./price-table.js";

/** Models the bundled table must price, as `provider:model`. */
const REQUIRED_KEYS = [
  "openai:gpt-4o",
  "openai:gpt-4o-mini",
  "openai:gpt-4.1",
  "openai:gpt-4.1-mini",
  "openai:gpt-4.1-nano",
  "openai:o3",
  "openai:o4-mini",
  "openai:gpt-5",
  "openai:gpt-5-mini",
  "openai:gpt-5-nano",
  "openai:text-embedding-3-small",
  "openai:text-embedding-3-large",
  "openai:text-embedding-ada-002",
  "bedrock:anthropic.claude-3-5-haiku-20241022-v1:0",
  "bedrock:anthropic.claude-3-5-sonnet-20241022-v2:0",
  "bedrock:anthropic.claude-3-7-sonnet-20250219-v1:0",
  "bedrock:anthropic.claude-sonnet-4-20250514-v1:0",
  "bedrock:amazon.nova-micro-v1:0",
  "bedrock:amazon.nova-lite-v1:0",
  "bedrock:amazon.nova-pro-v1:0",
  "bedrock:meta.llama3-1-8b-instruct-v1:0",
  "bedrock:meta.llama3-3-70b-instruct-v1:0",
  "bedrock:mistral.mistral-large-2407-v1:0",
  "bedrock:amazon.titan-embed-text-v1",
  "bedrock:amazon.titan-embed-text-v2:0",
  "bedrock:cohere.embed-english-v3",
  "bedrock:cohere.embed-multilingual-v3",
];

const table = PriceTable.bundled();

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}

describe("PriceTable.bundled", () => {
  it("reads the file once and says which date its prices reflect", () => {
    expect(PriceTable.bundled()).toBe(table);
    expect(table.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(REQUIRED_KEYS)("prices %s", (key) => {
    const [provider, modelId] = splitKey(key);
    const price = table.find(provider, modelId);
    expect(price?.input).toBeGreaterThan(0);
    expect(price?.output).toBeGreaterThanOrEqual(0);
  });

  it("lists gpt-4o-mini at its published rates", () => {
    expect(table.find("openai", "gpt-4o-mini")).toEqual({
      input: 0.15,
      output: 0.6,
      cachedInput: 0.075,
    });
  });
});

describe("PriceTable.costOf", () => {
  it("bills input and output tokens per million", () => {
    // 1200 · 0.15 / 1e6 + 300 · 0.6 / 1e6 = 0.00018 + 0.00018
    const costUsd = table.costOf("openai", "gpt-4o-mini", {
      inputTokens: 1200,
      outputTokens: 300,
    });
    expect(costUsd).toBeCloseTo(0.00036, 12);
  });

  it("bills cached input tokens at the cached price", () => {
    // 200 fresh · 0.15 + 1000 cached · 0.075 + 300 · 0.6 = 30 + 75 + 180
    const costUsd = table.costOf("openai", "gpt-4o-mini", {
      inputTokens: 1200,
      outputTokens: 300,
      cachedInputTokens: 1000,
    });
    expect(costUsd).toBeCloseTo(285 / 1e6, 12);
  });

  it("bills cached input tokens at the input price when none is listed", () => {
    // Mistral Large 2 lists no cached price: 1000 · 2 + 100 · 6 = 2600
    const costUsd = table.costOf("bedrock", "mistral.mistral-large-2407-v1:0", {
      inputTokens: 1000,
      outputTokens: 100,
      cachedInputTokens: 400,
    });
    expect(costUsd).toBeCloseTo(2600 / 1e6, 12);
  });

  it("prices embeddings by their input tokens alone", () => {
    // 10,000 · 0.02 / 1e6
    const costUsd = table.costOf("openai", "text-embedding-3-small", {
      inputTokens: 10_000,
      outputTokens: 0,
    });
    expect(costUsd).toBeCloseTo(0.0002, 12);
  });

  it("prices a Bedrock US inference profile as the model it names", () => {
    // 1000 · 3 + 200 · 15 = 6000
    const usage = { inputTokens: 1000, outputTokens: 200 };
    const modelId = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    expect(table.costOf("bedrock", `us.${modelId}`, usage)).toBeCloseTo(
      0.006,
      12,
    );
    // Other geographies may bill differently, so they stay unknown.
    expect(table.costOf("bedrock", `eu.${modelId}`, usage)).toBeNull();
  });

  it("answers null, not 0, for a model it does not know", () => {
    const usage = { inputTokens: 1000, outputTokens: 100 };
    // An older snapshot with its own, higher price.
    expect(table.find("openai", "gpt-4o-2024-05-13")).toBeNull();
    expect(table.costOf("openai", "gpt-4o-2024-05-13", usage)).toBeNull();
    expect(table.costOf("vllm", "llama-3-8b", usage)).toBeNull();
  });

  it("prices every local model at 0", () => {
    const usage = { inputTokens: 5000, outputTokens: 700 };
    expect(table.find("local", "extractive")).toEqual({ input: 0, output: 0 });
    expect(table.costOf("local", "extractive", usage)).toBe(0);
    expect(table.costOf("local", "glove-100d", usage)).toBe(0);
  });

  it("refuses usage a provider could not really have reported", () => {
    const price =
      (usage: {
        inputTokens: number;
        outputTokens: number;
        cachedInputTokens?: number;
      }) =>
      () =>
        table.costOf("openai", "gpt-4o-mini", usage);
    expect(
      price({ inputTokens: 100, outputTokens: 5, cachedInputTokens: 300 }),
    ).toThrow(
      expect.objectContaining({
        errorClass: "bad_response",
        isRetryable: false,
        message: expect.stringContaining(
          "openai/gpt-4o-mini reported usage that cannot be priced: " +
            "100 input tokens (300 of them cached)",
        ),
      }),
    );
    expect(price({ inputTokens: -1, outputTokens: 5 })).toThrow(
      ProviderCallError,
    );
    expect(price({ inputTokens: 10.5, outputTokens: 5 })).toThrow(
      ProviderCallError,
    );
  });
});

describe("PriceTable.withOverrides", () => {
  it("replaces listed prices and adds unlisted models, per request too", () => {
    const overridden = table.withOverrides({
      "openai:gpt-4o-mini": { input: 0.1, output: 0.4 },
      "openai:ft:gpt-4o-mini:acme": { input: 1, output: 2, perRequest: 0.001 },
    });
    // 1200 · 0.1 + 300 · 0.4 = 240
    expect(
      overridden.costOf("openai", "gpt-4o-mini", {
        inputTokens: 1200,
        outputTokens: 300,
      }),
    ).toBeCloseTo(240 / 1e6, 12);
    // 1000 · 1 + 500 · 2 = 2000 per million, plus 0.001 for the request
    expect(
      overridden.costOf("openai", "ft:gpt-4o-mini:acme", {
        inputTokens: 1000,
        outputTokens: 500,
      }),
    ).toBeCloseTo(0.003, 12);
    expect(overridden.asOf).toBe(table.asOf);
  });

  it("leaves the table it came from as it was", () => {
    table.withOverrides({ "openai:gpt-4o-mini": { input: 9, output: 9 } });
    expect(table.find("openai", "gpt-4o-mini")?.input).toBe(0.15);
  });

  it("lets a local model carry a price, such as its hardware's", () => {
    const overridden = table.withOverrides({
      "local:extractive": { input: 0, output: 0, perRequest: 0.0001 },
    });
    const usage = { inputTokens: 10, outputTokens: 2 };
    expect(overridden.costOf("local", "extractive", usage)).toBe(0.0001);
  });

  it("refuses a negative price, naming the key, field and value", () => {
    expect(() =>
      table.withOverrides({ "openai:gpt-4o": { input: -1, output: 10 } }),
    ).toThrow(
      expect.objectContaining({
        code: "USAGE",
        message:
          "Price override openai:gpt-4o: input: expected an amount in USD " +
          "of 0 or more, got -1 (number)",
      }),
    );
  });

  it("refuses a key without a provider and a field it does not know", () => {
    expect(() =>
      table.withOverrides({ "gpt-4o": { input: 1, output: 1 } }),
    ).toThrow('Price override key "gpt-4o": expected a key of the form');
    const misspelt = { input: 1, output: 1, cached: 0.5 };
    expect(() => table.withOverrides({ "openai:gpt-4o": misspelt })).toThrow(
      "Price override openai:gpt-4o: cached: expected one of the keys",
    );
  });
});

describe("PriceTable.fromJson", () => {
  const header = '  "asOf": "2025-08-15",\n';

  it("reads a price file laid out as the bundled one", () => {
    const text =
      `{\n${header}  "currency": "USD",\n  "unit": "per million tokens",\n` +
      '  "models": { "openai:gpt-4o": { "input": 2.5, "output": 10 } }\n}\n';
    const custom = PriceTable.fromJson(text, "prices.json");
    expect(custom.asOf).toBe("2025-08-15");
    expect(custom.find("openai", "gpt-4o")).toEqual({ input: 2.5, output: 10 });
  });

  it("names the file, line, field and value of each mistake", () => {
    const text =
      `{\n${header}  "currency": "EUR",\n  "unit": "per million tokens",\n` +
      '  "models": {\n    "openai:gpt-4o": { "input": "2.5", "output": 10 }\n' +
      "  }\n}\n";
    expect(() => PriceTable.fromJson(text, "prices.json")).toThrow(
      expect.objectContaining({
        name: "ConfigError",
        message:
          'prices.json:3:3: currency: expected the currency "USD", got ' +
          '"EUR" (string)\n' +
          "prices.json:6:24: models.openai:gpt-4o.input: expected an " +
          'amount in USD of 0 or more, got "2.5" (string)',
      }),
    );
  });
});

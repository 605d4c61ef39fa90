import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import type { OpenAiCallContext } from "./openai-call-context.js";
import { readOpenAiEmbeddings } from "./read-openai-embeddings.js";

const CONTEXT: OpenAiCallContext = {
  modelId: "m",
  url: "http://127.0.0.1/v1/embeddings",
  apiKey: "k-unused",
};

/** Little-endian float32 bytes, as the API's base64 format carries them. */
function base64Of(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString("base64");
}

describe("readOpenAiEmbeddings", () => {
  it("puts vectors back in input order and decodes both formats", () => {
    const response = {
      data: [
        { index: 1, embedding: [0.5, -0.25] },
        { index: 0, embedding: base64Of([1, 0.125]) },
      ],
      usage: { prompt_tokens: 4, total_tokens: 4 },
    };
    const result = readOpenAiEmbeddings(response, ["a", "b"], 2, CONTEXT);
    // 1, 0.125, 0.5 and -0.25 are exact in float32.
    expect(result.embeddings).toEqual([
      Float32Array.from([1, 0.125]),
      Float32Array.from([0.5, -0.25]),
    ]);
    expect(result.inputTokens).toBe(4);
  });

  it("counts tokens locally when the server reports no usage", () => {
    const response = { data: [{ index: 0, embedding: [1] }] };
    // "annual leave" is 2 o200k tokens.
    const result = readOpenAiEmbeddings(response, ["annual leave"], 1, CONTEXT);
    expect(result.inputTokens).toBe(2);
  });

  it.each([
    ["too few vectors", { data: [] }, /expected 1 embeddings, got 0/],
    ["no data at all", { object: "list" }, /expected 1 embeddings, got 0/],
    [
      "a vector that is not numbers",
      { data: [{ index: 0, embedding: { x: 1 } }] },
      /neither base64 nor an array/,
    ],
    [
      "base64 that is not whole float32s",
      {
        data: [
          { index: 0, embedding: Buffer.from([1, 2, 3]).toString("base64") },
        ],
      },
      /neither base64 nor an array/,
    ],
    [
      "a vector of the wrong length",
      { data: [{ index: 0, embedding: [1, 2, 3] }] },
      /3 dimensions, expected 2/,
    ],
  ])("rejects %s as a retryable bad_response", (_, response, message) => {
    let error: unknown;
    try {
      readOpenAiEmbeddings(response, ["a"], 2, CONTEXT);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).errorClass).toBe("bad_response");
    expect((error as ProviderCallError).isRetryable).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it("accepts any length when probing", () => {
    const response = { data: [{ index: 0, embedding: [1, 2, 3] }] };
    const result = readOpenAiEmbeddings(response, ["a"], null, CONTEXT);
    expect(result.embeddings[0]).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import { ProviderCallError } from "../../errors/provider-call-error.js";
import { connectOpenAi, DEFAULT_OPENAI_BASE_URL } from "./openai-client.js";

const LOCAL = { baseUrl: "http://127.0.0.1:8000/v1/" };

describe("connectOpenAi", () => {
  it("configures the SDK to retry nothing, at the given base URL", () => {
    const { client, publicBaseUrl, apiKey } = connectOpenAi(LOCAL, "m", {
      env: { OPENAI_API_KEY: "sk-one" },
    });
    expect(client.maxRetries).toBe(0);
    expect(client.baseURL).toBe("http://127.0.0.1:8000/v1");
    expect(publicBaseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(apiKey).toBe("sk-one");
  });

  it("shares one client per base URL and key", () => {
    const env = { OPENAI_API_KEY: "sk-shared" };
    const first = connectOpenAi(LOCAL, "chat", { env }).client;
    const second = connectOpenAi(LOCAL, "embedder", { env }).client;
    const otherKey = connectOpenAi(LOCAL, "chat", {
      env: { OPENAI_API_KEY: "sk-other" },
    }).client;
    const otherUrl = connectOpenAi(
      { baseUrl: "http://127.0.0.1:9/v1" },
      "chat",
      {
        env,
      },
    ).client;
    expect(second).toBe(first);
    expect(otherKey).not.toBe(first);
    expect(otherUrl).not.toBe(first);
  });

  it("reads the key at call time, from the variable settings name", () => {
    const env: Record<string, string | undefined> = {};
    const settings = { ...LOCAL, apiKeyEnv: "TEAM_KEY" };
    expect(() => connectOpenAi(settings, "m", { env })).toThrow(/TEAM_KEY/);
    env.TEAM_KEY = "sk-exported-later";
    expect(connectOpenAi(settings, "m", { env }).apiKey).toBe(
      "sk-exported-later",
    );
  });

  it("treats an empty key as missing: a non-retryable auth error", () => {
    let error: unknown;
    try {
      connectOpenAi(LOCAL, "gpt-4o-mini", { env: { OPENAI_API_KEY: " " } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderCallError);
    const callError = error as ProviderCallError;
    expect(callError.errorClass).toBe("auth");
    expect(callError.isRetryable).toBe(false);
    expect(callError.message).toContain("OPENAI_API_KEY");
    expect(callError.modelId).toBe("gpt-4o-mini");
  });

  it("falls back to OPENAI_BASE_URL, then to api.openai.com", () => {
    const fromEnv = connectOpenAi({}, "m", {
      env: { OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://proxy.local/v1" },
    });
    const official = connectOpenAi({}, "m", { env: { OPENAI_API_KEY: "k" } });
    expect(fromEnv.publicBaseUrl).toBe("http://proxy.local/v1");
    expect(official.publicBaseUrl).toBe(DEFAULT_OPENAI_BASE_URL);
  });

  it("keeps credentials in the base URL out of what errors show", () => {
    const { publicBaseUrl } = connectOpenAi(
      { baseUrl: "https://user:pw@gateway.example/v1?api-key=secret" },
      "m",
      { env: { OPENAI_API_KEY: "k" } },
    );
    expect(publicBaseUrl).toBe("https://gateway.example/v1");
  });
});

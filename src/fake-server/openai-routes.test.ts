import { afterEach, describe, expect, it } from "vitest";
import { fakeEmbedding, fakePromptTokens, fakeReply } from "./fake-content.js";
import type { FakeServerOptions } from "./fake-server-options.js";
import {
  type RunningFakeServer,
  startFakeServer,
} from "./start-fake-server.js";

const QUESTION = "How many leave days?";
const MESSAGES = [
  { role: "system", content: "You are terse." },
  { role: "user", content: QUESTION },
];

let server: RunningFakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeServerOptions = {}): Promise<string> {
  server = await startFakeServer(options);
  return `${server.url}/v1`;
}

function post(url: string, body: unknown, headers: object = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

interface UsageBody {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

interface CompletionBody {
  id: string;
  object: string;
  model: string;
  choices: {
    message: { role: string; content: string };
    finish_reason: string;
  }[];
  usage: UsageBody;
}

interface EmbeddingsBody {
  object: string;
  data: { index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

interface ErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

interface ModelListBody {
  object: string;
  data: { id: string }[];
}

async function readJson<Body>(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

/** The `data:` payloads of an SSE body, after checking the framing. */
function sseData(text: string): string[] {
  expect(text.endsWith("\n\n")).toBe(true);
  const events = text.slice(0, -2).split("\n\n");
  for (const event of events) expect(event.startsWith("data: ")).toBe(true);
  return events.map((event) => event.slice("data: ".length));
}

interface Chunk {
  object: string;
  choices: {
    delta: { role?: string; content?: string };
    finish_reason: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

describe("POST /v1/chat/completions as JSON", () => {
  it("answers with the generated reply and its token usage", async () => {
    const base = await start({ outputTokens: 10 });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
    });
    expect(response.status).toBe(200);
    const body = await readJson<CompletionBody>(response);

    expect(body.object).toBe("chat.completion");
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices).toEqual([
      {
        index: 0,
        message: {
          role: "assistant",
          content:
            "review is in section review budget review section team access",
        },
        logprobs: null,
        finish_reason: "stop",
      },
    ]);
    // "You are terse." is 4 o200k tokens and the question 5: 9 in all.
    expect(body.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 10,
      total_tokens: 19,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it("cuts the reply at max_tokens and reports finish_reason length", async () => {
    const base = await start({ outputTokens: 16 });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      max_tokens: 5,
    });
    const body = await readJson<CompletionBody>(response);
    expect(body.choices[0]?.message.content).toBe(fakeReply(QUESTION, 5));
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(5);
  });

  it("uses a scripted reply when the options give one", async () => {
    const base = await start({
      reply: (question) => (question === QUESTION ? "Twenty days." : undefined),
    });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: [{ type: "text", text: QUESTION }] }],
    });
    const body = await readJson<CompletionBody>(response);
    expect(body.choices[0]?.message.content).toBe("Twenty days.");
  });

  it("reports a repeated long prompt as served from the prompt cache", async () => {
    const base = await start();
    const messages = [
      { role: "system", content: "You are terse." },
      { role: "user", content: " leave".repeat(1_100) },
    ];
    const send = async () => {
      const response = await post(`${base}/chat/completions`, {
        model: "gpt-4o-mini",
        messages,
      });
      return (await readJson<CompletionBody>(response)).usage;
    };
    const first = await send();
    const second = await send();
    // 4 + 1,100 = 1,104 prompt tokens; cached in steps of 128: 8 × 128.
    expect(first.prompt_tokens).toBe(1_104);
    expect(first.prompt_tokens_details.cached_tokens).toBe(0);
    expect(second.prompt_tokens_details.cached_tokens).toBe(1_024);
  });
});

describe("POST /v1/chat/completions as a stream", () => {
  it("frames the reply as OpenAI's server-sent events", async () => {
    const base = await start({ outputTokens: 10 });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const data = sseData(await response.text());

    // role chunk, 3 deltas of up to 4 words (10 words), finish, usage, DONE.
    expect(data).toHaveLength(7);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((line) => JSON.parse(line) as Chunk);
    for (const chunk of chunks)
      expect(chunk.object).toBe("chat.completion.chunk");
    expect(chunks[0]?.choices[0]?.delta).toEqual({
      role: "assistant",
      content: "",
    });
    const deltas = chunks
      .slice(1, 4)
      .map((chunk) => chunk.choices[0]?.delta.content);
    expect(deltas).toEqual([
      "review is in section",
      " review budget review section",
      " team access",
    ]);
    expect(chunks[4]?.choices[0]).toMatchObject({
      delta: {},
      finish_reason: "stop",
    });
    expect(chunks.slice(0, 5).every((chunk) => chunk.usage === null)).toBe(
      true,
    );
    expect(chunks[5]?.choices).toEqual([]);
    expect(chunks[5]?.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 10,
    });
  });

  it("sends no usage chunk unless stream_options asks for one", async () => {
    const base = await start({ outputTokens: 3 });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      stream: true,
    });
    const data = sseData(await response.text());
    // role chunk, one delta, finish, DONE.
    expect(data).toHaveLength(4);
    for (const line of data.slice(0, -1)) expect(line).not.toContain('"usage"');
  });

  it("honours max_completion_tokens in a stream", async () => {
    const base = await start({ outputTokens: 16 });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      stream: true,
      max_completion_tokens: 6,
    });
    const chunks = sseData(await response.text())
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Chunk);
    const text = chunks
      .map((chunk) => chunk.choices[0]?.delta.content ?? "")
      .join("");
    expect(text).toBe(fakeReply(QUESTION, 6));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("length");
  });
});

describe("latency", () => {
  // Timers may fire up to a millisecond early against performance.now().
  const TIMER_SLACK_MS = 2;

  it("holds every answer, errors included, for the latency, and pauses between deltas", async () => {
    const base = await start({
      latencyMs: 40,
      streamDeltaDelayMs: 20,
      outputTokens: 10,
    });
    const startMs = performance.now();
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const headersMs = performance.now() - startMs;
    const data = sseData(await response.text());
    const wholeMs = performance.now() - startMs;
    expect(headersMs).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
    // Three deltas: two pauses after the first byte.
    expect(wholeMs).toBeGreaterThanOrEqual(40 + 2 * 20 - TIMER_SLACK_MS);
    // role chunk, 3 deltas, finish, usage, DONE: the same as unpaused.
    expect(data).toHaveLength(7);

    const badStartMs = performance.now();
    const bad = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
    });
    expect(bad.status).toBe(400);
    expect(performance.now() - badStartMs).toBeGreaterThanOrEqual(
      40 - TIMER_SLACK_MS,
    );
  });
});

describe("bad chat requests", () => {
  const cases: [string, unknown, string | null][] = [
    ["a body that is not JSON", "{model:", null],
    ["a missing model", { messages: MESSAGES }, "model"],
    [
      "messages that are not an array",
      { model: "m", messages: "hi" },
      "messages",
    ],
    [
      "a message with a numeric content",
      { model: "m", messages: [{ role: "user", content: 3 }] },
      "messages[0].content",
    ],
    [
      "an unknown role",
      { model: "m", messages: [{ role: "robot", content: "hi" }] },
      "messages[0].role",
    ],
    [
      "a temperature above 2",
      { model: "m", messages: MESSAGES, temperature: 3 },
      "temperature",
    ],
    [
      "a max_tokens of zero",
      { model: "m", messages: MESSAGES, max_tokens: 0 },
      "max_tokens",
    ],
  ];

  it.each(cases)(
    "rejects %s with a 400 in OpenAI's format",
    async (_, body, param) => {
      const base = await start();
      const response = await post(`${base}/chat/completions`, body);
      expect(response.status).toBe(400);
      const { error } = await readJson<ErrorBody>(response);
      expect(error.type).toBe("invalid_request_error");
      expect(error.param).toBe(param);
      expect(typeof error.message).toBe("string");
    },
  );
});

describe("POST /v1/embeddings", () => {
  it("returns fakeEmbedding vectors as float arrays", async () => {
    const base = await start({ embeddingDimensions: 8 });
    const response = await post(`${base}/embeddings`, {
      model: "text-embedding-3-small",
      input: ["annual leave", "remote work"],
      encoding_format: "float",
    });
    const body = await readJson<EmbeddingsBody>(response);
    expect(body.object).toBe("list");
    expect(body.data.map((item) => item.index)).toEqual([0, 1]);
    expect(body.data[0]?.embedding).toEqual(
      Array.from(Float32Array.from(fakeEmbedding("annual leave", 8))),
    );
    expect(body.data[1]?.embedding).toHaveLength(8);
    const tokens = fakePromptTokens(["annual leave", "remote work"]);
    expect(body.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it("encodes base64 as little-endian float32 and honours dimensions", async () => {
    const base = await start({ embeddingDimensions: 8 });
    const response = await post(`${base}/embeddings`, {
      model: "text-embedding-3-small",
      input: "annual leave",
      encoding_format: "base64",
      dimensions: 5,
    });
    const body = await readJson<EmbeddingsBody>(response);
    const bytes = Buffer.from(String(body.data[0]?.embedding), "base64");
    expect(bytes.length).toBe(5 * 4);
    const decoded = Array.from({ length: 5 }, (_, index) =>
      bytes.readFloatLE(index * 4),
    );
    expect(decoded).toEqual(
      Array.from(Float32Array.from(fakeEmbedding("annual leave", 5))),
    );
  });

  it("rejects empty inputs and more than 2,048 inputs", async () => {
    const base = await start();
    const empty = await post(`${base}/embeddings`, { model: "m", input: [""] });
    const tooMany = await post(`${base}/embeddings`, {
      model: "m",
      input: Array.from({ length: 2_049 }, () => "x"),
    });
    expect(empty.status).toBe(400);
    expect(tooMany.status).toBe(400);
    expect((await readJson<ErrorBody>(tooMany)).error.message).toContain(
      "at most 2048",
    );
  });
});

describe("GET /v1/models", () => {
  it("lists models in OpenAI's list format", async () => {
    const base = await start();
    const body = await readJson<ModelListBody>(await fetch(`${base}/models`));
    expect(body.object).toBe("list");
    expect(body.data.map((model) => model.id)).toContain("gpt-4o-mini");
  });
});

describe("injected faults", () => {
  it("writes a 429 with Retry-After in seconds and milliseconds", async () => {
    const base = await start({
      faultRate: 1,
      faults: ["429"],
      retryAfterSeconds: 2,
    });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("retry-after-ms")).toBe("2000");
    const { error } = await readJson<ErrorBody>(response);
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.type).toBe("requests");
    expect(server?.stats.faults).toBe(1);
  });

  it("writes a 500 with an OpenAI server error body", async () => {
    const base = await start({ faultRate: 1, faults: ["500"] });
    const response = await post(`${base}/embeddings`, {
      model: "m",
      input: "x",
    });
    expect(response.status).toBe(500);
    expect((await readJson<ErrorBody>(response)).error.type).toBe(
      "server_error",
    );
  });

  it("writes a 200 whose JSON body is cut off", async () => {
    const base = await start({ faultRate: 1, faults: ["malformed"] });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
    });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("writes a stream with a broken data line and no [DONE]", async () => {
    const base = await start({ faultRate: 1, faults: ["malformed"] });
    const response = await post(`${base}/chat/completions`, {
      model: "gpt-4o-mini",
      messages: MESSAGES,
      stream: true,
    });
    const data = sseData(await response.text());
    expect(data).toHaveLength(2);
    expect(() => JSON.parse(data[0] ?? "")).not.toThrow();
    expect(() => JSON.parse(data[1] ?? "")).toThrow(SyntaxError);
  });
});

describe("API key checks", () => {
  const key = "sk-fake-0123456789abcdef";

  it("accepts the configured key and answers 401 to others", async () => {
    const base = await start({ apiKey: key });
    const body = { model: "gpt-4o-mini", messages: MESSAGES };
    const right = await post(`${base}/chat/completions`, body, {
      authorization: `Bearer ${key}`,
    });
    const wrong = await post(`${base}/chat/completions`, body, {
      authorization: "Bearer sk-wrong-key-000000001234",
    });
    const missing = await post(`${base}/chat/completions`, body);
    expect(right.status).toBe(200);
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    const { error } = await readJson<ErrorBody>(wrong);
    expect(error.code).toBe("invalid_api_key");
    // Only the ends of a wrong key are shown, as OpenAI does.
    expect(error.message).toContain("sk-*");
    expect(error.message).not.toContain("sk-wrong-key-000000001234");
  });
});

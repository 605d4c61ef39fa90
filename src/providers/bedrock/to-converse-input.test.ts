import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../spec/chat-model.js";
import { toConverseInput } from "./to-converse-input.js";
import { toFinishReason } from "./to-finish-reason.js";

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { messages: [], question: "q", passages: [], ...overrides };
}

describe("toConverseInput", () => {
  it("moves system messages to `system` and keeps the rest in order", () => {
    const input = toConverseInput(
      "amazon.nova-lite-v1:0",
      request({
        messages: [
          { role: "system", content: "Answer briefly." },
          { role: "user", content: "How many leave days?" },
          { role: "assistant", content: "Ten." },
          { role: "user", content: "And sick days?" },
        ],
      }),
    );

    expect(input).toEqual({
      modelId: "amazon.nova-lite-v1:0",
      system: [{ text: "Answer briefly." }],
      messages: [
        { role: "user", content: [{ text: "How many leave days?" }] },
        { role: "assistant", content: [{ text: "Ten." }] },
        { role: "user", content: [{ text: "And sick days?" }] },
      ],
    });
  });

  it("joins messages of the same role in a row into one turn", () => {
    const input = toConverseInput(
      "m",
      request({
        messages: [
          { role: "user", content: "Context: the handbook." },
          { role: "user", content: "Question: leave days?" },
        ],
      }),
    );

    expect(input.messages).toEqual([
      {
        role: "user",
        content: [
          { text: "Context: the handbook." },
          { text: "Question: leave days?" },
        ],
      },
    ]);
    expect(input.system).toBeUndefined();
  });

  it("puts temperature and maxOutputTokens in inferenceConfig", () => {
    const input = toConverseInput(
      "m",
      request({
        messages: [{ role: "user", content: "hi" }],
        temperature: 0,
        maxOutputTokens: 128,
      }),
    );

    expect(input.inferenceConfig).toEqual({ temperature: 0, maxTokens: 128 });
  });

  it("sends no inferenceConfig when the request sets nothing", () => {
    const input = toConverseInput(
      "m",
      request({ messages: [{ role: "user", content: "hi" }] }),
    );

    expect(input.inferenceConfig).toBeUndefined();
  });
});

describe("toFinishReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["guardrail_intervened", "other"],
    [null, "other"],
  ] as const)("maps %s to %s", (stopReason, finishReason) => {
    expect(toFinishReason(stopReason)).toBe(finishReason);
  });
});

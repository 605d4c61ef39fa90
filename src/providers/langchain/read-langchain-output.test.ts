import { AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { readLangChainOutput } from "./read-langchain-output.js";

describe("readLangChainOutput", () => {
  it("takes a string as the answer", () => {
    expect(readLangChainOutput("14 days")).toEqual({
      isReadable: true,
      answer: { text: "14 days" },
    });
  });

  it("reads usage, cached input and the finish reason from a message", () => {
    const message = new AIMessage({
      content: "14 days",
      usage_metadata: {
        input_tokens: 120,
        output_tokens: 3,
        total_tokens: 123,
        input_token_details: { cache_read: 100 },
      },
      response_metadata: { finish_reason: "length" },
    });

    expect(readLangChainOutput(message)).toEqual({
      isReadable: true,
      answer: {
        text: "14 days",
        usage: { inputTokens: 120, outputTokens: 3, cachedInputTokens: 100 },
        finishReason: "length",
      },
    });
  });

  it("joins the text parts of multi-part content", () => {
    const message = new AIMessage({
      content: [
        { type: "text", text: "Refunds take " },
        { type: "image_url", image_url: "https://example.com/chart.png" },
        { type: "text", text: "14 days." },
      ],
    });
    const reading = readLangChainOutput(message);

    expect(reading.isReadable && reading.answer.text).toBe(
      "Refunds take 14 days.",
    );
  });

  it("maps each vendor's finish reason", () => {
    const finishReasonOf = (metadata: Record<string, unknown>) => {
      const reading = readLangChainOutput(
        new AIMessage({ content: "x", response_metadata: metadata }),
      );
      return reading.isReadable ? reading.answer.finishReason : null;
    };

    expect(finishReasonOf({ stop_reason: "max_tokens" })).toBe("length");
    expect(finishReasonOf({ stopReason: "end_turn" })).toBe("stop");
    expect(finishReasonOf({ finish_reason: "content_filter" })).toBe("other");
    expect(finishReasonOf({})).toBeUndefined();
  });

  it("says why an output holds no answer", () => {
    expect(readLangChainOutput({ answer: "14 days" })).toEqual({
      isReadable: false,
      problem: "it returned a plain object",
    });
    expect(
      readLangChainOutput(
        new AIMessage({
          content: [{ type: "image_url", image_url: "https://example.com" }],
        }),
      ),
    ).toEqual({ isReadable: false, problem: "its message holds no text" });
  });
});

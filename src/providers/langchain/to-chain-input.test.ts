import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { toChainInput } from "./to-chain-input.js";

describe("toChainInput", () => {
  it("numbers the passages and converts the messages", () => {
    const input = toChainInput({
      question: "How long do refunds take?",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "How long do refunds take?" },
      ],
      passages: [
        { chunkId: "r1", documentId: "refunds.md", text: "14 days." },
        { chunkId: "s1", documentId: "shipping.md", text: "Two days." },
      ],
    });

    expect(input.question).toBe("How long do refunds take?");
    expect(input.context).toBe(
      "[1] (refunds.md)\n14 days.\n\n[2] (shipping.md)\nTwo days.",
    );
    expect(input.messages[0]).toBeInstanceOf(SystemMessage);
    expect(input.messages[1]).toBeInstanceOf(HumanMessage);
    expect(input.messages.map((message) => message.content)).toEqual([
      "Be brief.",
      "How long do refunds take?",
    ]);
  });
});

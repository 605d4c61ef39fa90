import { describe, expect, it } from "vitest";
import { BudgetReachedError } from "../../errors/budget-reached-error.js";
import { PriceTable } from "../../providers/prices/price-table.js";
import type { ChatRequest } from "../../spec/chat-model.js";
import { ASSUMED_OUTPUT_TOKENS, CallBudget } from "./call-budget.js";

// $1,000 per million tokens: a thousandth of a dollar per token.
const prices = PriceTable.bundled().withOverrides({
  "openai:priced": { input: 1000, output: 1000 },
});
const priced = { provider: "openai", modelId: "priced" };

/** "leave" is one o200k token, so each call's input is one token. */
function request(maxOutputTokens?: number): ChatRequest {
  return {
    messages: [{ role: "user", content: "leave" }],
    question: "leave",
    passages: [],
    maxOutputTokens,
  };
}

function budgetOf(limitUsd: number, events: string[] = []) {
  return new CallBudget({
    limitUsd,
    prices,
    onUnpriced: ({ modelId }) => events.push(`unpriced ${modelId}`),
    onReached: () => events.push("reached"),
  });
}

describe("CallBudget", () => {
  it("admits calls while spent + reserved fits, then refuses every call", () => {
    const events: string[] = [];
    // Each call reserves 1 input + 9 output tokens = $0.010.
    const budget = budgetOf(0.025, events);
    const first = budget.reserveChat(priced, request(9));
    const second = budget.reserveChat(priced, request(9));

    expect(() => budget.reserveChat(priced, request(9))).toThrow(
      BudgetReachedError,
    );
    expect(events).toEqual(["reached"]);
    // A call that would fit now is refused too: the run is stopping.
    first.settle(null);
    expect(() => budget.reserveChat(priced, request(1))).toThrow(
      "budget of $0.025 reached ($0 spent)",
    );
    second.settle({ costUsd: 0.004, outputTokens: 3 });
    expect(budget.spentUsd).toBeCloseTo(0.004, 12);
    expect(budget.describe()).toBe("budget of $0.025 reached ($0.004 spent)");
  });

  it("releases a reservation to the real cost when the call ends", () => {
    const budget = budgetOf(0.02);
    const call = budget.reserveChat(priced, request(15)); // $0.016 held
    call.settle({ costUsd: 0.002, outputTokens: 1 });
    call.settle({ costUsd: 1, outputTokens: 1 }); // ignored: settled once

    // $0.002 spent + $0.016 for the next one fits under $0.02.
    expect(() => budget.reserveChat(priced, request(15))).not.toThrow();
    expect(budget.isReached).toBe(false);
  });

  it("estimates output without a maximum from the model's mean so far", () => {
    const budget = budgetOf(ASSUMED_OUTPUT_TOKENS / 1000 + 0.0015);
    // Before any answer: 1 + 512 tokens, which fits.
    budget.reserveChat(priced, request()).settle({
      costUsd: 0,
      outputTokens: 10,
    });
    // Now 1 + mean 10 tokens = $0.011; two of them fit, a third does not.
    budget.reserveChat(priced, request());
    budget.reserveChat(priced, request());
    expect(budget.isReached).toBe(false);
    expect(() =>
      budget.reserveChat(priced, request(ASSUMED_OUTPUT_TOKENS)),
    ).toThrow(BudgetReachedError);
  });

  it("counts embedding input tokens and admits unpriced models with one warning", () => {
    const events: string[] = [];
    const budget = budgetOf(0.0025, events);
    budget.reserveEmbedding(priced, ["leave", "leave"]); // $0.002
    budget.reserveChat({ provider: "openai", modelId: "mystery" }, request(9));
    budget.reserveChat({ provider: "openai", modelId: "mystery" }, request(9));

    expect(events).toEqual(["unpriced mystery"]);
    expect(() => budget.reserveEmbedding(priced, ["leave"])).toThrow(
      BudgetReachedError,
    );
  });

  it("counts what earlier sessions of a resumed run spent", () => {
    const budget = new CallBudget({
      limitUsd: 0.01,
      spentUsd: 0.0095,
      prices,
      onUnpriced: () => {},
      onReached: () => {},
    });
    expect(() => budget.reserveChat(priced, request(1))).toThrow(
      "budget of $0.01 reached ($0.0095 spent)",
    );
  });
});

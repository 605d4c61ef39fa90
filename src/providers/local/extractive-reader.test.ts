import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import type { ChatRequest, GroundingPassage } from "../../spec/index.js";
import { countTokens } from "../../util/count-tokens.js";
import { ExtractiveReader } from "./extractive-reader.js";

function passage(documentId: string, text: string): GroundingPassage {
  return { chunkId: `${documentId}#0`, documentId, text };
}

const HANDBOOK = [
  passage(
    "leave",
    "# Leave policy\n\nEmployees get 25 days of paid leave each year. " +
      "Unused leave expires at the end of March.",
  ),
  passage(
    "equipment",
    "## Equipment\n\n- Remote work is allowed two days a week.\n" +
      "- Laptops are replaced every three years.\n" +
      "1. Phones are not provided.",
  ),
];

function makeRequest(
  question: string,
  passages: GroundingPassage[],
  maxOutputTokens?: number,
): ChatRequest {
  return {
    messages: [
      { role: "system", content: "Answer from the context only." },
      { role: "user", content: `Question: ${question}` },
    ],
    question,
    passages,
    maxOutputTokens,
  };
}

async function answer(question: string, passages: GroundingPassage[]) {
  const response = await new ExtractiveReader().generate(
    makeRequest(question, passages),
  );
  return response.text;
}

describe("ExtractiveReader", () => {
  it("names itself local/extractive", () => {
    const reader = new ExtractiveReader();
    expect(reader.provider).toBe("local");
    expect(reader.modelId).toBe("extractive");
  });

  it("answers with the sentence that best matches the question", async () => {
    expect(
      await answer("How many days of paid leave do employees get?", HANDBOOK),
    ).toBe("Employees get 25 days of paid leave each year.");
    expect(await answer("When does unused leave expire?", HANDBOOK)).toBe(
      "Unused leave expires at the end of March.",
    );
  });

  it("strips list bullets and never answers with a heading", async () => {
    expect(await answer("How often are laptops replaced?", HANDBOOK)).toBe(
      "Laptops are replaced every three years.",
    );
    expect(await answer("Are phones provided?", HANDBOOK)).toBe(
      "Phones are not provided.",
    );
    // "equipment" appears only in a heading; "polici" only in the other
    // passage's heading, so no sentence shares a term with the question.
    expect(await answer("What is the equipment policy?", HANDBOOK)).toBe("");
  });

  it("breaks a tie in favour of the higher-ranked passage", async () => {
    // Both sentences hold badg, open and door once in four terms: equal
    // BM25 scores, so only the passage rank decides.
    const north = passage("north", "Badges open the north door.");
    const south = passage("south", "Badges open the south door.");
    const question = "Which door do badges open?";
    expect(await answer(question, [north, south])).toBe(
      "Badges open the north door.",
    );
    expect(await answer(question, [south, north])).toBe(
      "Badges open the south door.",
    );
  });

  it("prefers a better match from a lower-ranked passage", async () => {
    const first = passage("first", "Badges are blue.");
    const second = passage("second", "Badges open the south door.");
    expect(await answer("Which door do badges open?", [first, second])).toBe(
      "Badges open the south door.",
    );
  });

  it("answers nothing when no sentence shares a term with the question", async () => {
    const response = await new ExtractiveReader().generate(
      makeRequest("What is the capital of France?", HANDBOOK),
    );
    expect(response.text).toBe("");
    expect(response.usage.outputTokens).toBe(0);
    expect(response.finishReason).toBe("stop");
  });

  it("answers nothing without passages", async () => {
    expect(await answer("How many days of paid leave?", [])).toBe("");
  });

  it("gives the same response to the same request", async () => {
    const reader = new ExtractiveReader({ now: () => 0 });
    const request = makeRequest("When does unused leave expire?", HANDBOOK);
    const first = await reader.generate(request);
    const second = await reader.generate(request);
    expect(second).toEqual(first);
  });

  it("counts tokens of the rendered messages and of the answer", async () => {
    const request = makeRequest("How often are laptops replaced?", HANDBOOK);
    const response = await new ExtractiveReader().generate(request);
    expect(response.usage.inputTokens).toBe(
      countTokens("Answer from the context only.") +
        countTokens("Question: How often are laptops replaced?"),
    );
    expect(response.usage.outputTokens).toBe(
      countTokens("Laptops are replaced every three years."),
    );
  });

  it("reports zero cost, no streaming and the measured latency", async () => {
    const clockReadingsMs = [10, 17.5];
    const reader = new ExtractiveReader({
      now: () => clockReadingsMs.shift() ?? Number.NaN,
    });
    const response = await reader.generate(
      makeRequest("How often are laptops replaced?", HANDBOOK),
    );
    expect(response.latencyMs).toBe(7.5);
    expect(response.costUsd).toBe(0);
    expect(response.timeToFirstTokenMs).toBeNull();
    expect(response.finishReason).toBe("stop");
  });

  it("cuts the answer at maxOutputTokens", async () => {
    // o200k tokens: "Employees", " get", " ", "25", " days", ...
    const response = await new ExtractiveReader().generate(
      makeRequest("How many days of paid leave do employees get?", HANDBOOK, 4),
    );
    expect(response.text).toBe("Employees get 25");
    expect(response.usage.outputTokens).toBe(4);
    expect(response.finishReason).toBe("length");
  });

  it("keeps an answer that fits maxOutputTokens whole", async () => {
    const response = await new ExtractiveReader().generate(
      makeRequest("How often are laptops replaced?", HANDBOOK, 100),
    );
    expect(response.text).toBe("Laptops are replaced every three years.");
    expect(response.finishReason).toBe("stop");
  });

  it("rejects a negative or fractional maxOutputTokens", async () => {
    const reader = new ExtractiveReader();
    await expect(
      reader.generate(makeRequest("Leave?", HANDBOOK, -1)),
    ).rejects.toThrow(FmopsError);
    await expect(
      reader.generate(makeRequest("Leave?", HANDBOOK, 1.5)),
    ).rejects.toThrow(/maxOutputTokens must be a non-negative integer/);
  });

  it("stops when the request is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled by the run"));
    const request = {
      ...makeRequest("Leave?", HANDBOOK),
      abortSignal: controller.signal,
    };
    await expect(new ExtractiveReader().generate(request)).rejects.toThrow(
      "cancelled by the run",
    );
  });
});

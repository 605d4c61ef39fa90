import { describe, expect, it } from "vitest";
import { countTokens } from "../../util/count-tokens.js";
import { SentenceSplitter } from "./sentence-splitter.js";

// Token counts (o200k_base), worked out with gpt-tokenizer's encode:
//   "Cats sleep."                            3  Cats| sleep|.
//   "Cats sleep. Dogs bark loudly."          7  + Dogs| bark| loudly|.
//   "Dogs bark loudly."                      4
//   "Dogs bark loudly. Birds sing at dawn."  9  + Birds| sing| at| dawn|.
//   "Birds sing at dawn."                    6  Bird|s| sing| at| dawn|.
const THREE_SENTENCES = "Cats sleep. Dogs bark loudly. Birds sing at dawn.";

describe("SentenceSplitter", () => {
  it("packs whole sentences up to the size in tokens", async () => {
    const splitter = new SentenceSplitter({
      chunkSize: 8,
      chunkOverlap: 0,
      lengthFunction: countTokens,
    });
    // Adding the third sentence would make 12 tokens > 8.
    expect(await splitter.splitText(THREE_SENTENCES)).toEqual([
      "Cats sleep. Dogs bark loudly.",
      "Birds sing at dawn.",
    ]);
  });

  it("repeats trailing sentences that fit in the overlap", async () => {
    const splitter = new SentenceSplitter({
      chunkSize: 9,
      chunkOverlap: 5,
      lengthFunction: countTokens,
    });
    // "Dogs bark loudly." is 4 tokens <= 5, and with the next sentence it
    // makes 9 tokens <= 9, so it opens the second chunk.
    expect(await splitter.splitText(THREE_SENTENCES)).toEqual([
      "Cats sleep. Dogs bark loudly.",
      "Dogs bark loudly. Birds sing at dawn.",
    ]);
  });

  it("drops the overlap when it would leave no room", async () => {
    const splitter = new SentenceSplitter({
      chunkSize: 8,
      chunkOverlap: 5,
      lengthFunction: countTokens,
    });
    // The repeated sentence plus the next is 9 tokens > 8.
    expect(await splitter.splitText(THREE_SENTENCES)).toEqual([
      "Cats sleep. Dogs bark loudly.",
      "Birds sing at dawn.",
    ]);
  });

  it("counts characters by default", async () => {
    // "A b. C d." is 9 characters; "C d." is 4 <= overlap 4, and
    // "C d. E f." is 9 <= size 9.
    const splitter = new SentenceSplitter({ chunkSize: 9, chunkOverlap: 4 });
    expect(await splitter.splitText("A b. C d. E f.")).toEqual([
      "A b. C d.",
      "C d. E f.",
    ]);
  });

  it("cuts a sentence longer than the size with the recursive splitter", async () => {
    // "The quick brown fox jumps." is 26 characters > 12; the recursive
    // splitter packs its words into "The quick" (9), "brown fox" (9) and
    // "jumps." (6). The short sentences around it stay whole.
    const splitter = new SentenceSplitter({ chunkSize: 12, chunkOverlap: 0 });
    expect(
      await splitter.splitText("Hi. The quick brown fox jumps. Ok."),
    ).toEqual(["Hi.", "The quick", "brown fox", "jumps.", "Ok."]);
  });
});

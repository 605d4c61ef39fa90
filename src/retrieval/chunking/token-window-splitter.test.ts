import { describe, expect, it } from "vitest";
import { decodeTokens, encodeTokens } from "../../util/count-tokens.js";
import { TokenWindowSplitter } from "./token-window-splitter.js";

// o200k_base gives one token per word here:
// "one", " two", " three", ..., " ten" (10 tokens).
const TEN_WORDS = "one two three four five six seven eight nine ten";

describe("TokenWindowSplitter", () => {
  it("cuts windows of size tokens that share overlap tokens", async () => {
    const splitter = new TokenWindowSplitter({ chunkSize: 4, chunkOverlap: 1 });
    // Windows [0,4), [3,7), [6,10): "four" and "seven" are shared.
    expect(await splitter.splitText(TEN_WORDS)).toEqual([
      "one two three four",
      " four five six seven",
      " seven eight nine ten",
    ]);
  });

  it("repeats exactly the overlap tokens at each window start", async () => {
    const text =
      "Windows of tokens are blunt but predictable, and they never " +
      "exceed the size a model's context allows, whatever the text.";
    const splitter = new TokenWindowSplitter({ chunkSize: 6, chunkOverlap: 2 });
    const windows = (await splitter.splitText(text)).map(encodeTokens);
    for (let index = 1; index < windows.length; index += 1) {
      const previous = windows[index - 1] ?? [];
      expect(previous).toHaveLength(6);
      expect(windows[index]?.slice(0, 2)).toEqual(previous.slice(-2));
    }
  });

  it("gives the text back when the overlaps are removed", async () => {
    const text = "Overlap costs index space but saves split answers.";
    const splitter = new TokenWindowSplitter({ chunkSize: 3, chunkOverlap: 1 });
    const windows = await splitter.splitText(text);
    const [first = "", ...rest] = windows;
    // Drop the one shared token at the start of every later window.
    const tails = rest.map((window) =>
      decodeTokens(encodeTokens(window).slice(1)),
    );
    expect(first + tails.join("")).toBe(text);
  });
});

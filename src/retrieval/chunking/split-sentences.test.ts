import { describe, expect, it } from "vitest";
import { splitSentences } from "./split-sentences.js";

describe("splitSentences", () => {
  it("keeps each sentence with its trailing whitespace", () => {
    expect(splitSentences("Cats sleep. Dogs bark! Why? Birds sing.")).toEqual([
      "Cats sleep. ",
      "Dogs bark! ",
      "Why? ",
      "Birds sing.",
    ]);
  });

  it("attaches blank lines to the sentence before them", () => {
    const text = "  Lead. Next\n\n\nThird";
    const sentences = splitSentences(text);
    expect(sentences).toEqual(["  Lead. ", "Next\n\n\n", "Third"]);
    expect(sentences.join("")).toBe(text);
  });

  it("gives nothing for empty text", () => {
    expect(splitSentences("")).toEqual([]);
  });
});

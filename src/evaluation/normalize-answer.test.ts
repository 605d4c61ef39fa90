import { describe, expect, it } from "vitest";
import { answerWords, normalizeAnswer } from "./normalize-answer.js";

describe("normalizeAnswer", () => {
  it("lowercases and drops punctuation and articles", () => {
    expect(normalizeAnswer("The Normans!")).toBe("normans");
    expect(normalizeAnswer("An apple, a pear & the plum.")).toBe(
      "apple pear plum",
    );
  });

  it("removes punctuation without splitting the word around it", () => {
    expect(normalizeAnswer("don't")).toBe("dont");
    expect(normalizeAnswer("U.S.A.")).toBe("usa");
  });

  it("removes Unicode punctuation and the ASCII symbols SQuAD treats as punctuation", () => {
    expect(normalizeAnswer("«Paris» — the capital…")).toBe("paris capital");
    expect(normalizeAnswer("$100 + 5% <approx>")).toBe("100 5 approx");
  });

  it("drops articles only as whole words", () => {
    expect(normalizeAnswer("Theater and anthem")).toBe("theater and anthem");
  });

  it("collapses every kind of whitespace", () => {
    expect(normalizeAnswer("  two\t\twords \n")).toBe("two words");
    expect(answerWords("  two\t\twords \n")).toEqual(["two", "words"]);
  });

  it("turns an answer made only of articles and punctuation into nothing", () => {
    expect(normalizeAnswer("The...")).toBe("");
    expect(answerWords("a, an, the")).toEqual([]);
  });
});

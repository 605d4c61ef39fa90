import { describe, expect, it } from "vitest";
import { containsAnswer, exactMatch, tokenF1 } from "./answer-metrics.js";

describe("exactMatch", () => {
  it("compares normalised answers", () => {
    expect(exactMatch("The Normans!", ["Normans"])).toBe(1);
    expect(
      exactMatch("in the 10th and 11th centuries", ["10th and 11th centuries"]),
    ).toBe(0);
  });

  it("takes the best gold answer", () => {
    expect(exactMatch("Denver Broncos", ["Broncos", "denver broncos"])).toBe(1);
  });

  it("scores an empty prediction 0", () => {
    expect(exactMatch("", ["Normans"])).toBe(0);
  });

  it("leaves a question without gold answers unscored", () => {
    expect(exactMatch("Normans", [])).toBeNull();
  });
});

describe("tokenF1", () => {
  it("is 1 for answers equal after normalisation", () => {
    expect(tokenF1("The Normans!", ["Normans"])).toBe(1);
  });

  it("scores an extra word in the prediction", () => {
    // Prediction words: in 10th and 11th centuries (5); gold: 4, all shared.
    // P = 4/5, R = 4/4, F1 = 2 * 0.8 * 1 / 1.8 = 0.8889.
    const score = tokenF1("in the 10th and 11th centuries", [
      "10th and 11th centuries",
    ]);
    expect(score).toBeCloseTo(0.8889, 4);
  });

  it("scores a partial overlap", () => {
    // red brick house vs blue brick house: 2 shared of 3 on each side,
    // P = R = 2/3, so F1 = 2/3.
    expect(tokenF1("the red brick house", ["a blue brick house"])).toBeCloseTo(
      2 / 3,
      10,
    );
  });

  it("counts a repeated word only as often as the other side has it", () => {
    // paris x3 vs paris: 1 shared, P = 1/3, R = 1, F1 = (2/3) / (4/3) = 0.5.
    expect(tokenF1("Paris Paris Paris", ["Paris"])).toBeCloseTo(0.5, 10);
    // paris vs paris x2: 1 shared, P = 1, R = 1/2, F1 = 1 / 1.5 = 2/3.
    expect(tokenF1("Paris", ["Paris, Paris"])).toBeCloseTo(2 / 3, 10);
  });

  it("takes the best gold answer", () => {
    // vs "Broncos": P = 1/2, R = 1, F1 = 2/3.
    // vs "Denver Broncos team": P = 1, R = 2/3, F1 = 0.8, the maximum.
    const score = tokenF1("Denver Broncos", ["Broncos", "Denver Broncos team"]);
    expect(score).toBeCloseTo(0.8, 10);
  });

  it("scores an empty prediction 0", () => {
    expect(tokenF1("", ["Normans"])).toBe(0);
    expect(tokenF1("the", ["Normans"])).toBe(0);
  });

  it("scores 1 when prediction and gold both normalise to nothing", () => {
    expect(tokenF1("The.", ["a"])).toBe(1);
  });

  it("leaves a question without gold answers unscored", () => {
    expect(tokenF1("Normans", [])).toBeNull();
  });
});

describe("containsAnswer", () => {
  const prediction = "It was founded in the 10th century, by the Normans.";

  it("finds a gold answer inside a longer prediction", () => {
    expect(containsAnswer(prediction, ["10th Century"])).toBe(1);
    expect(containsAnswer(prediction, ["Vikings", "the Normans"])).toBe(1);
  });

  it("matches whole words only", () => {
    expect(containsAnswer(prediction, ["10th cent"])).toBe(0);
    expect(containsAnswer(prediction, ["0th century"])).toBe(0);
  });

  it("never counts a gold answer that normalises to nothing", () => {
    expect(containsAnswer(prediction, ["the"])).toBe(0);
  });

  it("scores an empty prediction 0", () => {
    expect(containsAnswer("", ["Normans"])).toBe(0);
  });

  it("leaves a question without gold answers unscored", () => {
    expect(containsAnswer(prediction, [])).toBeNull();
  });
});

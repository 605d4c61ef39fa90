import { flesch } from "flesch";
import { describe, expect, it } from "vitest";
import { measureReadability } from "./readability.js";

describe("measureReadability", () => {
  it("gives Flesch reading ease 116.145 for 1 sentence, 6 words, 6 syllables", () => {
    // 206.835 − 1.015 · 6/1 − 84.6 · 6/6 = 206.835 − 6.09 − 84.6 = 116.145
    expect(flesch({ sentence: 1, word: 6, syllable: 6 })).toBeCloseTo(
      116.145,
      9,
    );
    const measured = measureReadability("The cat sat on the mat.");
    expect(measured.sentenceCount).toBe(1);
    expect(measured.wordCount).toBe(6);
    expect(measured.syllableCount).toBe(6);
    expect(measured.fleschReadingEase).toBeCloseTo(116.145, 9);
  });

  it("counts a real two-sentence text as checked by hand", () => {
    // Read·ing (2) is (1) fun (1) | Writ·ing (2) helps (1) too (1):
    // 2 sentences, 6 words, 8 syllables.
    // Ease  = 206.835 − 1.015 · 3 − 84.6 · 8/6 = 90.99
    // Grade = 0.39 · 3 + 11.8 · 8/6 − 15.59 = 1.31333…
    const measured = measureReadability("Reading is fun. Writing helps too!");
    expect(measured).toEqual({
      sentenceCount: 2,
      wordCount: 6,
      syllableCount: 8,
      fleschReadingEase: expect.closeTo(90.99, 9),
      fleschKincaidGrade: expect.closeTo(1.313333, 5),
    });
  });

  it("counts a number as one syllable instead of none", () => {
    // "It" 1 + "cost" 1 + "1999" (estimator says 0, counted as 1) = 3
    expect(measureReadability("It cost 1999.").syllableCount).toBe(3);
  });

  it("leaves the formulas null for a text without words", () => {
    expect(measureReadability("  ... ")).toEqual({
      sentenceCount: 0,
      wordCount: 0,
      syllableCount: 0,
      fleschReadingEase: null,
      fleschKincaidGrade: null,
    });
  });
});

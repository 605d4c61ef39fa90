import { describe, expect, it } from "vitest";
import { offlineFluency, repeatedTrigramShare } from "./offline-fluency.js";

const FLUENT =
  "The handbook explains how to request leave. Employees submit a form " +
  "to their manager at least two weeks ahead. The manager approves or " +
  "declines the request within three days. Approved leave appears in the " +
  "shared calendar.";

/** The 36 words of FLUENT, unpunctuated, in a fixed scrambled order. */
function wordSalad(text: string): string {
  const words = text.replace(/\./g, "").toLowerCase().split(" ");
  return words
    .map((word, index) => ({ word, rank: (index * 7) % words.length }))
    .sort((left, right) => left.rank - right.rank)
    .map(({ word }) => word)
    .join(" ");
}

describe("offlineFluency", () => {
  it("ranks a fluent paragraph above the same words as a salad", () => {
    const salad = wordSalad(FLUENT);
    expect(salad.split(" ").sort()).toEqual(
      FLUENT.replace(/\./g, "").toLowerCase().split(" ").sort(),
    );
    // Fluent: 4 sentences, 36 words, 55 syllables, ease 68.45 → 1.
    // Salad: one 36-word sentence, ease 41.045 → 41.045 / 60 ≈ 0.684.
    expect(offlineFluency(FLUENT)).toBeCloseTo(1, 9);
    expect(offlineFluency(salad)).toBeCloseTo(41.045 / 60, 6);
    expect(offlineFluency(FLUENT) - offlineFluency(salad)).toBeGreaterThan(
      0.25,
    );
  });

  it("ranks a fluent paragraph far above a repeated token", () => {
    const repeated = Array.from({ length: 40 }, () => "the").join(" ");
    // 38 trigrams, 1 distinct: (1 − 37/38) · min(1, (1/40) / 0.3)
    // = (1/38) · (1/12) ≈ 0.00219
    expect(offlineFluency(repeated)).toBeCloseTo(1 / 38 / 12, 9);
    expect(offlineFluency(FLUENT) - offlineFluency(repeated)).toBeGreaterThan(
      0.9,
    );
  });

  it("scores an answer without words 0", () => {
    expect(offlineFluency("")).toBe(0);
    expect(offlineFluency(" ?! ")).toBe(0);
  });

  it("does not punish a short answer for one long word", () => {
    // 1 word, 5 syllables: ease −104.6 → band 0, weighted 1/20 → 0.95.
    expect(offlineFluency("Photosynthesis.")).toBeCloseTo(0.95, 9);
  });
});

describe("repeatedTrigramShare", () => {
  it("counts trigrams seen before", () => {
    // a b c a b c: trigrams abc bca cab abc → 1 of 4 repeats.
    expect(repeatedTrigramShare(["a", "b", "c", "a", "b", "c"])).toBe(0.25);
    expect(repeatedTrigramShare(["a", "b"])).toBe(0);
  });
});

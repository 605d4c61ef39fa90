import { describe, expect, it } from "vitest";
import { createLengthFunction } from "./create-length-function.js";

describe("createLengthFunction", () => {
  it("counts characters", () => {
    expect(createLengthFunction("characters")("naïve café")).toBe(10);
  });

  it("counts o200k_base tokens", () => {
    // The|quick|brown|fox|jumps|over|the|lazy|dog|. (10 tokens).
    const measure = createLengthFunction("tokens");
    expect(measure("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it("counts a piece as it would stand trimmed at the start of a chunk", () => {
    const measure = createLengthFunction("tokens");
    // " studied" is one token, "studied" is stud|ied: the piece counts 2.
    expect(measure("studied")).toBe(2);
    expect(measure(" studied")).toBe(2);
    // " the" and "the" are both one token.
    expect(measure(" the")).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import {
  isFreeOfRepeatSuffix,
  questionOfCase,
  repeatQuestionId,
} from "./repeat-ids.js";

describe("repeat ids", () => {
  it("names repeats from the second on, and reads their question back", () => {
    expect(repeatQuestionId("q1", 1)).toBe("q1");
    expect(repeatQuestionId("q1", 3)).toBe("q1#3");
    expect(questionOfCase("q1#3")).toBe("q1");
    expect(questionOfCase("q1")).toBe("q1");
    expect(questionOfCase("a#b#12")).toBe("a#b");
  });

  it("keeps the suffix from data set ids", () => {
    expect(isFreeOfRepeatSuffix("q#a")).toBe(true);
    expect(isFreeOfRepeatSuffix("q#")).toBe(true);
    expect(isFreeOfRepeatSuffix("q#2")).toBe(false);
  });
});

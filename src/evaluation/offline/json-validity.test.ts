import { describe, expect, it } from "vitest";
import { jsonValidity } from "./json-validity.js";

describe("jsonValidity", () => {
  it("accepts JSON on its own, white space around it allowed", () => {
    expect(jsonValidity('  {"answer": 42}\n')).toBe(1);
    expect(jsonValidity("[1, 2, 3]")).toBe(1);
  });

  it("accepts JSON inside a fenced block", () => {
    const answer = 'Here it is:\n```json\n{"city": "Paris"}\n```\nDone.';
    expect(jsonValidity(answer)).toBe(1);
    expect(jsonValidity('```\n["a"]\n```')).toBe(1);
  });

  it("refuses text, broken JSON and broken fenced JSON", () => {
    expect(jsonValidity("Paris")).toBe(0);
    expect(jsonValidity("{'single': 'quotes'}")).toBe(0);
    expect(jsonValidity('```json\n{"open": \n```')).toBe(0);
    expect(jsonValidity("")).toBe(0);
  });
});

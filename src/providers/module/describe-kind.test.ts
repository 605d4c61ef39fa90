import { describe, expect, it } from "vitest";
import { describeKind } from "./describe-kind.js";

describe("describeKind", () => {
  it("names the kind of an export without printing it", () => {
    class Reader {}

    expect(describeKind(() => "a long function body")).toBe("a function");
    expect(describeKind("2.1.0")).toBe("a string");
    expect(describeKind(42)).toBe("a number");
    expect(describeKind(null)).toBe("null");
    expect(describeKind(undefined)).toBe("undefined");
    expect(describeKind([1, 2])).toBe("an array");
    expect(describeKind({ text: "x" })).toBe("a plain object");
    expect(describeKind(Object.create(null))).toBe("a plain object");
    expect(describeKind(new Reader())).toBe("an instance of Reader");
  });
});

import { describe, expect, it } from "vitest";
import { formatReceived } from "./format-received.js";

describe("formatReceived", () => {
  it("shows scalars with their type", () => {
    expect(formatReceived("abc")).toBe('"abc" (string)');
    expect(formatReceived(-3)).toBe("-3 (number)");
    expect(formatReceived(true)).toBe("true (boolean)");
  });

  it("describes lists by length and mappings by kind", () => {
    expect(formatReceived([1, 2])).toBe("a list of 2 items");
    expect(formatReceived(["x"])).toBe("a list of 1 item");
    expect(formatReceived([])).toBe("an empty list");
    expect(formatReceived({ size: 3 })).toBe("a mapping");
  });

  it("tells a missing field from an empty one", () => {
    expect(formatReceived(undefined)).toBe("nothing (the field is missing)");
    expect(formatReceived(null)).toBe("an empty value (null)");
  });

  it("cuts long strings to 40 characters", () => {
    const shown = formatReceived("x".repeat(100));

    // 39 characters, the ellipsis, two quotes and " (string)".
    expect(shown).toBe(`"${"x".repeat(39)}…" (string)`);
  });
});

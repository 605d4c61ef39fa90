import { describe, expect, it } from "vitest";
import { toChunks } from "./to-chunks.js";

describe("toChunks", () => {
  it("trims, drops blank pieces and numbers the rest from 0", () => {
    expect(toChunks("guide/intro", [" first ", "\n \t", "second\n"])).toEqual([
      {
        id: "guide/intro#0",
        documentId: "guide/intro",
        index: 0,
        text: "first",
      },
      {
        id: "guide/intro#1",
        documentId: "guide/intro",
        index: 1,
        text: "second",
      },
    ]);
  });
});

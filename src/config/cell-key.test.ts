import { describe, expect, it } from "vitest";
import type { CellParams } from "../spec/experiment.js";
import { defaultPrompt } from "./builtin-prompts.js";
import { cellLabel } from "./cell-key.js";

const generationCell: CellParams = {
  chunking: { strategy: "recursive", size: 256, overlap: 32, unit: "tokens" },
  embedder: "local:glove-100d",
  topK: 5,
  retrieval: "dense",
  model: { alias: "reader", provider: "local", model: "extractive" },
  prompt: defaultPrompt(),
};

describe("cellLabel", () => {
  it("names every part of a generation cell", () => {
    expect(cellLabel(generationCell)).toBe(
      "recursive 256t/32 · glove-100d · dense · k5 · reader · grounded",
    );
  });

  it("leaves out what a retrieval-only bm25 cell does not have", () => {
    const label = cellLabel({
      ...generationCell,
      chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
      embedder: null,
      retrieval: "bm25",
      topK: 3,
      model: null,
      prompt: null,
    });

    expect(label).toBe("none · bm25 · k3");
  });

  it("names a prompt file by its stem and counts characters with c", () => {
    const label = cellLabel({
      ...generationCell,
      chunking: {
        strategy: "sentence",
        size: 512,
        overlap: 0,
        unit: "characters",
      },
      prompt: { id: "../prompts/concise.v2.md", template: "", contentHash: "" },
    });

    expect(label).toBe(
      "sentence 512c/0 · glove-100d · dense · k5 · reader · concise.v2",
    );
  });
});

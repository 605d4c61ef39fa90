import { describe, expect, it } from "vitest";
import type { Cell, CellParams } from "../spec/experiment.js";
import { filterCells } from "./filter-cells.js";

function cell(key: string, topK: number, embedder: string): Cell {
  const params: CellParams = {
    chunking: { strategy: "none", size: 0, overlap: 0, unit: "characters" },
    embedder,
    topK,
    retrieval: "dense",
    model: null,
    prompt: null,
  };
  return { key, label: key, params };
}

// Two cells that differ on two axes: (k1, glove) and (k2, bm25).
const CELLS = [cell("a", 1, "local:glove-100d"), cell("b", 2, "local:bm25")];

describe("filterCells", () => {
  it("matches an embedder with or without its provider", () => {
    expect(filterCells(CELLS, ["embedder=bm25"]).map((c) => c.key)).toEqual([
      "b",
    ]);
    expect(
      filterCells(CELLS, ["embedder=local:bm25", "embedder=glove-100d"]).map(
        (c) => c.key,
      ),
    ).toEqual(["a", "b"]);
  });

  it("refuses filters that each match a cell but no cell together", () => {
    expect(() => filterCells(CELLS, ["top_k=1", "embedder=bm25"])).toThrow(
      "--filter top_k=1 embedder=bm25: no cell matches; the cells have " +
        "top_k: 1, 2; embedder: local:glove-100d, local:bm25",
    );
  });
});

import { describe, expect, it } from "vitest";
import type { ChunkingSpec } from "../spec/chunk.js";
import type { ModelSpec, PromptSpec } from "../spec/experiment.js";
import { sha256 } from "../util/hash.js";
import { DEFAULT_PROMPT_ID } from "./builtin-prompts.js";
import { cellKey } from "./cell-key.js";
import { expandMatrix } from "./expand-matrix.js";
import type { MatrixAxes } from "./matrix-axes.js";

function recursive(size: number, overlap = 0): ChunkingSpec {
  return { strategy: "recursive", size, overlap, unit: "characters" };
}

const reader: ModelSpec = {
  alias: "reader",
  provider: "local",
  model: "extractive",
};

function prompt(id: string, template: string): PromptSpec {
  return { id, template, contentHash: sha256(template) };
}

/** Axes with one value each unless a test says otherwise. */
function axes(overrides: Partial<MatrixAxes>): MatrixAxes {
  return {
    chunking: [recursive(256, 32)],
    embedder: ["local:glove-100d"],
    topK: [5],
    retrieval: ["dense"],
    model: [null],
    prompt: [null],
    ...overrides,
  };
}

describe("expandMatrix", () => {
  it("takes the cartesian product, the first axis varying slowest", () => {
    const { cells, warnings } = expandMatrix(
      axes({
        chunking: [recursive(256), recursive(512)],
        embedder: ["local:bm25", "local:glove-100d"],
        topK: [1, 3, 5],
      }),
    );

    // 2 chunkings × 2 embedders × 3 depths × 1 × 1 × 1 = 12 cells.
    expect(cells).toHaveLength(12);
    expect(cells.slice(0, 4).map((cell) => cell.label)).toEqual([
      "recursive 256c/0 · bm25 · dense · k1",
      "recursive 256c/0 · bm25 · dense · k3",
      "recursive 256c/0 · bm25 · dense · k5",
      "recursive 256c/0 · glove-100d · dense · k1",
    ]);
    expect(cells[11]?.label).toBe("recursive 512c/0 · glove-100d · dense · k5");
    expect(warnings).toEqual([]);
  });

  it("removes the cells an exclude rule matches on all its keys", () => {
    const { cells } = expandMatrix(
      axes({ embedder: ["local:bm25", "local:glove-100d"], topK: [3, 5] }),
      { exclude: [{ embedder: "local:bm25", topK: 5 }], include: [] },
    );

    // 4 cells, one of which is bm25 with k5.
    expect(cells.map((cell) => cell.label)).toEqual([
      "recursive 256c/32 · bm25 · dense · k3",
      "recursive 256c/32 · glove-100d · dense · k3",
      "recursive 256c/32 · glove-100d · dense · k5",
    ]);
  });

  it("matches chunking rules on the sub-fields they give", () => {
    const { cells } = expandMatrix(
      axes({
        chunking: [recursive(256, 0), recursive(512, 0), recursive(512, 64)],
      }),
      { exclude: [{ chunking: { size: 512 } }], include: [] },
    );

    expect(cells.map((cell) => cell.params.chunking)).toEqual([
      recursive(256, 0),
    ]);
  });

  it("warns about an exclude rule that matches no cell", () => {
    const { cells, warnings } = expandMatrix(axes({ topK: [3, 5] }), {
      exclude: [{ topK: 7, embedder: "local:glove-100d" }],
      include: [],
    });

    expect(cells).toHaveLength(2);
    expect(warnings).toEqual([
      "exclude[0] { embedder: local:glove-100d, top_k: 7 } matches no cell " +
        "of the matrix; check its values for a typo",
    ]);
  });

  it("adds included cells after the product, filling in first values", () => {
    const { cells } = expandMatrix(
      axes({
        chunking: [recursive(256), recursive(512)],
        embedder: ["local:glove-100d", "local:bm25"],
        topK: [3, 5],
      }),
      { exclude: [], include: [{ topK: 10 }] },
    );

    // 2 × 2 × 2 = 8 product cells, then the included one.
    expect(cells).toHaveLength(9);
    expect(cells[8]?.params).toEqual({
      chunking: recursive(256),
      embedder: "local:glove-100d",
      topK: 10,
      retrieval: "dense",
      model: null,
      prompt: null,
    });
  });

  it("keeps a repeated cell once and says so", () => {
    const { cells, warnings } = expandMatrix(axes({ topK: [3, 3, 5] }), {
      exclude: [],
      include: [{ topK: 5 }],
    });

    expect(cells.map((cell) => cell.params.topK)).toEqual([3, 5]);
    expect(warnings).toEqual([
      "dropped 1 repeated cell of the matrix (a value listed twice, or two " +
        "aliases of one model)",
      'include[0] repeats the cell "recursive 256c/32 · glove-100d · dense ' +
        '· k5", which runs once',
    ]);
  });

  it("drops the embedder of bm25 cells and merges them", () => {
    const { cells, warnings } = expandMatrix(
      axes({
        embedder: ["local:bm25", "local:glove-100d"],
        retrieval: ["dense", "bm25"],
      }),
    );

    // 2 embedders × 2 modes = 4; the two bm25 cells become one.
    expect(cells.map((cell) => cell.label)).toEqual([
      "recursive 256c/32 · bm25 · dense · k5",
      "recursive 256c/32 · bm25 · k5",
      "recursive 256c/32 · glove-100d · dense · k5",
    ]);
    expect(cells[1]?.params.embedder).toBeNull();
    expect(warnings).toEqual([
      "merged 1 bm25 cell that differed only by embedder: bm25 retrieval " +
        "does not use an embedder",
    ]);
  });

  it("keeps hybrid retrieval over local:bm25 but warns", () => {
    const { cells, warnings } = expandMatrix(
      axes({ embedder: ["local:bm25"], retrieval: ["hybrid"] }),
    );

    expect(cells).toHaveLength(1);
    expect(warnings).toEqual([
      "retrieval hybrid with embedder local:bm25 fuses BM25 with itself; " +
        "kept 1 such cell, which measure BM25 alone",
    ]);
  });

  it("gives cells with a model and no prompt the built-in prompt", () => {
    const { cells } = expandMatrix(axes({}), {
      exclude: [],
      include: [{ model: reader }],
    });

    expect(cells[0]?.params.prompt).toBeNull();
    expect(cells[1]?.params.prompt?.id).toBe(DEFAULT_PROMPT_ID);
  });

  it("matches exclude rules on model alias and prompt id", () => {
    const grounded = prompt("prompts/grounded.md", "{{context}} {{question}}");
    const concise = prompt("prompts/concise.md", "{{question}}");
    const { cells } = expandMatrix(
      axes({ model: [reader], prompt: [grounded, concise] }),
      {
        exclude: [{ model: "reader", prompt: "prompts/concise.md" }],
        include: [],
      },
    );

    expect(cells.map((cell) => cell.params.prompt?.id)).toEqual([
      "prompts/grounded.md",
    ]);
  });
});

describe("cell keys", () => {
  const params = expandMatrix(axes({ model: [reader], prompt: [null] }))
    .cells[0]?.params;

  it("are 12 hex digits that do not depend on key order", () => {
    if (params === undefined) throw new Error("no cell");
    const reordered = {
      prompt: params.prompt,
      model: params.model,
      retrieval: params.retrieval,
      topK: params.topK,
      embedder: params.embedder,
      chunking: {
        unit: params.chunking.unit,
        overlap: params.chunking.overlap,
        size: params.chunking.size,
        strategy: params.chunking.strategy,
      },
    };

    expect(cellKey(params)).toMatch(/^[0-9a-f]{12}$/);
    expect(cellKey(reordered)).toBe(cellKey(params));
  });

  it("do not change when a model alias is renamed", () => {
    const renamed = expandMatrix(
      axes({ model: [{ ...reader, alias: "extractive-reader" }] }),
    ).cells[0];

    expect(renamed?.label).toContain("extractive-reader");
    expect(renamed?.key).toBe(params && cellKey(params));
  });

  it("change with the model's parameters and the prompt's content", () => {
    const warmer = expandMatrix(
      axes({ model: [{ ...reader, temperature: 1 }] }),
    ).cells[0];
    const edited = expandMatrix(
      axes({ model: [reader], prompt: [prompt(DEFAULT_PROMPT_ID, "edited")] }),
    ).cells[0];
    const keys = new Set([params && cellKey(params), warmer?.key, edited?.key]);

    expect(keys.size).toBe(3);
  });
});

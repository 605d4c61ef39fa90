import { describe, expect, it } from "vitest";
import { axisEffects } from "./axis-effects.js";

interface Cell {
  model: string;
  chunkSize: number;
  scores: number[];
}

// A 2 × 2 matrix, chunk size 512 seen first.
const cells: Cell[] = [
  { model: "a", chunkSize: 512, scores: [1, 1] },
  { model: "a", chunkSize: 256, scores: [1, 0] },
  { model: "b", chunkSize: 256, scores: [0, 0] },
  { model: "b", chunkSize: 512, scores: [0, 1] },
];

const axes = {
  model: (cell: Cell) => cell.model,
  chunkSize: (cell: Cell) => String(cell.chunkSize),
};

describe("axisEffects", () => {
  it("pools the cases of every cell at each level", () => {
    // Model a: [1, 1, 1, 0], mean 0.75. Four draws of a 3/4 coin are all
    // 0 with chance 1/256 (under 2.5%) and at most one 1 with chance
    // 1/256 + 12/256 ≈ 5%, so the 2.5% point is 0.25; all four are 1
    // with chance 81/256 ≈ 32%, so the 97.5% point is 1. Model b and
    // chunk 256 hold [0, 0, 0, 1], the mirror image: [0, 0.75].
    expect(axisEffects(cells, axes, (cell) => cell.scores)).toEqual([
      {
        axis: "model",
        level: "a",
        mean: 0.75,
        low: 0.25,
        high: 1,
        cellCount: 2,
      },
      {
        axis: "model",
        level: "b",
        mean: 0.25,
        low: 0,
        high: 0.75,
        cellCount: 2,
      },
      {
        axis: "chunkSize",
        level: "512",
        mean: 0.75,
        low: 0.25,
        high: 1,
        cellCount: 2,
      },
      {
        axis: "chunkSize",
        level: "256",
        mean: 0.25,
        low: 0,
        high: 0.75,
        cellCount: 2,
      },
    ]);
  });

  it("weighs cells by their number of cases", () => {
    const uneven: Cell[] = [
      { model: "a", chunkSize: 256, scores: [1] },
      { model: "a", chunkSize: 512, scores: [0, 0, 0] },
    ];
    // Four cases, one of them 1: mean 0.25, not the 0.5 of cell means.
    const [effect] = axisEffects(uneven, { model: axes.model }, (cell) => {
      return cell.scores;
    });
    expect(effect?.mean).toBe(0.25);
  });

  it("leaves out a level whose cells hold no scores", () => {
    const withEmpty = [...cells, { model: "c", chunkSize: 256, scores: [] }];
    const levels = axisEffects(withEmpty, { model: axes.model }, (cell) => {
      return cell.scores;
    }).map((effect) => effect.level);
    expect(levels).toEqual(["a", "b"]);
  });

  it("repeats its intervals for the same seed", () => {
    const scoreOf = (cell: Cell) => cell.scores;
    const first = axisEffects(cells, axes, scoreOf, { seed: 4 });
    expect(axisEffects(cells, axes, scoreOf, { seed: 4 })).toEqual(first);
  });
});

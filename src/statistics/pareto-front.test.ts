import { describe, expect, it } from "vitest";
import { type ParetoObjective, paretoFront } from "./pareto-front.js";

interface Cell {
  name: string;
  score: number | null;
  costUsd: number;
  latencyMs: number;
}

const cells: Cell[] = [
  { name: "A", score: 0.8, costUsd: 0.01, latencyMs: 900 },
  { name: "B", score: 0.75, costUsd: 0.004, latencyMs: 700 },
  // C: B scores higher, costs less and answers faster.
  { name: "C", score: 0.7, costUsd: 0.005, latencyMs: 800 },
  // D: same score as A, but costs more and is slower.
  { name: "D", score: 0.8, costUsd: 0.012, latencyMs: 950 },
  // E: worst score and slowest, but the cheapest of all.
  { name: "E", score: 0.6, costUsd: 0.001, latencyMs: 1200 },
  // F: unscored, so it cannot be placed.
  { name: "F", score: null, costUsd: 0, latencyMs: 10 },
  // G: most expensive, but the best score and the fastest.
  { name: "G", score: 0.85, costUsd: 0.03, latencyMs: 400 },
  // H: identical to B; neither beats the other.
  { name: "H", score: 0.75, costUsd: 0.004, latencyMs: 700 },
];

const score: ParetoObjective<Cell> = {
  value: (cell) => cell.score,
  goal: "max",
};
const cost: ParetoObjective<Cell> = {
  value: (cell) => cell.costUsd,
  goal: "min",
};
const latency: ParetoObjective<Cell> = {
  value: (cell) => cell.latencyMs,
  goal: "min",
};

function namesOf(front: Cell[]): string[] {
  return front.map((cell) => cell.name);
}

describe("paretoFront", () => {
  it("keeps the cells no other cell beats on score, cost and latency", () => {
    expect(namesOf(paretoFront(cells, [score, cost, latency]))).toEqual([
      "A",
      "B",
      "E",
      "G",
      "H",
    ]);
  });

  it("drops a cell that only one objective spared", () => {
    // On score and latency alone E (0.6, 1200 ms) loses to A on both, and
    // A (0.8, 900 ms) loses to G (0.85, 400 ms).
    expect(namesOf(paretoFront(cells, [score, latency]))).toEqual(["G"]);
  });

  it("keeps input order whatever the order of objectives", () => {
    const reversed = [...cells].reverse();
    expect(namesOf(paretoFront(reversed, [latency, cost, score]))).toEqual([
      "H",
      "G",
      "E",
      "B",
      "A",
    ]);
  });

  it("leaves out items missing a value, NaN included", () => {
    const broken = cells.map((cell) =>
      cell.name === "G" ? { ...cell, score: Number.NaN } : cell,
    );
    // Without G, A has the best score and nothing dominates it on
    // score and latency; B and H are faster than A.
    expect(namesOf(paretoFront(broken, [score, latency]))).toEqual([
      "A",
      "B",
      "H",
    ]);
  });

  it("returns nothing for no items", () => {
    expect(paretoFront<Cell>([], [score])).toEqual([]);
  });
});

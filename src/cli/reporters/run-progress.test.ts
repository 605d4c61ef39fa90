import { describe, expect, it } from "vitest";
import { RunProgress } from "./run-progress.js";

describe("RunProgress", () => {
  it("starts a resumed run's cells from what earlier sessions recorded", () => {
    const progress = new RunProgress(() => 0);
    progress.apply({
      type: "run-start",
      runId: "r1",
      experimentName: "x",
      cellCount: 2,
      questionCount: 4,
      cells: [
        { key: "a", label: "cell a", recordedCases: 3, recordedErrors: 1 },
        { key: "b", label: "cell b", recordedCases: 0, recordedErrors: 0 },
      ],
    });
    progress.apply({
      type: "case-end",
      cellKey: "a",
      questionId: "q4",
      completedCases: 4,
      totalCases: 8,
      error: null,
    });

    const snapshot = progress.snapshot();
    expect(snapshot.cells.map((cell) => cell.completedCases)).toEqual([4, 0]);
    expect(snapshot.cells.map((cell) => cell.errorCount)).toEqual([1, 0]);
    expect([snapshot.completedCases, snapshot.errorCount]).toEqual([4, 1]);
  });
});

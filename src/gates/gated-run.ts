import type {
  CaseRecord,
  CellRecord,
  CellSummary,
  RunRecord,
} from "../spec/records.js";

/** What checking gates reads of one run, the gated run or its baseline. */
export interface GatedRun {
  run: RunRecord;
  /** Every cell of the run, finished or not, in matrix order. */
  cells: readonly CellRecord[];
  /** Summaries of the finished cells. */
  summaries: readonly CellSummary[];
  /** The best cell by the first metric, as the leaderboard ranks it. */
  bestCellKey: string | null;
  /** The cases of one cell, with their scores. */
  casesOf(cellKey: string): CaseRecord[];
}

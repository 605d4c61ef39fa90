import type { CaseFigures } from "../evaluation/summarize-cell.js";
import type { Cell } from "../spec/experiment.js";
import type { CaseRecord } from "../spec/records.js";

/**
 * Collects each cell's finished cases and says when a cell is complete.
 * It keeps only the figures aggregation needs, not question texts and answers,
 * so a long run's memory does not grow with its text.
 */
export class CellProgress {
  readonly #casesByCell = new Map<string, CaseFigures[]>();
  readonly #questionCount: number;
  completedCases = 0;
  errorCount = 0;
  readonly #errorCounts = new Map<string, number>();

  constructor(cells: Cell[], questionCount: number) {
    this.#questionCount = questionCount;
    for (const cell of cells) this.#casesByCell.set(cell.key, []);
  }

  /** Adds a case; returns the cell's cases when this was its last one. */
  add(record: CaseRecord): CaseFigures[] | null {
    const cases = this.#casesByCell.get(record.cellKey);
    if (cases === undefined) throw new Error(`unknown cell ${record.cellKey}`);
    cases.push({
      questionId: record.questionId,
      error: record.error,
      scores: record.scores,
      latencyMs: record.latencyMs,
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      costUsd: record.costUsd,
      evaluationCostUsd: record.evaluationCostUsd,
    });
    this.completedCases += 1;
    if (record.error !== null) this.#countError(record.error);
    return cases.length === this.#questionCount ? cases : null;
  }

  /** The `limit` most frequent error messages, most frequent first. */
  commonErrors(limit: number): Array<{ message: string; count: number }> {
    return [...this.#errorCounts]
      .sort(([, left], [, right]) => right - left)
      .slice(0, limit)
      .map(([message, count]) => ({ message, count }));
  }

  #countError(message: string): void {
    this.errorCount += 1;
    this.#errorCounts.set(message, (this.#errorCounts.get(message) ?? 0) + 1);
  }

  /** Cells that have some cases but not all, with the cases they have. */
  unfinishedCells(): Array<{ cellKey: string; cases: CaseFigures[] }> {
    return [...this.#casesByCell]
      .filter(
        ([, cases]) => cases.length > 0 && cases.length < this.#questionCount,
      )
      .map(([cellKey, cases]) => ({ cellKey, cases }));
  }
}

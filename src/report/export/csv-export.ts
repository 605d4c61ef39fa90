import { stringify } from "csv-stringify/sync";
import { AXES, describeParameters } from "../../cli/render/cell-parameters.js";
import { costPerCaseOf } from "../../cli/render/render-leaderboard.js";
import type { CellSummary } from "../../spec/records.js";
import type { RecordedRun } from "../../store/recorded-run.js";
import type { CsvTable } from "./csv-tables.js";

type CsvValue = string | number | boolean | null;

/** One CSV table of a run, with a header row. */
export function renderCsvTable(
  table: CsvTable,
  recorded: RecordedRun,
  metricNames: readonly string[],
): string {
  const rows =
    table === "cases"
      ? caseRows(recorded, metricNames)
      : cellRows(recorded, metricNames);
  return stringify(rows, {
    header: true,
    columns: csvColumns(table, metricNames),
  });
}

/** The header of a table, in column order. */
export function csvColumns(
  table: CsvTable,
  metricNames: readonly string[],
): string[] {
  if (table === "cases") {
    return [
      "run_id",
      "cell_key",
      "cell_label",
      "question_id",
      "question",
      "answer",
      "error",
      ...metricNames,
      "latency_ms",
      "retrieval_latency_ms",
      "generation_latency_ms",
      "input_tokens",
      "output_tokens",
      "cost_usd",
      "is_cached",
    ];
  }
  return [
    "run_id",
    "cell_key",
    "cell_label",
    ...AXES,
    "case_count",
    "error_count",
    ...metricNames.flatMap((name) => [
      name,
      `${name}_low`,
      `${name}_high`,
      `${name}_scored`,
    ]),
    "latency_p50_ms",
    "latency_p95_ms",
    "latency_p99_ms",
    "input_tokens",
    "output_tokens",
    "cost_usd",
    "cost_per_case_usd",
  ];
}

function caseRows(
  recorded: RecordedRun,
  metricNames: readonly string[],
): Record<string, CsvValue>[] {
  const labels = new Map(recorded.cells.map((cell) => [cell.key, cell.label]));
  return recorded.cases.map((record) => ({
    run_id: record.runId,
    cell_key: record.cellKey,
    cell_label: labels.get(record.cellKey) ?? "",
    question_id: record.questionId,
    question: record.question,
    answer: record.answer,
    error: record.error,
    ...Object.fromEntries(
      metricNames.map((name) => [name, record.scores[name] ?? null]),
    ),
    latency_ms: record.latencyMs,
    retrieval_latency_ms: record.retrievalLatencyMs,
    generation_latency_ms: record.generationLatencyMs,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cost_usd: record.costUsd,
    is_cached: record.isCached ? 1 : 0,
  }));
}

function cellRows(
  recorded: RecordedRun,
  metricNames: readonly string[],
): Record<string, CsvValue>[] {
  return recorded.summaries.map((summary) => ({
    run_id: recorded.run.id,
    cell_key: summary.cellKey,
    cell_label: summary.label,
    ...describeParameters(summary.params),
    case_count: summary.caseCount,
    error_count: summary.errorCount,
    ...Object.fromEntries(
      metricNames.flatMap((name) => metricCells(summary, name)),
    ),
    latency_p50_ms: summary.latencyMs.p50,
    latency_p95_ms: summary.latencyMs.p95,
    latency_p99_ms: summary.latencyMs.p99,
    input_tokens: summary.inputTokens,
    output_tokens: summary.outputTokens,
    cost_usd: summary.costUsd,
    cost_per_case_usd: costPerCaseOf(summary),
  }));
}

function metricCells(
  summary: CellSummary,
  name: string,
): Array<[string, CsvValue]> {
  const interval = summary.intervals[name] ?? null;
  return [
    [name, summary.metrics[name] ?? null],
    [`${name}_low`, interval?.low ?? null],
    [`${name}_high`, interval?.high ?? null],
    [`${name}_scored`, summary.scoredCounts[name] ?? 0],
  ];
}
